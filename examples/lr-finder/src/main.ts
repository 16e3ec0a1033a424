// Entry point: `pnpm --filter @lrkit/example-lr-finder start -- [flags]`.
import { runCommandLine } from '@lrkit/examples-common';

import { parseLrFinderArguments } from './options.js';
import { runQualityCheck } from './quality-mode.js';
import { runLrFinder } from './run-mode.js';

await runCommandLine(async () => {
  const options = parseLrFinderArguments(process.argv.slice(2));
  if (options.mode === 'quality') await runQualityCheck(options);
  else await runLrFinder(options);
});
