import * as tf from '@tensorflow/tfjs';

import type { TensorPair } from './prepare.js';
import { permutation } from './random.js';

/** Options of {@link shuffledBatches}. */
export interface ShuffledBatchesOptions {
  /** Examples per batch (the last batch of an epoch may be smaller). */
  readonly batchSize: number;
  /** Seed of the first epoch's shuffle; epoch `e` uses `seed + e`. Default 0. */
  readonly seed?: number;
  /** Shuffle each epoch (default true); false keeps the stored order. */
  readonly shuffle?: boolean;
}

/**
 * A `tf.data` dataset of `{ xs, ys }` batches over tensors, reshuffled at every epoch with
 * a seeded permutation (epoch `e` uses `seed + e`), so two runs with the same seed see the
 * same batches in the same order. Pass it to `model.fitDataset`; each pass over the
 * dataset is one epoch.
 *
 * @param pair - the examples.
 * @param options - batch size, seed, shuffle.
 * @returns the batched dataset.
 * @example
 * ```ts
 * const batches = shuffledBatches(data.train, { batchSize: 64, seed: 1 });
 * await model.fitDataset(batches, { epochs: 5 });
 * ```
 */
export function shuffledBatches(pair: TensorPair, options: ShuffledBatchesOptions): tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }> {
  const { batchSize, seed = 0, shuffle = true } = options;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new RangeError(`shuffledBatches: \`batchSize\` must be a positive integer; received ${String(batchSize)}`);
  }
  let epoch = 0;
  return tf.data.generator(function* batches() {
    const order = shuffle ? permutation(pair.count, seed + epoch) : Int32Array.from({ length: pair.count }, (_, i) => i);
    epoch += 1;
    for (let start = 0; start < pair.count; start += batchSize) {
      const indices = order.subarray(start, Math.min(start + batchSize, pair.count));
      yield tf.tidy(() => {
        const index = tf.tensor1d(indices, 'int32');
        return { xs: tf.gather(pair.xs, index), ys: tf.gather(pair.ys, index) };
      });
    }
  }) as unknown as tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>;
}

/**
 * Number of batches in one epoch over `count` examples.
 *
 * @param count - examples per epoch.
 * @param batchSize - examples per batch.
 * @returns `ceil(count / batchSize)`.
 * @example
 * ```ts
 * batchesPerEpoch(1000, 64); // 16
 * ```
 */
export function batchesPerEpoch(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}
