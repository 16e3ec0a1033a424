import { type OneCycleConfig, type OneCycleOptions, oneCycle, type Schedule } from '@lrkit/schedules';
import { knownKeys, positiveNumber } from '@lrkit/schedules/validation';
import type { LearningRateSuggestion } from './suggestion.js';

/** Options of {@link toOneCycle}: every `oneCycle` option except `maxValue`, plus a `factor`. */
export type ToOneCycleOptions = Omit<OneCycleOptions, 'maxValue'> & {
  /** Multiplies the suggested learning rate to give `maxValue`. Default 1. */
  readonly factor?: number;
};

/**
 * A one-cycle schedule (`oneCycle` of `@lrkit/schedules`) whose peak is the suggested
 * learning rate: `maxValue = suggestion.learningRate × factor`, the other options passed
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
  knownKeys(
    owner,
    options,
    ['factor', 'totalSteps', 'warmupFraction', 'annealing', 'initialDivisor', 'finalDivisor', 'threePhase', 'baseMomentum', 'maxMomentum', 'cycleMomentum'],
    { allowNull: false },
  );
  const learningRate = positiveNumber(owner, 'suggestion.learningRate', typeof suggestion === 'number' ? suggestion : suggestion?.learningRate);
  const maxValue = learningRate * positiveNumber(owner, 'factor', factor);
  return oneCycle({ ...rest, maxValue });
}
