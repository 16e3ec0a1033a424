import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conv2DCase, conv2DAttributes, largestError, randomConv2DCase, randomValues, seededRandom } from '../wasm/kernel-test-support.js';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import { kernelValues, prepareWebGpu } from './webgpu-test-support.js';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function edgeCase(
  name: string,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: [number, number],
  pad: Conv2DCase['pad'],
  dataFormat: 'NHWC' | 'NCHW' = 'NHWC',
): Conv2DCase {
  const format = dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst';
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, undefined, false, format);
  return { name, xShape, dyShape: info.outShape, filterShape, strides, pad, dataFormat };
}

const random = seededRandom(26);
const randomCases = Array.from({ length: 14 }, (_, index) => randomConv2DCase(random, index));
const edgeCases = [
  edgeCase('1×1 image, 1×1 filter, batch 1', [1, 1, 1, 3], [1, 1, 3, 5], [1, 1], 'valid'),
  edgeCase('1×1 filter, stride 2, odd image', [2, 7, 5, 4], [1, 1, 4, 6], [2, 2], 'same'),
  edgeCase('70 input and 130 output channels', [1, 5, 5, 70], [3, 3, 70, 130], [1, 1], 'same'),
  edgeCase('130 input and 9 output channels, stride 3', [1, 8, 7, 130], [2, 3, 130, 9], [3, 3], 'valid'),
  edgeCase(
    'odd sizes, strides and explicit padding',
    [3, 9, 7, 3],
    [3, 2, 3, 5],
    [2, 3],
    [
      [0, 0],
      [2, 1],
      [0, 2],
      [0, 0],
    ],
  ),
  edgeCase('the CIFAR CNN’s fourth layer at batch 1', [1, 16, 16, 64], [3, 3, 64, 64], [1, 1], 'same'),
  edgeCase('vec4 path: 4 in, 4 out channels, one pixel', [1, 1, 1, 4], [1, 1, 4, 4], [1, 1], 'valid'),
  edgeCase('vec4 path: 9 pixels (a block past the edge), 16 → 8 channels', [1, 3, 3, 16], [3, 3, 16, 8], [1, 1], 'same'),
  edgeCase(
    'vec4 path: odd image, stride 2, explicit padding, 8 → 12 channels',
    [3, 7, 9, 8],
    [3, 2, 8, 12],
    [2, 2],
    [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  ),
  edgeCase('vec4 path: stride 3, 132 → 68 channels', [1, 10, 11, 132], [3, 3, 132, 68], [3, 3], 'valid'),
  edgeCase('NCHW (tfjs-webgpu’s own kernel)', [2, 3, 6, 5], [3, 3, 3, 4], [2, 1], 'same', 'NCHW'),
];

async function expectMatchesCpu(testCase: Conv2DCase): Promise<void> {
  const dy = { values: randomValues(random, size(testCase.dyShape)), shape: testCase.dyShape };
  const filter = { values: randomValues(random, size(testCase.filterShape)), shape: testCase.filterShape };
  const attrs = { ...conv2DAttributes(testCase), inputShape: testCase.xShape };
  const actual = await kernelValues('webgpu', 'Conv2DBackpropInput', { dy, filter }, attrs);
  const expected = await kernelValues('cpu', 'Conv2DBackpropInput', { dy, filter }, attrs);
  expect(actual.length).toBe(size(testCase.xShape));
  expect(largestError(actual, expected)).toBeLessThan(1e-4);
}

describe('Conv2DBackpropInput on webgpu (SwiftShader through Dawn) equals the cpu backend to 1e-4', () => {
  beforeAll(async () => {
    await prepareWebGpu();
    registerWebGpuTrainingKernels();
  });
  afterAll(() => {
    unregisterWebGpuTrainingKernels();
  });

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);

  it('gives tf.grad of conv2d (input and filter) equal to the cpu backend’s, stride 2', async () => {
    const x = randomValues(random, 2 * 9 * 8 * 3);
    const w = randomValues(random, 3 * 3 * 3 * 6);
    const gradients = async (backendName: string) => {
      await tf.setBackend(backendName);
      const loss = (input: tf.Tensor, kernel: tf.Tensor) => tf.sum(tf.square(tf.conv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, 2, 'same')));
      const [dx, dw] = tf.grads(loss)([tf.tensor4d(x, [2, 9, 8, 3]), tf.tensor4d(w, [3, 3, 3, 6])]);
      const values = [(await dx!.data()) as Float32Array, (await dw!.data()) as Float32Array];
      tf.dispose([dx!, dw!]);
      return values;
    };
    const [dxWebGpu, dwWebGpu] = await gradients('webgpu');
    const [dxCpu, dwCpu] = await gradients('cpu');
    expect(largestError(dxWebGpu!, dxCpu!)).toBeLessThan(1e-4);
    expect(largestError(dwWebGpu!, dwCpu!)).toBeLessThan(1e-4);
  });
});
