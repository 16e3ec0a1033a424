import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DepthwiseCase, depthwiseCase, largestError, randomDepthwiseCase, randomValues, seededRandom } from '../wasm/kernel-test-support.js';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import { kernelValues, prepareWebGpu } from './webgpu-test-support.js';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const random = seededRandom(23);
const randomCases = Array.from({ length: 16 }, (_, index) => randomDepthwiseCase(random, index, { dilated: true, maxChannels: 5 }));
const edgeCases = [
  depthwiseCase('1×1 image and filter, batch 1', [1, 1, 1, 3], [1, 1, 3, 2], [1, 1], [1, 1], 'valid'),
  depthwiseCase('70 channels × 2 (past a 64-wide workgroup)', [2, 5, 7, 70], [3, 3, 70, 2], [1, 1], [1, 1], 'same'),
  depthwiseCase('130 channels, stride 2, dilation 2', [1, 9, 8, 130], [3, 2, 130, 1], [2, 2], [2, 2], 'same'),
].filter((found): found is DepthwiseCase => found !== undefined);

async function expectMatchesCpu(testCase: DepthwiseCase): Promise<void> {
  const x = { values: randomValues(random, size(testCase.xShape)), shape: testCase.xShape };
  const dy = { values: randomValues(random, size(testCase.dyShape)), shape: testCase.dyShape };
  const common = { strides: testCase.strides, pad: testCase.pad, dimRoundingMode: testCase.dimRoundingMode };
  const actual = await kernelValues(
    'webgpu',
    'DepthwiseConv2dNativeBackpropFilter',
    { x, dy },
    { ...common, dilations: testCase.dilations, filterShape: testCase.filterShape },
  );
  // The cpu kernel ignores dilations: take the gradient of the equivalent zero-inserted filter and keep its taps.
  const [dh, dw] = testCase.dilations;
  const [fh, fw, c, m] = testCase.filterShape;
  const effective: [number, number, number, number] = [(fh - 1) * dh + 1, (fw - 1) * dw + 1, c, m];
  const full = await kernelValues('cpu', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...common, dilations: [1, 1], filterShape: effective });
  const expected = tf.tidy(() => tf.tensor4d(full, effective).stridedSlice([0, 0, 0, 0], effective, [dh, dw, 1, 1]).dataSync() as Float32Array);
  expect(actual.length).toBe(size(testCase.filterShape));
  expect(largestError(actual, expected)).toBeLessThan(1e-4);
}

describe('DepthwiseConv2dNativeBackpropFilter on webgpu (SwiftShader through Dawn) equals the cpu reference to 1e-4', () => {
  beforeAll(async () => {
    await prepareWebGpu();
    registerWebGpuTrainingKernels();
  });
  afterAll(() => {
    unregisterWebGpuTrainingKernels();
  });

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);

  describe('with the reduction split into parts of 32 (K larger than a split, a short last split)', () => {
    beforeAll(() => {
      registerWebGpuTrainingKernels({ targetWorkgroups: 64, minimumSplitLength: 32 });
    });
    afterAll(() => {
      registerWebGpuTrainingKernels();
    });
    const splitCases = [
      depthwiseCase('K = 2·13·11 = 286', [2, 13, 11, 3], [3, 3, 3, 2], [1, 1], [1, 1], 'same')!,
      depthwiseCase('K = 3·5·4 = 60, dilated', [3, 9, 8, 5], [2, 2, 5, 1], [2, 2], [2, 3], 'valid')!,
      ...randomCases.slice(0, 3),
    ];
    it.each(splitCases)('$name', expectMatchesCpu);
  });
});
