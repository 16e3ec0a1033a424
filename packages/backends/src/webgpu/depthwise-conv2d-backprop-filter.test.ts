import { describe, it } from 'vitest';
import { type DepthwiseCase, depthwiseCase, randomDepthwiseCase, seededRandom } from '../wasm/kernel-test-support.js';
import {
  dilatedFilterShape,
  elementCount,
  expectClose,
  kernelValues,
  randomTensors,
  undilatedValues,
  useSplitSettings,
  useWebGpuTrainingKernels,
} from './webgpu-test-support.js';

const random = seededRandom(23);
const randomCases = Array.from({ length: 16 }, (_, index) => randomDepthwiseCase(random, index, { dilated: true, maxChannels: 5 }));
const edgeCases = [
  depthwiseCase('1×1 image and filter, batch 1', [1, 1, 1, 3], [1, 1, 3, 2], [1, 1], [1, 1], 'valid'),
  depthwiseCase('70 channels × 2 (past a 64-wide workgroup)', [2, 5, 7, 70], [3, 3, 70, 2], [1, 1], [1, 1], 'same'),
  depthwiseCase('130 channels, stride 2, dilation 2', [1, 9, 8, 130], [3, 2, 130, 1], [2, 2], [2, 2], 'same'),
].filter((found): found is DepthwiseCase => found !== undefined);

async function expectMatchesCpu(testCase: DepthwiseCase): Promise<void> {
  const inputs = randomTensors(random, { x: testCase.xShape, dy: testCase.dyShape });
  const common = { strides: testCase.strides, pad: testCase.pad, dimRoundingMode: testCase.dimRoundingMode };
  const actual = await kernelValues('webgpu', 'DepthwiseConv2dNativeBackpropFilter', inputs, {
    ...common,
    dilations: testCase.dilations,
    filterShape: testCase.filterShape,
  });
  // The cpu kernel ignores dilations: take the gradient of the equivalent zero-inserted filter and keep its taps.
  const effective = dilatedFilterShape(testCase.filterShape, testCase.dilations);
  const full = await kernelValues('cpu', 'DepthwiseConv2dNativeBackpropFilter', inputs, { ...common, dilations: [1, 1], filterShape: effective });
  const expected = undilatedValues(full, effective, testCase.dilations);
  expectClose(actual, expected, elementCount(testCase.filterShape), 1e-4);
}

describe('DepthwiseConv2dNativeBackpropFilter on webgpu (SwiftShader through Dawn) equals the cpu reference to 1e-4', () => {
  useWebGpuTrainingKernels();

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);

  describe('with the reduction split into parts of 32 (K larger than a split, a short last split)', () => {
    useSplitSettings({ targetWorkgroups: 64, minimumSplitLength: 32 });
    const splitCases = [
      depthwiseCase('K = 2·13·11 = 286', [2, 13, 11, 3], [3, 3, 3, 2], [1, 1], [1, 1], 'same')!,
      depthwiseCase('K = 3·5·4 = 60, dilated', [3, 9, 8, 5], [2, 2, 5, 1], [2, 2], [2, 3], 'valid')!,
      ...randomCases.slice(0, 3),
    ];
    it.each(splitCases)('$name', expectMatchesCpu);
  });
});
