import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import { type Conv2DCase, conv2DAttributes, randomConv2DCase, randomInteger, seededRandom } from '../wasm/kernel-test-support.js';
import { registerWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import {
  dilatedFilterShape,
  elementCount,
  expectClose,
  expectNothingLeftBehind,
  givenConv2DCase,
  kernelValues,
  randomTensors,
  sharedConv2DCases,
  type TensorValues,
  undilatedValues,
  useSplitSettings,
  useWebGpuTrainingKernels,
} from './webgpu-test-support.js';

interface DilatedCase extends Conv2DCase {
  dilations: [number, number];
}

function dilatedCase(random: () => number, index: number): DilatedCase {
  for (;;) {
    const base = randomConv2DCase(random, index);
    const dilations: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const effective = dilatedFilterShape(base.filterShape, dilations);
    const format = base.dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst';
    const info = tf.backend_util.computeConv2DInfo(base.xShape, effective, base.strides, 1, base.pad, base.dimRoundingMode, false, format);
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    return { ...base, name: `${base.name} dilations ${dilations.join(',')}`, dyShape: info.outShape, dilations };
  }
}

const random = seededRandom(22);
const randomCases = Array.from({ length: 12 }, (_, index) => randomConv2DCase(random, index));
const dilatedCases = Array.from({ length: 6 }, (_, index) => dilatedCase(random, index));
const shared = sharedConv2DCases();
const edgeCases = [
  ...shared.small,
  givenConv2DCase('130 input, 70 output channels, NCHW', [1, 130, 4, 3], [2, 2, 130, 70], [1, 2], 'valid', 'NCHW'),
  shared.unevenlyPadded,
  givenConv2DCase('64×64 output exactly', [1, 4, 4, 16], [2, 2, 16, 64], [1, 1], 'same'),
];

async function expectMatchesCpu(testCase: Conv2DCase | DilatedCase): Promise<void> {
  const { x, dy } = randomTensors(random, { x: testCase.xShape, dy: testCase.dyShape });
  const attrs = { ...conv2DAttributes(testCase), filterShape: testCase.filterShape };
  const dilations = 'dilations' in testCase ? testCase.dilations : undefined;
  const actual = await kernelValues('webgpu', 'Conv2DBackpropFilter', { x, dy }, dilations ? { ...attrs, dilations } : attrs);
  const expected = await cpuReference(testCase, x, dy, dilations);
  expectClose(actual, expected, elementCount(testCase.filterShape), 1e-4);
}

/** The cpu kernel ignores dilations: take the gradient of the equivalent dilated filter and keep its taps. */
async function cpuReference(testCase: Conv2DCase, x: TensorValues, dy: TensorValues, dilations: [number, number] | undefined): Promise<Float32Array> {
  const attrs = { ...conv2DAttributes(testCase), filterShape: testCase.filterShape };
  if (dilations === undefined) return kernelValues('cpu', 'Conv2DBackpropFilter', { x, dy }, attrs);
  const effective = dilatedFilterShape(testCase.filterShape, dilations);
  const full = await kernelValues('cpu', 'Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: effective });
  return undilatedValues(full, effective, dilations);
}

describe('Conv2DBackpropFilter on webgpu (SwiftShader through Dawn) equals the cpu backend to 1e-4', () => {
  useWebGpuTrainingKernels();

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(dilatedCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);

  describe('with the reduction split into many short parts (K larger than a split, a short last split)', () => {
    useSplitSettings({ targetWorkgroups: 64, minimumSplitLength: 32 });
    const splitCases = [
      givenConv2DCase('K = 2·15·15 = 450 in splits of 32', [2, 15, 15, 3], [3, 3, 3, 8], [1, 1], 'same'),
      givenConv2DCase('K = 3·7·9 = 189, NCHW, stride 2', [3, 5, 13, 17], [2, 3, 5, 33], [2, 2], 'same', 'NCHW'),
      ...randomCases.slice(0, 4),
    ];
    it.each(splitCases)('$name', expectMatchesCpu);
  });

  it('leaves no tensor and no GPU buffer behind', async () => {
    registerWebGpuTrainingKernels({ minimumSplitLength: 32 });
    const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] };
    await expectNothingLeftBehind(
      () => [tf.randomNormal([2, 12, 12, 3]), tf.randomNormal([2, 12, 12, 4])],
      ([x, dy]) => tf.engine().runKernel('Conv2DBackpropFilter', { x: x!, dy: dy! }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor,
    );
    registerWebGpuTrainingKernels();
  });
});
