/**
 * The two CNNs the GPU check trains: the examples' demo CNN (MNIST-size) and a CIFAR-size CNN
 * (conv32, conv32, pool, conv64, conv64, pool, dense256, dense10), with seeded weights and
 * seeded random data, so every backend trains the same numbers.
 */

import { buildDemoCnn } from '@lrkit/examples-common/models';
import * as tf from '@tensorflow/tfjs';

/** A model the check trains, with the shape of one image and the number of classes. */
export interface Workload {
  readonly name: 'demo-cnn' | 'cifar-cnn';
  readonly inputShape: [number, number, number];
  readonly classes: number;
  /** Builds the model with seeded weights (uncompiled). */
  build(): tf.LayersModel;
}

/**
 * The CIFAR-size CNN of the GPU figures: 3×3 'same' convolutions with 32, 32, 64, 64 filters
 * (relu), a 2×2 max-pool after each pair, dense 256 (relu), dense 10 (softmax); input 32×32×3.
 *
 * @example
 * const model = buildCifarCnn(1);
 */
export function buildCifarCnn(seed = 1): tf.Sequential {
  const kernelInitializer = (offset: number) => tf.initializers.glorotUniform({ seed: seed * 11 + offset });
  const conv = (filters: number, offset: number, inputShape?: [number, number, number]) =>
    tf.layers.conv2d({
      ...(inputShape === undefined ? {} : { inputShape }),
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: kernelInitializer(offset),
    });
  return tf.sequential({
    name: 'cifar_cnn',
    layers: [
      conv(32, 0, [32, 32, 3]),
      conv(32, 1),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      conv(64, 2),
      conv(64, 3),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: kernelInitializer(4) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: kernelInitializer(5) }),
    ],
  });
}

/** The demo CNN (MNIST 28×28×1, 10 classes). */
export const demoCnnWorkload: Workload = { name: 'demo-cnn', inputShape: [28, 28, 1], classes: 10, build: () => buildDemoCnn({ seed: 1 }) };

/** The CIFAR-size CNN (32×32×3, 10 classes). */
export const cifarCnnWorkload: Workload = { name: 'cifar-cnn', inputShape: [32, 32, 3], classes: 10, build: () => buildCifarCnn(1) };

/**
 * Deterministic data for a workload on the current backend: `count` seeded uniform images and
 * one-hot labels cycling through the classes (index · 7 mod classes).
 *
 * @example
 * const { images, labels } = seededBatch(cifarCnnWorkload, 256);
 */
export function seededBatch(workload: Workload, count: number): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  return tf.tidy(() => ({
    images: tf.randomUniform([count, ...workload.inputShape], 0, 1, 'float32', 17) as tf.Tensor4D,
    labels: tf.oneHot(
      tf.tensor1d(
        Array.from({ length: count }, (_, index) => (index * 7) % workload.classes),
        'int32',
      ),
      workload.classes,
    ) as tf.Tensor2D,
  }));
}
