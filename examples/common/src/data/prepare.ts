import * as tf from '@tensorflow/tfjs';

import type { ImageSet, RawDataset } from './image-set.js';
import { permutation } from './random.js';

/** Images and one-hot labels as tensors. */
export interface TensorPair {
  /** Images, `[count, height, width, channels]`, float32 scaled to [0, 1]. */
  readonly xs: tf.Tensor4D;
  /** One-hot labels, `[count, classes]`, float32. */
  readonly ys: tf.Tensor2D;
  /** Number of examples. */
  readonly count: number;
}

/** A dataset ready for training: train / validation / test tensors and its description. */
export interface PreparedDataset {
  /** The dataset's name. */
  readonly name: string;
  /** One name per class. */
  readonly classNames: readonly string[];
  /** `[height, width, channels]`, the model's input shape. */
  readonly inputShape: readonly [number, number, number];
  /** The training examples (after the validation split and the limit). */
  readonly train: TensorPair;
  /** The validation examples, held out from the training set. */
  readonly validation: TensorPair;
  /** The test examples (the official test set, possibly limited). */
  readonly test: TensorPair;
  /** Frees every tensor. */
  dispose(): void;
}

/** Options of {@link prepareDataset}. */
export interface PrepareOptions {
  /**
   * Use at most this many training examples (before the validation split is taken from
   * them); default: all.
   */
  readonly limit?: number;
  /**
   * Use at most this many test examples; default: all of them without `limit`, otherwise
   * the same fraction of the test set as `limit` is of the training set (at least 100).
   */
  readonly testLimit?: number;
  /** Fraction of the (limited) training examples held out for validation, in [0, 1); default 0.1. */
  readonly validationFraction?: number;
  /** Seed of the shuffles that pick the subset and the split; default 0. */
  readonly seed?: number;
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new RangeError(`prepareDataset: \`${name}\` must be a positive integer; received ${String(value)}`);
  }
}

/** The pixels and labels of the images at `indices`, as tensors (pixels / 255, one-hot). */
function gatherPair(set: ImageSet, indices: Int32Array, classes: number): TensorPair {
  const size = set.height * set.width * set.channels;
  const pixels = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  indices.forEach((source, target) => {
    const image = set.images.subarray(source * size, (source + 1) * size);
    for (let offset = 0; offset < size; offset += 1) pixels[target * size + offset] = (image[offset] as number) / 255;
    labels[target] = set.labels[source] as number;
  });
  const xs = tf.tensor4d(pixels, [indices.length, set.height, set.width, set.channels]);
  const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), classes), 'float32')) as tf.Tensor2D;
  return { xs, ys, count: indices.length };
}

/**
 * The first `count` examples of an image set, in file order, as tensors (pixels / 255,
 * one-hot labels): the same fixed subset every time, for comparisons that must train every
 * arm on the same examples without a shuffle.
 *
 * @param set - the image set (a split of a loaded dataset).
 * @param count - how many examples, an integer in [1, set.count].
 * @param classes - the number of classes (the one-hot width).
 * @returns the tensors; dispose `xs` and `ys` when done.
 * @example
 * ```ts
 * const mnist = await loadMnist();
 * const train = firstExamples(mnist.train, 20_000, mnist.classNames.length);
 * train.xs.shape; // [20000, 28, 28, 1]
 * ```
 */
export function firstExamples(set: ImageSet, count: number, classes: number): TensorPair {
  if (!(Number.isInteger(count) && count >= 1 && count <= set.count)) {
    throw new RangeError(`firstExamples: \`count\` must be an integer in [1, ${set.count}] (the examples the set holds); received ${String(count)}`);
  }
  return gatherPair(
    set,
    Int32Array.from({ length: count }, (_, index) => index),
    classes,
  );
}

/**
 * Turns a raw dataset into tensors: a seeded shuffle of the training set, an optional
 * subset (`limit`), a validation split held out from it, the test set (optionally
 * limited), pixels scaled to [0, 1] and one-hot labels. The same seed always gives the
 * same subset, split and order.
 *
 * @param raw - the loaded dataset.
 * @param options - subset, split and seed.
 * @returns the train, validation and test tensors; call `dispose()` when done.
 * @example
 * ```ts
 * const data = prepareDataset(await loadMnist(), { limit: 2000, seed: 1 });
 * data.train.count; // 1800
 * data.validation.count; // 200
 * ```
 */
export function prepareDataset(raw: RawDataset, options: PrepareOptions = {}): PreparedDataset {
  const { limit, testLimit, validationFraction = 0.1, seed = 0 } = options;
  checkCount('limit', limit);
  checkCount('testLimit', testLimit);
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new RangeError(`prepareDataset: \`validationFraction\` must be in [0, 1); received ${String(validationFraction)}`);
  }
  const classes = raw.classNames.length;
  const trainOrder = permutation(raw.train.count, seed);
  const used = trainOrder.subarray(0, Math.min(limit ?? raw.train.count, raw.train.count));
  const validationCount = Math.round(used.length * validationFraction);
  const trainCount = used.length - validationCount;
  if (trainCount < 1) {
    throw new RangeError(`prepareDataset: no training examples left after holding out ${validationCount} for validation`);
  }
  const defaultTestCount = limit === undefined ? raw.test.count : Math.max(100, Math.round((raw.test.count * used.length) / raw.train.count));
  const testCount = Math.min(testLimit ?? defaultTestCount, raw.test.count);
  const testOrder = permutation(raw.test.count, seed + 1).subarray(0, testCount);

  const train = gatherPair(raw.train, used.subarray(0, trainCount), classes);
  const validation = gatherPair(raw.train, used.subarray(trainCount), classes);
  const test = gatherPair(raw.test, testOrder, classes);
  return {
    name: raw.name,
    classNames: raw.classNames,
    inputShape: [raw.train.height, raw.train.width, raw.train.channels],
    train,
    validation,
    test,
    dispose() {
      tf.dispose([train.xs, train.ys, validation.xs, validation.ys, test.xs, test.ys]);
    },
  };
}
