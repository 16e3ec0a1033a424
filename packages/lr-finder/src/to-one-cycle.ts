import { type OneCycleConfig, type OneCycleOptions, oneCycle, oneCycleKeys, type Schedule } from '@lrkit/schedules';
import { knownKeys, positiveNumber } from '@lrkit/schedules/validation';
import type { LearningRateSuggestion } from './suggestion.js';

/** Options of {@link toOneCycle}: every `oneCycle` option except `peakValue`, plus a `factor`. */
export type ToOneCycleOptions = Omit<OneCycleOptions, 'peakValue'> & {
  /** Multiplies the suggested learning rate to give `peakValue`. Default 1. */
  readonly factor?: number;
};

/** The option keys of {@link toOneCycle}: `oneCycle`'s own, less `peakValue`, plus `factor`. */
const toOneCycleKeys = ['factor', ...oneCycleKeys.filter((key) => key !== 'peakValue')];

/**
 * A one-cycle schedule (`oneCycle` of `@lrkit/schedules`) whose peak is the suggested
 * learning rate: `peakValue = suggestion.learningRate × factor`, the other options passed
 * through (`totalSteps` required; `warmupFraction` 0.3, `initialDivisor` 25, …). The result is
 * a plain schedule ready for `new LearningRateScheduler({ schedule, unit: 'batch' })` of
 * `@lrkit/tfjs`; its `.momentum` cycles 0.95 → 0.85 → 0.95 unless `cycleMomentum: false`.
 *
 * @param suggestion - a suggestion of {@link findLearningRate} (or any `{ learningRate }`), or a learning rate.
 * @param options - `totalSteps` and the other `oneCycle` options; `factor` (default 1).
 * @throws RangeError when the learning rate or factor is not a positive finite number, and for invalid `oneCycle` options.
 * @example
 * ```ts
 * const result = await findLearningRate(model, { x, y });
 * const schedule = toOneCycle(result.suggestion!, { totalSteps: epochs * batchesPerEpoch });
 * await model.fit(x, y, { epochs, callbacks: [new LearningRateScheduler({ schedule, unit: 'batch' })] });
 * ```
 */
export function toOneCycle(suggestion: Pick<LearningRateSuggestion, 'learningRate'> | number, options: ToOneCycleOptions): Schedule<OneCycleConfig> {
  const owner = 'toOneCycle';
  const { factor = 1, ...rest } = options;
  knownKeys(owner, options, toOneCycleKeys, { allowNull: false, renamed: { baseMomentum: 'minMomentum' } });
  const learningRate = positiveNumber(owner, 'suggestion.learningRate', typeof suggestion === 'number' ? suggestion : suggestion?.learningRate);
  const peakValue = learningRate * positiveNumber(owner, 'factor', factor);
  return oneCycle({ ...rest, peakValue });
}
