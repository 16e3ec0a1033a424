/**
 * The lrkit callback configurations both callback benchmarks measure (whole-fit overhead in
 * callbacks.bench.ts, isolated hook cost in hook-cost.bench.ts), built in one place so the
 * two reports measure the same thing.
 */
import { cosine } from '@lrkit/schedules';
import { LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '@lrkit/tfjs';
import type * as tf from '@tensorflow/tfjs';

/** The lrkit configurations, in report order. */
export const lrkitCallbackSetNames = [
  'LearningRateScheduler (per batch)',
  'LearningRateScheduler (per epoch)',
  'ReduceLROnPlateau',
  'LossHistory (per batch)',
  'all three, per-batch scheduling',
  'all three, per-epoch scheduling',
] as const;

/** One of {@link lrkitCallbackSetNames}. */
export type LrkitCallbackSetName = (typeof lrkitCallbackSetNames)[number];

/**
 * New callbacks for one configuration: cosine schedules from 0.001 over `totalBatches`
 * (per batch) or `totalEpochs` (per epoch), a plateau with patience 2 and factor 0.5, and a
 * per-batch history (a per-epoch one with per-epoch scheduling).
 *
 * @example
 * ```ts
 * const callbacks = lrkitCallbackSet('all three, per-batch scheduling', { totalBatches: 4000, totalEpochs: 250 });
 * ```
 */
export function lrkitCallbackSet(name: LrkitCallbackSetName, horizon: { readonly totalBatches: number; readonly totalEpochs: number }): tf.CustomCallback[] {
  const perBatch = (): LearningRateScheduler =>
    new LearningRateScheduler({ schedule: cosine({ initialValue: 0.001, decaySteps: horizon.totalBatches }), unit: 'batch' });
  const perEpoch = (): LearningRateScheduler =>
    new LearningRateScheduler({ schedule: cosine({ initialValue: 0.001, decaySteps: horizon.totalEpochs }), unit: 'epoch' });
  const plateau = (): ReduceLROnPlateau => new ReduceLROnPlateau({ patience: 2, factor: 0.5 });
  switch (name) {
    case 'LearningRateScheduler (per batch)':
      return [perBatch()];
    case 'LearningRateScheduler (per epoch)':
      return [perEpoch()];
    case 'ReduceLROnPlateau':
      return [plateau()];
    case 'LossHistory (per batch)':
      return [new LossHistory({ everyBatch: true })];
    case 'all three, per-batch scheduling':
      return [perBatch(), plateau(), new LossHistory({ everyBatch: true })];
    case 'all three, per-epoch scheduling':
      return [perEpoch(), plateau(), new LossHistory({ everyBatch: false })];
  }
}
