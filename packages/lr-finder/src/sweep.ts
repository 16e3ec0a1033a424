import { integerAtLeast, knownKeys, oneOf, positiveNumber } from '@lrkit/schedules/validation';

/** How the learning rate grows from `startLr` to `endLr`. */
export type SweepMode = 'exponential' | 'linear';

/** Options of {@link sweepLearningRates}. */
export interface SweepOptions {
  /** The learning rate of the first batch (> 0). Default 1e-7. */
  readonly startLr?: number;
  /** The learning rate of the last batch (> `startLr`). Default 10. */
  readonly endLr?: number;
  /** The number of batches (and learning rates) of the sweep (integer >= 2). Default 100. */
  readonly numIterations?: number;
  /** `'exponential'` (equal ratios, the default) or `'linear'` (equal differences). */
  readonly mode?: SweepMode;
}

/** A validated sweep: every field filled. */
export interface Sweep {
  readonly startLr: number;
  readonly endLr: number;
  readonly numIterations: number;
  readonly mode: SweepMode;
}

/** The defaults of fastai `lr_find` and pytorch-lr-finder: 1e-7 to 10 over 100 batches, exponential. */
export const defaultSweep: Sweep = Object.freeze({
  startLr: 1e-7,
  endLr: 10,
  numIterations: 100,
  mode: 'exponential',
});

/**
 * Validates sweep options and fills the defaults.
 *
 * @param owner - the function name used in error messages.
 * @throws RangeError when `startLr` or `endLr` is not a positive finite number, when
 *   `startLr >= endLr`, or when `numIterations` is not an integer >= 2; TypeError for a
 *   value of the wrong type or an unknown `mode`.
 * @example
 * ```ts
 * resolveSweep('mySweep', { endLr: 1 }); // { startLr: 1e-7, endLr: 1, numIterations: 100, mode: 'exponential' }
 * ```
 */
export function resolveSweep(owner: string, options: SweepOptions): Sweep {
  const startLr = positiveNumber(owner, 'startLr', options.startLr ?? defaultSweep.startLr);
  const endLr = positiveNumber(owner, 'endLr', options.endLr ?? defaultSweep.endLr);
  if (!(startLr < endLr)) {
    throw new RangeError(`${owner}: \`startLr\` must be smaller than \`endLr\`; received startLr ${startLr} and endLr ${endLr}`);
  }
  const numIterations = integerAtLeast(owner, 'numIterations', options.numIterations ?? defaultSweep.numIterations, 2);
  const mode = oneOf(owner, 'mode', options.mode ?? defaultSweep.mode, ['exponential', 'linear'] as const);
  return { startLr, endLr, numIterations, mode };
}

/**
 * The learning rate of batch `index` (0-based) of a sweep, with `r = index / (numIterations - 1)`:
 *
 * - exponential: `startLr * (endLr / startLr) ** r`
 * - linear: `startLr + r * (endLr - startLr)`
 *
 * Both ends are included: batch 0 uses `startLr` exactly, batch `numIterations - 1` uses
 * `endLr` (up to one rounding of the power). This is pytorch-lr-finder's `ExponentialLR` /
 * `LinearLR` (`r = last_epoch / (num_iter - 1)`); fastai's `LRFinder` uses
 * `r = index / num_it` and so never reaches `end_lr`.
 *
 * @param sweep - a validated sweep ({@link resolveSweep}).
 * @param index - the batch index, 0 ≤ index < numIterations.
 * @example
 * ```ts
 * sweepLearningRate({ startLr: 1e-4, endLr: 1, numIterations: 5, mode: 'exponential' }, 2); // 0.01
 * ```
 */
export function sweepLearningRate(sweep: Sweep, index: number): number {
  const fraction = index / (sweep.numIterations - 1);
  if (sweep.mode === 'linear') return sweep.startLr + fraction * (sweep.endLr - sweep.startLr);
  return sweep.startLr * (sweep.endLr / sweep.startLr) ** fraction;
}

/**
 * All learning rates of a sweep, batch 0 to `numIterations - 1` (see {@link sweepLearningRate}).
 *
 * @param options - `startLr` (1e-7), `endLr` (10), `numIterations` (100), `mode` ('exponential').
 * @throws RangeError/TypeError as {@link resolveSweep}, and for unknown option keys.
 * @example
 * ```ts
 * sweepLearningRates({ startLr: 0.1, endLr: 0.5, numIterations: 5, mode: 'linear' }); // [0.1, 0.2, 0.3, 0.4, 0.5]
 * ```
 */
export function sweepLearningRates(options: SweepOptions = {}): number[] {
  const owner = 'sweepLearningRates';
  knownKeys(owner, options, ['startLr', 'endLr', 'numIterations', 'mode'], { allowNull: false });
  const sweep = resolveSweep(owner, options);
  return Array.from({ length: sweep.numIterations }, (_, index) => sweepLearningRate(sweep, index));
}
