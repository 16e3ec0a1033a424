// Entry point: `pnpm --filter @lrkit/example-schedule-comparison start -- [flags]`.
import { CommanderError } from 'commander';

import { parseComparisonArguments } from './options.js';
import { runComparison } from './run-comparison.js';

try {
  await runComparison(parseComparisonArguments(process.argv.slice(2)));
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
