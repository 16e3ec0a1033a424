import { loadavg } from 'node:os';

/**
 * One arm of an interleaved comparison, started and ready to train: {@link runInterleaved}
 * calls `trainEpoch(0)`, …, `trainEpoch(epochs − 1)` in turn with the other arms' epochs
 * in between, then `finish()` once.
 */
export interface InterleavedArm<Result> {
  /** Trains one epoch (0-based) and resolves when it is done. Only this call is timed. */
  trainEpoch(epoch: number): Promise<void>;
  /** Ends the arm (dispose its model) and returns its result. Not timed. */
  finish(): Result | Promise<Result>;
}

/** What {@link runInterleaved} measured for one arm. */
export interface InterleavedArmResult<Name extends string, Result> {
  readonly name: Name;
  /** Wall-clock milliseconds of each `trainEpoch` call. */
  readonly epochMilliseconds: readonly number[];
  /** Their sum: the arm's wall time. */
  readonly milliseconds: number;
  /** What `finish()` returned. */
  readonly result: Result;
}

/** A reading of the machine's 1-, 5- and 15-minute load averages. */
export type LoadAverage = readonly [number, number, number];

/** What {@link runInterleaved} returns. */
export interface InterleavedRun<Name extends string, Result> {
  /** One entry per arm, in the order of `arms`. */
  readonly arms: readonly InterleavedArmResult<Name, Result>[];
  /** The arm order used in each epoch round (round `e` is `arms` rotated left by `e`). */
  readonly rounds: readonly (readonly Name[])[];
  /** Load averages before the first and after the last epoch. */
  readonly loadAverage: { readonly start: LoadAverage; readonly end: LoadAverage };
}

/** Options of {@link runInterleaved}. */
export interface InterleaveOptions {
  /** Milliseconds now; default `performance.now()`. */
  readonly clock?: () => number;
  /** The load averages; default `os.loadavg()`. */
  readonly loadAverage?: () => readonly number[];
  /** Called after every timed epoch. */
  readonly onEpoch?: (name: string, epoch: number, milliseconds: number) => void;
}

/**
 * The arm order of each epoch round: round `e` is `arms` rotated left by `e`, so over
 * `arms.length` rounds every arm is first, second, … equally often.
 *
 * @example
 * ```ts
 * roundOrders(['a', 'b', 'c'], 4); // [['a','b','c'], ['b','c','a'], ['c','a','b'], ['a','b','c']]
 * ```
 */
export function roundOrders<Name extends string>(arms: readonly Name[], epochs: number): Name[][] {
  return Array.from({ length: epochs }, (_, epoch) => arms.map((_, index) => arms[(index + epoch) % arms.length] as Name));
}

/**
 * Trains several arms **interleaved per epoch**: epoch 0 of every arm, then epoch 1 of every
 * arm, …, with the arm order rotating each round. A change of the machine's load then hits
 * all arms within the same minute instead of landing on whichever arm happened to run at
 * that time, so wall-time ratios between arms measured this way hold on a shared machine.
 * Every arm is started before the first epoch and finished after the last (all are alive
 * together); only `trainEpoch` calls are timed.
 *
 * @param arms - the arm names (at least one, no duplicates).
 * @param epochs - epochs per arm (an integer ≥ 1).
 * @param start - builds an arm (model, optimizer, data) ready to train.
 * @param options - clock, load-average source, progress.
 * @returns per-arm epoch times and results, the orders used, the load averages.
 * @example
 * ```ts
 * const run = await runInterleaved(['lr-decay', 'increase-batch'], 12, (name) => startArm(settings, data, name, seed));
 * const ratio = run.arms[0].milliseconds / run.arms[1].milliseconds;
 * ```
 */
export async function runInterleaved<Name extends string, Result>(
  arms: readonly Name[],
  epochs: number,
  start: (name: Name) => InterleavedArm<Result> | Promise<InterleavedArm<Result>>,
  options: InterleaveOptions = {},
): Promise<InterleavedRun<Name, Result>> {
  if (arms.length === 0 || new Set(arms).size !== arms.length) {
    throw new RangeError(`runInterleaved: \`arms\` must be distinct names, at least one; received ${JSON.stringify(arms)}`);
  }
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new RangeError(`runInterleaved: \`epochs\` must be an integer >= 1; received ${String(epochs)}`);
  }
  const clock = options.clock ?? (() => performance.now());
  const readLoad = (): LoadAverage => {
    const [one = Number.NaN, five = Number.NaN, fifteen = Number.NaN] = (options.loadAverage ?? loadavg)();
    return [one, five, fifteen];
  };
  const started = new Map<Name, InterleavedArm<Result>>();
  const times = new Map<Name, number[]>(arms.map((name) => [name, []]));
  try {
    for (const name of arms) started.set(name, await start(name));
    const loadStart = readLoad();
    const rounds = roundOrders(arms, epochs);
    for (const [epoch, order] of rounds.entries()) {
      for (const name of order) {
        const before = clock();
        await (started.get(name) as InterleavedArm<Result>).trainEpoch(epoch);
        const milliseconds = clock() - before;
        times.get(name)?.push(milliseconds);
        options.onEpoch?.(name, epoch, milliseconds);
      }
    }
    const loadEnd = readLoad();
    const results: InterleavedArmResult<Name, Result>[] = [];
    for (const name of arms) {
      const arm = started.get(name) as InterleavedArm<Result>;
      started.delete(name);
      const epochMilliseconds = times.get(name) ?? [];
      results.push({
        name,
        epochMilliseconds,
        milliseconds: epochMilliseconds.reduce((sum, value) => sum + value, 0),
        result: await arm.finish(),
      });
    }
    return { arms: results, rounds, loadAverage: { start: loadStart, end: loadEnd } };
  } finally {
    // An arm that failed mid-way: finish the others so their models are disposed.
    for (const arm of started.values()) await Promise.resolve(arm.finish()).catch(() => undefined);
  }
}

/** A median and its spread (min–max) over several measurements. */
export interface RatioSpread {
  /** The individual ratios, in the order given. */
  readonly values: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Median and min–max of ratios (one per seed, say).
 *
 * @example
 * ```ts
 * ratioSpread([1.2, 1.5, 1.3]); // { values: [1.2, 1.5, 1.3], median: 1.3, min: 1.2, max: 1.5 }
 * ```
 */
export function ratioSpread(values: readonly number[]): RatioSpread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { values: [...values], median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}
