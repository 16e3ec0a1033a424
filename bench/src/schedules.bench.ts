/**
 * Evaluations per second of every schedule family, measured in one run.
 *
 * Run: `pnpm bench --only=schedules` at the root (section 1 of docs/benchmarks.md), or on its
 * own: `pnpm --filter @lrkit/bench bench:schedules` (full), with `LRKIT_BENCH_SMOKE=1` for a
 * tiny run that only checks the script works. Every case (plus a hand-written cosine closure as the reference) is
 * timed with the shared alternating timer (timing.ts): warm-up rounds, then
 * `repetitions` rounds of `evaluations` calls at varying fractional steps, cases rotating
 * order each round. Reported: median, min and max rate per second of process CPU time (and
 * of wall time: on a loaded machine the wall rate drops with the share of a core this process gets), and the median time ratio to the
 * reference closure. Target: >= 10 million evaluations per second.
 */
import { fileURLToPath } from 'node:url';
import {
  clamp,
  constant,
  cosine,
  cosineRestarts,
  cyclic,
  exponential,
  inverseSqrt,
  inverseTime,
  join,
  linear,
  multiply,
  multiStep,
  offset,
  oneCycle,
  piecewiseConstant,
  polynomial,
  type Schedule,
  step,
  warmup,
  warmupStableDecay,
} from '@lrkit/schedules';
import { rateSpread, ratioSpread, type Spread, timeAlternating, type Variant } from './timing.js';

/** Sizes of a benchmark run. */
export interface BenchmarkOptions {
  /** Calls per timed repetition. */
  readonly evaluations: number;
  /** Timed rounds (each case once per round; the median is reported). */
  readonly repetitions: number;
  /** Untimed rounds before timing, so the JIT has optimised the hot path. */
  readonly warmupRounds: number;
}

/** The measured rate of one schedule. */
export interface BenchmarkResult {
  readonly name: string;
  /** Median evaluations per CPU second over the repetitions. */
  readonly evaluationsPerSecond: number;
  /** Evaluations per second of process CPU time (insensitive to other processes' load): median, min, max. */
  readonly rate: Spread;
  /** Evaluations per second of wall time: median, min, max. */
  readonly wallRate: Spread;
  /** Time per call relative to the hand-written cosine closure (per round): median, min, max. */
  readonly ratioToReference: Spread;
  /** Sum of all values computed (keeps the calls from being optimised away). */
  readonly checksum: number;
}

/** Name of the reference case: a hand-written cosine closure, not an lrkit schedule. */
export const referenceName = 'reference: hand-written cosine closure';

/** The schedules measured, by name: every family of the catalogue, and the composites. */
export function benchmarkCases(): ReadonlyArray<readonly [string, Schedule]> {
  const cosineDecay = cosine({ initialValue: 0.1, decaySteps: 9000, finalValue: 0.001 });
  return [
    ['constant', constant({ value: 0.1 })],
    ['linear', linear({ initialValue: 0.1, finalValue: 0.001, totalSteps: 9000 })],
    ['polynomial (power 2, cycle)', polynomial({ initialValue: 0.1, finalValue: 0.001, decaySteps: 3000, power: 2, cycle: true })],
    ['step', step({ initialValue: 0.1, periodSteps: 1000, factor: 0.5 })],
    ['multi-step (4 boundaries)', multiStep({ initialValue: 0.1, boundaries: [2000, 4000, 6000, 8000], factor: 0.3 })],
    ['piecewise-constant (4 boundaries)', piecewiseConstant({ boundaries: [2000, 4000, 6000, 8000], values: [0.1, 0.05, 0.02, 0.01, 0.005] })],
    ['exponential (staircase, finalValue)', exponential({ initialValue: 0.1, decayRate: 0.5, decaySteps: 1000, staircase: true, finalValue: 1e-4 })],
    ['inverse-time', inverseTime({ initialValue: 0.1, decayRate: 0.01 })],
    ['inverse-sqrt', inverseSqrt({ initialValue: 0.1, timescale: 100 })],
    ['cosine', cosineDecay],
    ['cosine-restarts (periodMultiplier 2)', cosineRestarts({ initialValue: 0.1, periodSteps: 500, periodMultiplier: 2, peakMultiplier: 0.9 })],
    [
      'cyclic triangular2 + momentum',
      cyclic({ initialValue: 0.001, peakValue: 0.006, riseSteps: 2000, mode: 'triangular2', minMomentum: 0.8, maxMomentum: 0.9 }),
    ],
    ['cyclic exp-range', cyclic({ initialValue: 0.001, peakValue: 0.006, riseSteps: 2000, mode: 'exp-range', gamma: 0.9999 })],
    ['one-cycle', oneCycle({ peakValue: 0.1, totalSteps: 10000 })],
    ['warmup + cosine', warmup({ schedule: cosineDecay, warmupSteps: 1000 })],
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
        delaySteps: 100,
      }),
    ],
    ['multiply(2)', multiply({ schedules: [cosineDecay, cyclic({ initialValue: 0.5, peakValue: 1, riseSteps: 500 })] })],
  ];
}

