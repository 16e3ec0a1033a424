/**
 * `pnpm bench:render-docs`: renders docs/benchmarks.md again from docs/benchmarks.json and the
 * committed GPU report (docs/gpu-check-report.json), without running any benchmark.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchReport, renderMarkdown } from './report.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
const report = JSON.parse(readFileSync(path.join(docs, 'benchmarks.json'), 'utf8')) as BenchReport;
writeFileSync(path.join(docs, 'benchmarks.md'), renderMarkdown(report));
console.log('wrote docs/benchmarks.md');
