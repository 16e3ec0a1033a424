/**
 * The timer every lrkit benchmark uses: variants measured in the same run, in alternating
 * (rotated) order after a warm-up, so load drift and JIT state favour none of them; results
 * are reported as ratios to a baseline variant with their spread (median, min, max).
 *
 * No dependency beyond Node's `process` and `performance`. Every benchmark lives here in
 * bench/src (the schedule throughput and the callback overhead included) and reaches the
 * packages it measures through bench's declared workspace dependencies; no package imports
 * a benchmark or this timer.
 */

/** One timed run of one variant. */
export interface Sample {
  /** Wall-clock time, milliseconds (`performance.now()`). */
  readonly wallMilliseconds: number;
  /** CPU time of this process (user + system), milliseconds (`process.cpuUsage()`). */
  readonly cpuMilliseconds: number;
}

/** Median, minimum and maximum of a set of values (at least one). */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** The values, in measurement order. */
  readonly values: readonly number[];
}

/** A named piece of work to time; may be async. Its result is ignored. */
export type Variant = readonly [name: string, run: () => unknown];

/** Sizes of an alternating measurement. */
export interface AlternatingOptions {
  /** Timed rounds; every variant runs once per round (>= 1; reports want >= 5). */
  readonly repetitions: number;
  /** Untimed rounds first (JIT, caches, lazily created optimizer slots). */
  readonly warmup: number;
}

/** The samples of every variant, in round order. */
export type AlternatingSamples = ReadonlyMap<string, readonly Sample[]>;

/** Which clock a ratio is taken on. */
export type Clock = 'wall' | 'cpu';

/**
 * The median, min and max of `values`.
 *
 * @example
 * ```ts
 * spread([3, 1, 2]); // { median: 2, min: 1, max: 3, values: [3, 1, 2] }
 * ```
 */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spread: `values` must not be empty; received []');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, values: [...values] };
}

/** Times one call of `run` on both clocks. */
export async function timeOnce(run: () => unknown): Promise<Sample> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = run();
  if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
    await result;
  }
  const wallMilliseconds = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMilliseconds, cpuMilliseconds: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs every variant `warmup` rounds untimed, then `repetitions` timed rounds. Round `r`
 * starts with variant `r mod n` and continues in order (with two variants: A B, B A, A B, …),
 * so each variant is measured in every position.
 *
 * @param variants - the work to compare, e.g. `[['bare', fitBare], ['callbacks', fitWith]]`.
 * @param options - rounds; see {@link AlternatingOptions}.
 * @returns the samples of each variant, in round order (index `r` = round `r` for every variant).
 * @example
 * ```ts
 * const samples = await timeAlternating([['bare', bare], ['all', withAll]], { repetitions: 7, warmup: 1 });
 * ratioSpread(samples, 'all', 'bare').median; // e.g. 1.004
 * ```
 */
export async function timeAlternating(variants: readonly Variant[], options: AlternatingOptions): Promise<AlternatingSamples> {
  if (variants.length === 0) throw new RangeError('timeAlternating: `variants` must not be empty; received []');
  if (!Number.isInteger(options.repetitions) || options.repetitions < 1) {
    throw new RangeError(`timeAlternating: \`repetitions\` must be an integer >= 1; received ${options.repetitions}`);
  }
  if (!Number.isInteger(options.warmup) || options.warmup < 0) {
    throw new RangeError(`timeAlternating: \`warmup\` must be an integer >= 0; received ${options.warmup}`);
  }
  const names = new Set(variants.map(([name]) => name));
  if (names.size !== variants.length) throw new RangeError('timeAlternating: variant names must be distinct');
  for (let round = 0; round < options.warmup; round += 1) {
    for (const [, run] of variants) await timeOnce(run);
  }
  const samples = new Map<string, Sample[]>(variants.map(([name]) => [name, []]));
  for (let round = 0; round < options.repetitions; round += 1) {
    for (let position = 0; position < variants.length; position += 1) {
      const [name, run] = variants[(round + position) % variants.length] as Variant;
      (samples.get(name) as Sample[]).push(await timeOnce(run));
    }
  }
  return samples;
}

function samplesOf(samples: AlternatingSamples, name: string): readonly Sample[] {
  const found = samples.get(name);
  if (found === undefined) throw new RangeError(`no samples for variant ${JSON.stringify(name)}`);
  return found;
}

function read(sample: Sample, clock: Clock): number {
  return clock === 'wall' ? sample.wallMilliseconds : sample.cpuMilliseconds;
}

/**
 * The per-round ratio `variant / baseline` on one clock, as a spread. Rounds pair the two
 * runs measured next to each other, so slow drift cancels.
 *
 * @example
 * ```ts
 * ratioSpread(samples, 'all callbacks', 'bare', 'cpu'); // { median: 1.006, min: 0.99, max: 1.02, values: [...] }
 * ```
 */
export function ratioSpread(samples: AlternatingSamples, variant: string, baseline: string, clock: Clock = 'wall'): Spread {
  const over = samplesOf(samples, variant);
  const under = samplesOf(samples, baseline);
  return spread(over.map((sample, round) => read(sample, clock) / read(under[round] as Sample, clock)));
}

/**
 * The spread of one variant's times (milliseconds) on one clock.
 *
 * @example
 * ```ts
 * millisecondsSpread(samples, 'bare').median; // e.g. 412.3
 * ```
 */
export function millisecondsSpread(samples: AlternatingSamples, variant: string, clock: Clock = 'wall'): Spread {
  return spread(samplesOf(samples, variant).map((sample) => read(sample, clock)));
}

/**
 * The spread of a rate `count / seconds` of one variant (e.g. evaluations per second).
 *
 * @example
 * ```ts
 * rateSpread(samples, 'cosine', 3_000_000).median; // e.g. 4.1e7 per second
 * ```
 */
export function rateSpread(samples: AlternatingSamples, variant: string, count: number, clock: Clock = 'wall'): Spread {
  return spread(samplesOf(samples, variant).map((sample) => count / Math.max(read(sample, clock) / 1000, 1e-9)));
}

/** Formats a spread as `median (min–max)` with `digits` decimals. */
export function formatSpread(value: Spread, digits = 3, scale = 1): string {
  const show = (number: number): string => (number * scale).toFixed(digits);
  return `${show(value.median)} (${show(value.min)}–${show(value.max)})`;
}
