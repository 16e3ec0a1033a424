import { integerAtLeast, knownKeys, oneOf, optionKeys, positiveNumber } from '@lrkit/schedules/validation';

/** How the learning rate grows from `initialLearningRate` to `finalLearningRate`. */
export type SweepMode = 'exponential' | 'linear';

/** Options of {@link sweepLearningRates}. */
export interface SweepOptions {
  /** The learning rate of the first batch (> 0). Default 1e-7. */
  readonly initialLearningRate?: number;
  /** The learning rate of the last batch (> `initialLearningRate`). Default 10. */
  readonly finalLearningRate?: number;
  /** The number of batches (and learning rates) of the sweep (integer >= 2). Default 100. */
  readonly totalSteps?: number;
  /** `'exponential'` (equal ratios, the default) or `'linear'` (equal differences). */
  readonly mode?: SweepMode;
}

/** The option keys of {@link sweepLearningRates}, checked against {@link SweepOptions}. */
export const sweepOptionKeys = optionKeys<SweepOptions>({ initialLearningRate: true, finalLearningRate: true, totalSteps: true, mode: true });

/** The sweep options' names before 1.0, refused with their new name. */
export const renamedSweepOptions: Readonly<Record<string, string>> = Object.freeze({
  startLr: 'initialLearningRate',
  endLr: 'finalLearningRate',
  numIterations: 'totalSteps',
});

/** A validated sweep: every field filled. */
export interface Sweep {
  readonly initialLearningRate: number;
  readonly finalLearningRate: number;
  readonly totalSteps: number;
  readonly mode: SweepMode;
}

/** The defaults of fastai `lr_find` and pytorch-lr-finder: 1e-7 to 10 over 100 batches, exponential. */
export const defaultSweep: Sweep = Object.freeze({
  initialLearningRate: 1e-7,
  finalLearningRate: 10,
  totalSteps: 100,
  mode: 'exponential',
});

/**
 * Validates sweep options and fills the defaults.
 *
 * @param owner - the function name used in error messages.
 * @throws RangeError when `initialLearningRate` or `finalLearningRate` is not a positive finite number, when
 *   `initialLearningRate >= finalLearningRate`, or when `totalSteps` is not an integer >= 2; TypeError for a
 *   value of the wrong type or an unknown `mode`.
 * @example
 * ```ts
 * resolveSweep('mySweep', { finalLearningRate: 1 }); // { initialLearningRate: 1e-7, finalLearningRate: 1, totalSteps: 100, mode: 'exponential' }
 * ```
 */
export function resolveSweep(owner: string, options: SweepOptions): Sweep {
  const initialLearningRate = positiveNumber(owner, 'initialLearningRate', options.initialLearningRate ?? defaultSweep.initialLearningRate);
  const finalLearningRate = positiveNumber(owner, 'finalLearningRate', options.finalLearningRate ?? defaultSweep.finalLearningRate);
  if (!(initialLearningRate < finalLearningRate)) {
    throw new RangeError(
      `${owner}: \`initialLearningRate\` must be smaller than \`finalLearningRate\`; received initialLearningRate ${initialLearningRate} ` +
        `and finalLearningRate ${finalLearningRate}`,
    );
  }
  const totalSteps = integerAtLeast(owner, 'totalSteps', options.totalSteps ?? defaultSweep.totalSteps, 2);
  const mode = oneOf(owner, 'mode', options.mode ?? defaultSweep.mode, ['exponential', 'linear'] as const);
  return { initialLearningRate, finalLearningRate, totalSteps, mode };
}

/**
 * The learning rate of batch `index` (0-based) of a sweep, with `r = index / (totalSteps - 1)`:
 *
 * - exponential: `initialLearningRate * (finalLearningRate / initialLearningRate) ** r`
 * - linear: `initialLearningRate + r * (finalLearningRate - initialLearningRate)`
 *
 * Both ends are included: batch 0 uses `initialLearningRate` exactly, batch `totalSteps - 1` uses
 * `finalLearningRate` (up to one rounding of the power). This is pytorch-lr-finder's `ExponentialLR` /
 * `LinearLR` (`r = last_epoch / (num_iter - 1)`); fastai's `LRFinder` uses
 * `r = index / num_it` and so never reaches `end_lr`.
 *
 * @param sweep - a validated sweep ({@link resolveSweep}).
 * @param index - the batch index, 0 ≤ index < totalSteps.
 * @example
 * ```ts
 * sweepLearningRate({ initialLearningRate: 1e-4, finalLearningRate: 1, totalSteps: 5, mode: 'exponential' }, 2); // 0.01
 * ```
 */
export function sweepLearningRate(sweep: Sweep, index: number): number {
  const fraction = index / (sweep.totalSteps - 1);
  if (sweep.mode === 'linear') return sweep.initialLearningRate + fraction * (sweep.finalLearningRate - sweep.initialLearningRate);
  return sweep.initialLearningRate * (sweep.finalLearningRate / sweep.initialLearningRate) ** fraction;
}

/**
 * All learning rates of a sweep, batch 0 to `totalSteps - 1`, with `r = index / (totalSteps - 1)`:
 *
 * - exponential: `initialLearningRate * (finalLearningRate / initialLearningRate) ** r`
 * - linear: `initialLearningRate + r * (finalLearningRate - initialLearningRate)`
 *
 * These are the learning rates {@link findLearningRate} sets, batch by batch.
 *
 * @param options - `initialLearningRate` (1e-7), `finalLearningRate` (10), `totalSteps` (100), `mode` ('exponential').
 * @throws RangeError when a learning rate is not a positive finite number, when
 *   `initialLearningRate >= finalLearningRate` or when `totalSteps` is not an integer >= 2;
 *   TypeError for a value of the wrong type, an unknown `mode`, an unknown option key or an
 *   option's name before 1.0 (`startLr`, `endLr`, `numIterations`).
 * @example
 * ```ts
 * sweepLearningRates({ initialLearningRate: 0.1, finalLearningRate: 0.5, totalSteps: 5, mode: 'linear' }); // [0.1, 0.2, 0.3, 0.4, 0.5]
 * ```
 */
export function sweepLearningRates(options: SweepOptions = {}): number[] {
  const owner = 'sweepLearningRates';
  knownKeys(owner, options, sweepOptionKeys, { allowNull: false, renamed: renamedSweepOptions });
  const sweep = resolveSweep(owner, options);
  return Array.from({ length: sweep.totalSteps }, (_, index) => sweepLearningRate(sweep, index));
}
