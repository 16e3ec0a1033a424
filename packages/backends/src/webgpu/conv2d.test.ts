import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import { type Conv2DCase, randomConv2DCase, randomInteger, seededRandom } from '../wasm/kernel-test-support.js';
import { expectConv2DKernelMatchesCpu, expectNothingLeftBehind, givenConv2DCase, sharedConv2DCases, useWebGpuTrainingKernels } from './webgpu-test-support.js';

interface ForwardCase extends Conv2DCase {
  dilations: [number, number];
}

function forwardCase(
  name: string,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: [number, number],
  pad: Conv2DCase['pad'],
  dilations: [number, number] = [1, 1],
  dataFormat: 'NHWC' | 'NCHW' = 'NHWC',
): ForwardCase {
  return { ...givenConv2DCase(name, xShape, filterShape, strides, pad, dataFormat, dilations), dilations };
}

/** `testCase` with dilations 1. */
const undilated = (testCase: Conv2DCase): ForwardCase => ({ ...testCase, dilations: [1, 1] });

const random = seededRandom(25);
const randomCases = Array.from({ length: 12 }, (_, index) => undilated(randomConv2DCase(random, index)));
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
const shared = sharedConv2DCases();
const edgeCases = [
  ...shared.small.map(undilated),
  forwardCase('the CIFAR CNN’s third layer at batch 2', [2, 16, 16, 32], [3, 3, 32, 64], [1, 1], 'same'),
  undilated(shared.unevenlyPadded),
  forwardCase('filter larger than the padded image side', [1, 2, 9, 2], [3, 3, 2, 2], [1, 2], 'same'),
  ...shared.vector.map(undilated),
  forwardCase('vec4 path: dilations 2, 3, 68 → 132 channels', [1, 9, 10, 68], [2, 3, 68, 132], [1, 1], 'same', [2, 3]),
  forwardCase('NCHW (tfjs-webgpu’s own kernel)', [2, 3, 6, 5], [3, 3, 3, 4], [1, 1], 'same', [1, 1], 'NCHW'),
];

const expectMatchesCpu = (testCase: ForwardCase) => expectConv2DKernelMatchesCpu('Conv2D', random, testCase);

describe('Conv2D on webgpu (SwiftShader through Dawn) equals the cpu backend to 1e-4', () => {
  useWebGpuTrainingKernels();

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(dilatedCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);

  it('leaves no tensor and no GPU buffer behind', async () => {
    await expectNothingLeftBehind(
      () => [tf.randomNormal([2, 12, 12, 3]), tf.randomNormal([3, 3, 3, 4])],
      ([x, filter]) => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same'),
    );
  });
});
