// Entry point: `pnpm --filter @lrkit/example-schedule-comparison merge -- --into <full run> --from <re-run> [--note <file.md>]`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { mergeRunInto } from './merge-runs.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { into: { type: 'string' }, from: { type: 'string' }, note: { type: 'string' } },
});
if (values.into === undefined || values.from === undefined) {
  console.error('usage: merge --into <folder of the full run> --from <folder of the re-run of some variants> [--note <markdown file>]');
  process.exit(2);
}
const base = process.env.INIT_CWD ?? process.cwd();
const note = values.note === undefined ? undefined : readFileSync(resolve(base, values.note), 'utf8');
const merged = await mergeRunInto(resolve(base, values.into), resolve(base, values.from), note);
console.log(`merged ${merged.mergedFrom?.at(-1)?.variants.join(', ')} into ${resolve(base, values.into)}/summary.md`);
