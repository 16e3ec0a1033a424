/**
 * `pnpm bench`: runs every benchmark and writes docs/benchmarks.md and docs/benchmarks.json.
 *
 *   pnpm bench                      # full run (several minutes; run it on a quiet machine)
 *   pnpm bench --smoke              # tiny sizes, checks everything runs (writes to bench/smoke-report/)
 *   pnpm bench --only=memory,callbacks
 *   pnpm bench --out=some/dir       # write somewhere else than docs/
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown, runReport } from './report.js';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const smoke = args.includes('--smoke');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outArgument = args.find((arg) => arg.startsWith('--out='))?.slice('--out='.length);
const out = outArgument !== undefined ? path.resolve(process.cwd(), outArgument) : path.join(root, smoke ? 'bench/smoke-report' : 'docs');

const report = await runReport({ smoke, args, ...(only === undefined ? {} : { only }) });
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'benchmarks.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(out, 'benchmarks.md'), renderMarkdown(report));
for (const verdict of report.targets) console.log(`${verdict.met ? 'met    ' : 'NOT MET'}  ${verdict.target}: ${verdict.measured}`);
console.log(`wrote ${path.relative(process.cwd(), path.join(out, 'benchmarks.md'))} and benchmarks.json`);
