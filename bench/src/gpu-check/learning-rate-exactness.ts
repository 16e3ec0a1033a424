/**
 * Is the learning rate that `LearningRateScheduler` sets really the one the optimizer applies
 * on this backend? One weight w, one input x = 1, target 0, squared error: the SGD update is
 * Δw = −lr · 2w, so every batch's applied rate is recovered as −Δw / 2w and compared with the
 * schedule's value at that step.
 */

import { cosine, type Schedule } from '@lrkit/schedules';
import { LearningRateScheduler } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';

/** The result of {@link checkLearningRateExactness}. */
export interface LearningRateExactness {
  readonly backend: string;
  readonly steps: number;
  /** The schedule's value at every step. */
  readonly scheduled: readonly number[];
  /** The rate recovered from each weight update. */
  readonly applied: readonly number[];
  /** max |applied − scheduled| / scheduled. */
  readonly largestRelativeError: number;
}

/** The schedule the check applies: cosine from 0.1 over the run. */
export function exactnessSchedule(steps: number): Schedule {
  return cosine({ initialValue: 0.1, decaySteps: steps, finalValue: 0.01 });
}

/**
 * Trains the one-weight model for `steps` batches with `LearningRateScheduler` (batch unit)
 * on the current backend and recovers the applied rate of every update.
 *
 * @example
 * const { largestRelativeError } = await checkLearningRateExactness(20); // about 1e-6 (float32)
 */
export async function checkLearningRateExactness(steps = 20): Promise<LearningRateExactness> {
  const schedule = exactnessSchedule(steps);
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: tf.initializers.constant({ value: 0.5 }) })],
  });
  const optimizer = tf.train.sgd(1);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  // An asynchronous read: webgpu in Node has no synchronous one (it needs OffscreenCanvas).
  const weight = async (): Promise<number> => ((await model.getWeights()[0]!.data()) as Float32Array)[0]!;
  const before: number[] = [];
  const after: number[] = [];
  const recorder = new tf.CustomCallback({
    onBatchBegin: async () => {
      before.push(await weight());
    },
    onBatchEnd: async () => {
      after.push(await weight());
    },
  });
  const xs = tf.ones([steps, 1]);
  const ys = tf.zeros([steps, 1]);
  try {
    await model.fit(xs, ys, {
      epochs: 1,
      batchSize: 1,
      shuffle: false,
      verbose: 0,
      callbacks: [new LearningRateScheduler({ schedule, unit: 'batch' }), recorder],
    });
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
  const scheduled = Array.from({ length: steps }, (_, step) => schedule(step));
  const applied = before.map((w, step) => -(after[step]! - w) / (2 * w));
  const largestRelativeError = Math.max(...applied.map((rate, step) => Math.abs(rate - scheduled[step]!) / scheduled[step]!));
  return { backend: tf.getBackend(), steps, scheduled, applied, largestRelativeError };
}
