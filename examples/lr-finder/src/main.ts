// Entry point: `pnpm --filter @lrkit/example-lr-finder start -- [flags]`.
import { CommanderError } from 'commander';

import { parseLrFinderArguments } from './options.js';
import { runQualityCheck } from './quality-mode.js';
import { runLrFinder } from './run-mode.js';

try {
  const options = parseLrFinderArguments(process.argv.slice(2));
  if (options.mode === 'quality') await runQualityCheck(options);
  else await runLrFinder(options);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
