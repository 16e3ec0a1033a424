/**
 * Evaluations per second of representative schedules, measured in one run.
 *
 * Run: `pnpm --filter @lrkit/schedules bench` (full), or with `LRKIT_BENCH_SMOKE=1` for a
 * tiny run that only checks the script works. Each case is warmed up, then timed over
 * `repetitions` runs of `evaluations` calls at varying fractional steps; the median rate
 * is reported. Target: >= 10 million evaluations per second.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  clamp,
  cosine,
  cosineRestarts,
  cyclic,
  join,
  multiply,
  offset,
  oneCycle,
  warmup,
  warmupStableDecay,
  type Schedule,
} from '../src/index.js';

/** Sizes of a benchmark run. */
export interface BenchmarkOptions {
  /** Calls per timed repetition. */
  readonly evaluations: number;
  /** Timed repetitions per case (the median is reported). */
  readonly repetitions: number;
  /** Untimed calls before timing, so the JIT has optimised the hot path. */
  readonly warmupEvaluations: number;
}

/** The measured rate of one schedule. */
export interface BenchmarkResult {
  readonly name: string;
  /** Median evaluations per second over the repetitions. */
  readonly evaluationsPerSecond: number;
  /** Sum of all values computed (keeps the calls from being optimised away). */
  readonly checksum: number;
}

/** The schedules measured, by name. */
export function benchmarkCases(): ReadonlyArray<readonly [string, Schedule]> {
  const cosineDecay = cosine({ initialValue: 0.1, decaySteps: 9000, alpha: 0.01 });
  return [
    ['warmup + cosine', warmup({ schedule: cosineDecay, warmupSteps: 1000 })],
    ['cyclic triangular2 + momentum', cyclic({ baseValue: 0.001, maxValue: 0.006, stepSizeUp: 2000, mode: 'triangular2', baseMomentum: 0.8, maxMomentum: 0.9 })],
    ['cyclic exp-range', cyclic({ baseValue: 0.001, maxValue: 0.006, stepSizeUp: 2000, mode: 'exp-range', gamma: 0.9999 })],
    ['cosine-restarts (periodMultiplier 2)', cosineRestarts({ initialValue: 0.1, firstPeriod: 500, periodMultiplier: 2, peakMultiplier: 0.9 })],
    ['one-cycle', oneCycle({ maxValue: 0.1, totalSteps: 10000 })],
    ['warmup-stable-decay', warmupStableDecay({ peakValue: 0.1, warmupSteps: 1000, stableSteps: 7000, decaySteps: 2000 })],
    [
      'join(3) in clamp + offset',
      offset({
        schedule: clamp({
          schedule: join({
            schedules: [cosineDecay, cosine({ initialValue: 0.05, decaySteps: 3000 }), cosine({ initialValue: 0.01, decaySteps: 3000 })],
            boundaries: [4000, 7000],
          }),
          minValue: 1e-4,
        }),
        steps: 100,
      }),
    ],
    ['multiply(2)', multiply({ schedules: [cosineDecay, cyclic({ baseValue: 0.5, maxValue: 1, stepSizeUp: 500 })] })],
  ];
}

function timeOnce(schedule: Schedule, evaluations: number): { seconds: number; sum: number } {
  let sum = 0;
  const start = performance.now();
  for (let index = 0; index < evaluations; index += 1) {
    // Fractional steps sweeping 0..10000 and a little past the horizon.
    sum += schedule((index % 10240) + 0.25);
  }
  return { seconds: (performance.now() - start) / 1000, sum };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Measures every case of {@link benchmarkCases}.
 *
 * @param options - run sizes; see {@link BenchmarkOptions}.
 * @returns one result per case, in order.
 * @example
 * ```ts
 * runBenchmark({ evaluations: 1000, repetitions: 1, warmupEvaluations: 100 });
 * ```
 */
export function runBenchmark(options: BenchmarkOptions): BenchmarkResult[] {
  return benchmarkCases().map(([name, schedule]) => {
    let checksum = timeOnce(schedule, options.warmupEvaluations).sum;
    const rates: number[] = [];
    for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
      const { seconds, sum } = timeOnce(schedule, options.evaluations);
      checksum += sum;
      rates.push(options.evaluations / Math.max(seconds, 1e-9));
    }
    return { name, evaluationsPerSecond: median(rates), checksum };
  });
}

/** Sizes of a full run and of the smoke run (`LRKIT_BENCH_SMOKE=1`). */
export const fullRun: BenchmarkOptions = { evaluations: 3_000_000, repetitions: 7, warmupEvaluations: 1_000_000 };
export const smokeRun: BenchmarkOptions = { evaluations: 200, repetitions: 1, warmupEvaluations: 50 };

function main(): void {
  const smoke = process.env.LRKIT_BENCH_SMOKE === '1';
  const options = smoke ? smokeRun : fullRun;
  console.log(
    `@lrkit/schedules evaluations per second (median of ${options.repetitions} x ${options.evaluations.toLocaleString('en')} calls` +
      ` after ${options.warmupEvaluations.toLocaleString('en')} warm-up calls; node ${process.version})${smoke ? ' [smoke]' : ''}`,
  );
  const results = runBenchmark(options);
  for (const { name, evaluationsPerSecond } of results) {
    const millions = (evaluationsPerSecond / 1e6).toFixed(1).padStart(7);
    const verdict = smoke ? '(smoke run: not a measurement)' : evaluationsPerSecond >= 1e7 ? 'ok' : 'below 10 M/s target';
    console.log(`${name.padEnd(40)} ${millions} M/s  ${verdict}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
