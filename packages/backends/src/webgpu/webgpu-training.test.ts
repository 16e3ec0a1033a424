// lrkit's webgpu training kernels inside real training: tf.grads through conv2d and
// depthwiseConv2d, and a small CNN whose losses match tfjs-backend-webgpu's own kernels.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { randomValues, seededRandom, smallCnn } from '../wasm/kernel-test-support.js';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels, webGpuTrainingKernelNames } from './register-webgpu-training-kernels.js';
import { expectGradientsMatchCpu, useWebGpuTrainingKernels } from './webgpu-test-support.js';

const random = seededRandom(5);

/** Trains `smallCnn` (seeded) for `steps` batches of SGD on webgpu and returns the losses. */
async function trainingLosses(steps: number): Promise<number[]> {
  await tf.setBackend('webgpu');
  const images = tf.tidy(() => tf.tensor4d(randomValues(seededRandom(9), 6 * 12 * 12 * 2), [6, 12, 12, 2]));
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3));
  const model = smallCnn({ inputShape: [12, 12, 2], classes: 3, seed: 4 });
  const optimizer = tf.train.sgd(0.1);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  for (let step = 0; step < steps; step += 1) losses.push((await model.trainOnBatch(images, labels)) as number);
  model.dispose();
  optimizer.dispose();
  tf.dispose([images, labels]);
  return losses;
}

describe('the webgpu training kernels in training (SwiftShader through Dawn)', () => {
  useWebGpuTrainingKernels();

  it('tf.grad through conv2d (stride 2, same padding) equals the cpu backend', async () => {
    const x = randomValues(random, 2 * 9 * 9 * 3);
    const weights = randomValues(random, 5 * 9 * 9 * 4);
    const filter = { values: randomValues(random, 3 * 3 * 3 * 4), shape: [3, 3, 3, 4] };
    const loss = (kernel: tf.Tensor) =>
      tf
        .conv2d(tf.tensor4d(x, [2, 9, 9, 3]), kernel as tf.Tensor4D, 2, 'same')
        .mul(tf.tensor4d(weights.subarray(0, 2 * 5 * 5 * 4), [2, 5, 5, 4]))
        .sum() as tf.Scalar;
    await expectGradientsMatchCpu(loss, [filter], 1e-4);
  });

  it('tf.grad through depthwiseConv2d (multiplier 2, valid padding) equals the cpu backend', async () => {
    const x = randomValues(random, 2 * 8 * 7 * 3);
    const weights = randomValues(random, 2 * 6 * 5 * 6);
    const filter = { values: randomValues(random, 3 * 3 * 3 * 2), shape: [3, 3, 3, 2] };
    const loss = (kernel: tf.Tensor) =>
      tf
        .depthwiseConv2d(tf.tensor4d(x, [2, 8, 7, 3]), kernel as tf.Tensor4D, 1, 'valid')
        .mul(tf.tensor4d(weights, [2, 6, 5, 6]))
        .sum() as tf.Scalar;
    await expectGradientsMatchCpu(loss, [filter], 1e-4);
  });

  it('a small CNN trains to the same losses as with tfjs-webgpu’s own kernels, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const withLrkit = await trainingLosses(4);
    expect(unregisterWebGpuTrainingKernels()).toEqual([...webGpuTrainingKernelNames]);
    const withStock = await trainingLosses(4);
    expect(registerWebGpuTrainingKernels()).toEqual([...webGpuTrainingKernelNames]);
    expect(tf.memory().numTensors).toBe(before);
    expect(withLrkit.every(Number.isFinite)).toBe(true);
    expect(withLrkit[3]!).toBeLessThan(withLrkit[0]!);
    for (let step = 0; step < 4; step += 1) expect(Math.abs(withLrkit[step]! - withStock[step]!)).toBeLessThan(1e-4 * Math.max(1, withStock[step]!));
  });
});
