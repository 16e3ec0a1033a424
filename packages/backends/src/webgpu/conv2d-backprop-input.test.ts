import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import { type Conv2DCase, randomConv2DCase, randomValues, seededRandom } from '../wasm/kernel-test-support.js';
import { expectConv2DKernelMatchesCpu, expectGradientsMatchCpu, givenConv2DCase, sharedConv2DCases, useWebGpuTrainingKernels } from './webgpu-test-support.js';

const random = seededRandom(26);
const randomCases = Array.from({ length: 14 }, (_, index) => randomConv2DCase(random, index));
const shared = sharedConv2DCases();
const edgeCases = [
  ...shared.small,
  givenConv2DCase('130 input and 9 output channels, stride 3', [1, 8, 7, 130], [2, 3, 130, 9], [3, 3], 'valid'),
  shared.unevenlyPadded,
  givenConv2DCase('the CIFAR CNN’s fourth layer at batch 1', [1, 16, 16, 64], [3, 3, 64, 64], [1, 1], 'same'),
  ...shared.vector,
  givenConv2DCase('vec4 path: stride 3, 132 → 68 channels', [1, 10, 11, 132], [3, 3, 132, 68], [3, 3], 'valid'),
  givenConv2DCase('NCHW (tfjs-webgpu’s own kernel)', [2, 3, 6, 5], [3, 3, 3, 4], [2, 1], 'same', 'NCHW'),
];

const expectMatchesCpu = (testCase: Conv2DCase) => expectConv2DKernelMatchesCpu('Conv2DBackpropInput', random, testCase);

describe('Conv2DBackpropInput on webgpu (SwiftShader through Dawn) equals the cpu backend to 1e-4', () => {
  useWebGpuTrainingKernels();

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);

  it('gives tf.grad of conv2d (input and filter) equal to the cpu backend’s, stride 2', async () => {
    const x = { values: randomValues(random, 2 * 9 * 8 * 3), shape: [2, 9, 8, 3] };
    const w = { values: randomValues(random, 3 * 3 * 3 * 6), shape: [3, 3, 3, 6] };
    const loss = (input: tf.Tensor, kernel: tf.Tensor) => tf.sum(tf.square(tf.conv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, 2, 'same'))) as tf.Scalar;
    await expectGradientsMatchCpu(loss, [x, w], 1e-4);
  });
});
