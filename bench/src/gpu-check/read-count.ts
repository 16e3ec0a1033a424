/**
 * How many times training reads data back from the device (GPU → CPU) during an epoch, with
 * and without lrkit's callbacks. Counted at the backend: every `read`/`readSync` call of the
 * active backend (on webgpu each one maps a GPU buffer and waits for the queue).
 */

import { exponential } from '@lrkit/schedules';
import { LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';

/** Reads counted over one `fit` epoch. */
export interface EpochReads {
  readonly backend: string;
  readonly batches: number;
  /** Reads with no callback of lrkit attached (tfjs' own History and logs). */
  readonly withoutCallbacks: number;
  /** Reads with LearningRateScheduler (batch unit), ReduceLROnPlateau and per-batch LossHistory. */
  readonly withCallbacks: number;
  /** withCallbacks − withoutCallbacks: what lrkit adds per epoch. */
  readonly added: number;
}

type Reader = { read: (...args: unknown[]) => unknown; readSync: (...args: unknown[]) => unknown };

/**
 * Runs `work` while counting the active backend's reads.
 *
 * @example
 * const { reads } = await countReads(() => tensor.data());
 */
export async function countReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: number }> {
  const backend = tf.backend() as unknown as Reader;
  const originalRead = backend.read;
  const originalReadSync = backend.readSync;
  let reads = 0;
  backend.read = function (this: unknown, ...args: unknown[]) {
    reads += 1;
    return originalRead.apply(this, args);
  };
  backend.readSync = function (this: unknown, ...args: unknown[]) {
    reads += 1;
    return originalReadSync.apply(this, args);
  };
  try {
    const result = await work();
    return { result, reads };
  } finally {
    backend.read = originalRead;
    backend.readSync = originalReadSync;
  }
}

async function epochReads(batches: number, withLrkit: boolean): Promise<number> {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  const optimizer = tf.train.sgd(0.01);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const xs = tf.randomUniform([batches * 4, 8], 0, 1, 'float32', 3);
  const ys = tf.sum(xs, 1, true);
  const callbacks = withLrkit
    ? [
        new LearningRateScheduler({ schedule: exponential({ initialValue: 0.01, decaySteps: 10, decayRate: 0.9 }), unit: 'batch' }),
        new ReduceLROnPlateau({ monitor: 'loss', patience: 2 }),
        new LossHistory(),
      ]
    : [];
  try {
    // One epoch first, uncounted: tfjs and the callbacks create their lazy state.
    await model.fit(xs, ys, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0, callbacks });
    const { reads } = await countReads(() => model.fit(xs, ys, { epochs: 2, initialEpoch: 1, batchSize: 4, shuffle: false, verbose: 0, callbacks }));
    return reads;
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
}

/**
 * Counts the reads of one epoch of `batches` batches with and without lrkit's callbacks on the
 * current backend.
 *
 * @example
 * const { added } = await countEpochReads(16); // lrkit's reads per epoch, whatever the batch count
 */
export async function countEpochReads(batches: number): Promise<EpochReads> {
  const withoutCallbacks = await epochReads(batches, false);
  const withCallbacks = await epochReads(batches, true);
  return { backend: tf.getBackend(), batches, withoutCallbacks, withCallbacks, added: withCallbacks - withoutCallbacks };
}
