import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conv2DCase, conv2DAttributes, largestError, randomConv2DCase, randomInteger, randomValues, seededRandom } from '../wasm/kernel-test-support.js';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import { kernelValues, prepareWebGpu } from './webgpu-test-support.js';

interface ForwardCase extends Conv2DCase {
  dilations: [number, number];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function forwardCase(
  name: string,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: [number, number],
  pad: Conv2DCase['pad'],
  dilations: [number, number] = [1, 1],
  dataFormat: 'NHWC' | 'NCHW' = 'NHWC',
): ForwardCase {
  const format = dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst';
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, undefined, false, format);
  return { name, xShape, dyShape: info.outShape, filterShape, strides, pad, dataFormat, dilations };
}

const random = seededRandom(25);
const randomCases: ForwardCase[] = Array.from({ length: 12 }, (_, index) => ({ ...randomConv2DCase(random, index), dilations: [1, 1] }));
const dilatedCases = Array.from({ length: 4 }, (_, index) => {
  for (;;) {
    const dilations: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const xShape: [number, number, number, number] = [
      randomInteger(random, 1, 2),
      randomInteger(random, 5, 11),
      randomInteger(random, 5, 11),
      randomInteger(random, 1, 6),
    ];
    const filterShape: [number, number, number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3), xShape[3], randomInteger(random, 1, 9)];
    const testCase = forwardCase(`dilated #${index}`, xShape, filterShape, [1, 1], index % 2 === 0 ? 'same' : 'valid', dilations);
    if (testCase.dyShape[1] > 0 && testCase.dyShape[2] > 0)
      return {
        ...testCase,
        name: `${testCase.name} x ${xShape.join('x')} filter ${filterShape.join('x')} dilations ${dilations.join(',')} pad ${testCase.pad}`,
      };
  }
});
const edgeCases = [
  forwardCase('1×1 image, 1×1 filter, batch 1', [1, 1, 1, 3], [1, 1, 3, 5], [1, 1], 'valid'),
  forwardCase('1×1 filter, stride 2, odd image', [2, 7, 5, 4], [1, 1, 4, 6], [2, 2], 'same'),
  forwardCase('70 input and 130 output channels', [1, 5, 5, 70], [3, 3, 70, 130], [1, 1], 'same'),
  forwardCase('the CIFAR CNN’s third layer at batch 2', [2, 16, 16, 32], [3, 3, 32, 64], [1, 1], 'same'),
  forwardCase(
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
  forwardCase('filter larger than the padded image side', [1, 2, 9, 2], [3, 3, 2, 2], [1, 2], 'same'),
  forwardCase('vec4 path: 4 in, 4 out channels, one pixel', [1, 1, 1, 4], [1, 1, 4, 4], [1, 1], 'valid'),
  forwardCase('vec4 path: 9 pixels (a block past the edge), 16 channels', [1, 3, 3, 16], [3, 3, 16, 8], [1, 1], 'same'),
  forwardCase(
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
  forwardCase('vec4 path: dilations 2, 3, 68 → 132 channels', [1, 9, 10, 68], [2, 3, 68, 132], [1, 1], 'same', [2, 3]),
  forwardCase('NCHW (tfjs-webgpu’s own kernel)', [2, 3, 6, 5], [3, 3, 3, 4], [1, 1], 'same', [1, 1], 'NCHW'),
];

async function expectMatchesCpu(testCase: ForwardCase): Promise<void> {
  const x = { values: randomValues(random, size(testCase.xShape)), shape: testCase.xShape };
  const filter = { values: randomValues(random, size(testCase.filterShape)), shape: testCase.filterShape };
  const attrs = { ...conv2DAttributes(testCase), dilations: testCase.dilations };
  const actual = await kernelValues('webgpu', 'Conv2D', { x, filter }, attrs);
  const expected = await kernelValues('cpu', 'Conv2D', { x, filter }, attrs);
  expect(actual.length).toBe(size(testCase.dyShape));
  expect(largestError(actual, expected)).toBeLessThan(1e-4);
}

describe('Conv2D on webgpu (SwiftShader through Dawn) equals the cpu backend to 1e-4', () => {
  beforeAll(async () => {
    await prepareWebGpu();
    registerWebGpuTrainingKernels();
  });
  afterAll(() => {
    unregisterWebGpuTrainingKernels();
  });

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(dilatedCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);

  it('leaves no tensor and no GPU buffer behind', async () => {
    await tf.setBackend('webgpu');
    const x = tf.randomNormal([2, 12, 12, 3]);
    const filter = tf.randomNormal([3, 3, 3, 4]);
    const tensorsBefore = tf.memory().numTensors;
    const buffersBefore = tf.engine().backend.numDataIds();
    const output = tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same');
    await output.data();
    output.dispose();
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore, buffersBefore]);
    tf.dispose([x, filter]);
  });
});
