import { buildDemoCnn } from '@lrkit/examples-common/models';
import * as tf from '@tensorflow/tfjs';

/**
 * The examples' demo CNN (`buildDemoCnn` of `@lrkit/examples-common/models`: two 3 x 3
 * convolutions, 8 and 16 filters, each followed by 2 x 2 max pooling, then a 10-way softmax;
 * seeded weights) for 28 x 28 digits, compiled with Adam at `learningRate` (overwritten by
 * the scheduler before every update).
 *
 * @example
 * ```ts
 * const model = createModel(0.001, 1);
 * ```
 */
export function createModel(learningRate: number, seed: number): tf.LayersModel {
  const model = buildDemoCnn({ seed });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
