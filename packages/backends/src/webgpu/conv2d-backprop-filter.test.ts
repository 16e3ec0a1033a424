import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conv2DCase, conv2DAttributes, largestError, randomConv2DCase, randomInteger, randomValues, seededRandom } from '../wasm/kernel-test-support.js';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import { kernelValues, prepareWebGpu } from './webgpu-test-support.js';

interface DilatedCase extends Conv2DCase {
  dilations: [number, number];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function dilatedCase(random: () => number, index: number): DilatedCase {
  for (;;) {
    const base = randomConv2DCase(random, index);
    const dilations: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const [fh, fw, ci, co] = base.filterShape;
    const effective: [number, number, number, number] = [(fh - 1) * dilations[0] + 1, (fw - 1) * dilations[1] + 1, ci, co];
    const format = base.dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst';
    const info = tf.backend_util.computeConv2DInfo(base.xShape, effective, base.strides, 1, base.pad, base.dimRoundingMode, false, format);
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    return { ...base, name: `${base.name} dilations ${dilations.join(',')}`, dyShape: info.outShape, dilations };
  }
}

/** A case with every size given: the workgroup-edge shapes. */
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

const random = seededRandom(22);
const randomCases = Array.from({ length: 12 }, (_, index) => randomConv2DCase(random, index));
const dilatedCases = Array.from({ length: 6 }, (_, index) => dilatedCase(random, index));
const edgeCases = [
  edgeCase('1×1 image, 1×1 filter, batch 1', [1, 1, 1, 3], [1, 1, 3, 5], [1, 1], 'valid'),
  edgeCase('1×1 filter, stride 2, odd image', [2, 7, 5, 4], [1, 1, 4, 6], [2, 2], 'same'),
  edgeCase('70 input and 130 output channels (rows and columns past a tile)', [1, 5, 5, 70], [3, 3, 70, 130], [1, 1], 'same'),
  edgeCase('130 input, 70 output channels, NCHW', [1, 130, 4, 3], [2, 2, 130, 70], [1, 2], 'valid', 'NCHW'),
  edgeCase(
    'odd sizes and strides',
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
  edgeCase('64×64 output exactly', [1, 4, 4, 16], [2, 2, 16, 64], [1, 1], 'same'),
];

async function expectMatchesCpu(testCase: Conv2DCase | DilatedCase): Promise<void> {
  const x = { values: randomValues(random, size(testCase.xShape)), shape: testCase.xShape };
  const dy = { values: randomValues(random, size(testCase.dyShape)), shape: testCase.dyShape };
  const attrs = { ...conv2DAttributes(testCase), filterShape: testCase.filterShape };
  const dilations = 'dilations' in testCase ? testCase.dilations : undefined;
  const actual = await kernelValues('webgpu', 'Conv2DBackpropFilter', { x, dy }, dilations ? { ...attrs, dilations } : attrs);
  expect(actual.length).toBe(size(testCase.filterShape));
  const expected = await cpuReference(testCase, x, dy, dilations);
  expect(largestError(actual, expected)).toBeLessThan(1e-4);
}

/** The cpu kernel ignores dilations: take the gradient of the equivalent dilated filter and keep its taps. */
async function cpuReference(
  testCase: Conv2DCase,
  x: { values: Float32Array; shape: number[] },
  dy: { values: Float32Array; shape: number[] },
  dilations: [number, number] | undefined,
): Promise<Float32Array> {
  const attrs = { ...conv2DAttributes(testCase), filterShape: testCase.filterShape };
  if (dilations === undefined) return kernelValues('cpu', 'Conv2DBackpropFilter', { x, dy }, attrs);
  const [fh, fw, ci, co] = testCase.filterShape;
  const effective = [(fh - 1) * dilations[0] + 1, (fw - 1) * dilations[1] + 1, ci, co];
  const full = await kernelValues('cpu', 'Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: effective });
  return tf.tidy(
    () =>
      tf
        .tensor4d(full, effective as [number, number, number, number])
        .stridedSlice([0, 0, 0, 0], effective, [dilations[0], dilations[1], 1, 1])
        .dataSync() as Float32Array,
  );
}

describe('Conv2DBackpropFilter on webgpu (SwiftShader through Dawn) equals the cpu backend to 1e-4', () => {
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

  describe('with the reduction split into many short parts (K larger than a split, a short last split)', () => {
    beforeAll(() => {
      registerWebGpuTrainingKernels({ targetWorkgroups: 64, minimumSplitLength: 32 });
    });
    afterAll(() => {
      registerWebGpuTrainingKernels();
    });
    const splitCases = [
      edgeCase('K = 2·15·15 = 450 in splits of 32', [2, 15, 15, 3], [3, 3, 3, 8], [1, 1], 'same'),
      edgeCase('K = 3·7·9 = 189, NCHW, stride 2', [3, 5, 13, 17], [2, 3, 5, 33], [2, 2], 'same', 'NCHW'),
      ...randomCases.slice(0, 4),
    ];
    it.each(splitCases)('$name', expectMatchesCpu);
  });

  it('leaves no tensor and no GPU buffer behind', async () => {
    await tf.setBackend('webgpu');
    registerWebGpuTrainingKernels({ minimumSplitLength: 32 });
    const x = tf.randomNormal([2, 12, 12, 3]);
    const dy = tf.randomNormal([2, 12, 12, 4]);
    const tensorsBefore = tf.memory().numTensors;
    const buffersBefore = tf.engine().backend.numDataIds();
    const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] };
    const gradient = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    await gradient.data();
    gradient.dispose();
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore, buffersBefore]);
    tf.dispose([x, dy]);
    registerWebGpuTrainingKernels();
  });
});
