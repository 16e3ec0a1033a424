/**
 * Benchmark (not a test): training batches of the demo CNN on `cpu` versus `wasm` (with
 * lrkit's training kernels), alternating the backends within every repetition, reported as
 * the ratio of medians taken in the same run.
 *
 *   pnpm --filter @lrkit/examples-common bench                      # 5 repetitions × 10 batches of 64
 *   pnpm --filter @lrkit/examples-common bench --repetitions 7 --batches 20
 *   pnpm --filter @lrkit/examples-common bench --smoke              # seconds: checks it runs
 *   … --json runs/bench.json                                        # also write the result
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBackendBenchmark, type BackendBenchmarkOptions, type BackendBenchmarkResult } from './backend-benchmark.js';

/** Reads `--name value` / `--name=value` flags of the benchmark. */
export function parseBenchmarkArguments(argv: readonly string[]): BackendBenchmarkOptions & { smoke: boolean; json?: string } {
  const value = (name: string): string | undefined => {
    const index = argv.findIndex((argument) => argument === `--${name}` || argument.startsWith(`--${name}=`));
    if (index < 0) return undefined;
    const argument = argv[index]!;
    return argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[index + 1];
  };
  const integer = (name: string, fallback: number): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < 1) throw new RangeError(`--${name} must be a positive integer; received ${JSON.stringify(text)}`);
    return parsed;
  };
  const smoke = argv.includes('--smoke');
  const json = value('json');
  return {
    smoke,
    batches: integer('batches', smoke ? 2 : 10),
    repetitions: integer('repetitions', smoke ? 1 : 5),
    batchSize: integer('batch-size', smoke ? 8 : 64),
    ...(json === undefined ? {} : { json }),
  };
}

/** The result as a few lines of text. */
export function formatBenchmark(result: BackendBenchmarkResult): string {
  const lines = [
    `demo CNN (conv 8 3x3 → pool → conv 16 3x3 → pool → dense 10 on 28x28x1), batch ${result.batchSize}, ` +
      `${result.batches} timed batches × ${result.repetitions} repetitions, backends alternating`,
    'backend  median ms/batch  min     max     final loss',
  ];
  for (const timing of result.timings) {
    lines.push(
      `${timing.backend.padEnd(8)} ${timing.median.toFixed(1).padStart(15)}  ${timing.minimum.toFixed(1).padEnd(7)} ${timing.maximum.toFixed(1).padEnd(7)} ${timing.finalLoss.toFixed(6)}`,
    );
  }
  const [first, second] = result.timings;
  if (first && second) {
    lines.push(
      `${second.backend} is ${result.speedup.toFixed(1)}x faster than ${first.backend} (ratio of medians; ` +
        `per-repetition ratios ${result.speedupRange[0].toFixed(1)}–${result.speedupRange[1].toFixed(1)})`,
    );
  }
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { smoke, json, ...options } = parseBenchmarkArguments(process.argv.slice(2));
  const result = await runBackendBenchmark({ ...options, log: (line) => console.log(line) });
  console.log(formatBenchmark(result));
  if (smoke) console.log('(smoke mode: too few batches for a meaningful ratio)');
  if (json !== undefined) {
    mkdirSync(path.dirname(path.resolve(json)), { recursive: true });
    writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  }
}
