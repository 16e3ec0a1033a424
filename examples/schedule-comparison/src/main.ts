// Entry point: `pnpm --filter @lrkit/example-schedule-comparison start -- [flags]`.
import { runCommandLine } from '@lrkit/examples-common';

import { parseComparisonArguments } from './options.js';
import { runComparison } from './run-comparison.js';

await runCommandLine(async () => runComparison(parseComparisonArguments(process.argv.slice(2))));