type Loop = (schedule: (step: number) => number, evaluations: number) => number;

/**
 * A fresh evaluation loop per case (its own compiled function, so every call site stays
 * monomorphic, as in a callback that calls one schedule): fractional steps sweeping
 * 0..10240, a little past most horizons.
 */
function makeLoop(): Loop {
  return new Function(
    'schedule',
    'evaluations',
    'let sum = 0; for (let index = 0; index < evaluations; index += 1) sum += schedule((index % 10240) + 0.25); return sum;',
  ) as Loop;
}

/**
 * Measures every case of {@link benchmarkCases} and the reference closure, alternating.
 *
 * @param options - run sizes; see {@link BenchmarkOptions}.
 * @returns one result per case, in order, the reference last.
 * @example
 * ```ts
 * await runBenchmark({ evaluations: 1000, repetitions: 1, warmupRounds: 1 });
 * ```
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult[]> {
  const reference = (step: number): number => 0.0505 + 0.0495 * Math.cos((Math.PI * Math.min(step, 9000)) / 9000);
  const cases: Array<readonly [string, (step: number) => number]> = [...benchmarkCases(), [referenceName, reference]];
  const checksums = new Map<string, number>();
  const variants: Variant[] = cases.map(([name, schedule]) => {
    const loop = makeLoop();
    return [name, () => checksums.set(name, (checksums.get(name) ?? 0) + loop(schedule, options.evaluations))] as const;
  });
  const samples = await timeAlternating(variants, { repetitions: options.repetitions, warmup: options.warmupRounds });
  return cases.map(([name]) => {
    const rate = rateSpread(samples, name, options.evaluations, 'cpu');
    return {
      name,
      evaluationsPerSecond: rate.median,
      rate,
      wallRate: rateSpread(samples, name, options.evaluations, 'wall'),
      ratioToReference: ratioSpread(samples, name, referenceName, 'cpu'),
      checksum: checksums.get(name) ?? 0,
    };
  });
}

/** Sizes of a full run and of the smoke run (`LRKIT_BENCH_SMOKE=1`). */
export const fullRun: BenchmarkOptions = { evaluations: 2_000_000, repetitions: 7, warmupRounds: 1 };
export const smokeRun: BenchmarkOptions = { evaluations: 200, repetitions: 1, warmupRounds: 1 };

async function main(): Promise<void> {
  const smoke = process.env.LRKIT_BENCH_SMOKE === '1';
  const options = smoke ? smokeRun : fullRun;
  console.log(
    `@lrkit/schedules evaluations per second (median (min–max) of ${options.repetitions} alternating rounds x ` +
      `${options.evaluations.toLocaleString('en')} calls after ${options.warmupRounds} warm-up round(s); node ${process.version})${smoke ? ' [smoke]' : ''}`,
  );
  console.log('rates per second of process CPU time; wall-time rate in brackets');
  for (const { name, rate, wallRate, ratioToReference } of await runBenchmark(options)) {
    const millions = (value: number): string => (value / 1e6).toFixed(1);
    const verdict = smoke ? '(smoke run: not a measurement)' : rate.median >= 1e7 ? 'ok' : 'below 10 M/s target';
    console.log(
      `${name.padEnd(40)} ${millions(rate.median).padStart(7)} M/s (${millions(rate.min)}–${millions(rate.max)}) [wall ${millions(wallRate.median)}]  ` +
        `x${ratioToReference.median.toFixed(2)} the reference's time  ${verdict}`,
    );
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
