import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { randomInteger, randomValues, seededRandom } from '../wasm/kernel-test-support.js';
import { planSkinnyMatMul } from './batch-mat-mul.js';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import {
  expectClose,
  expectGradientsMatchCpu,
  expectNothingLeftBehind,
  kernelValues,
  randomTensors,
  useSplitSettings,
  useWebGpuTrainingKernels,
} from './webgpu-test-support.js';

interface MatMulCase {
  name: string;
  aShape: number[];
  bShape: number[];
  transposeA: boolean;
  transposeB: boolean;
}

/** `a · b` with `M × K` by `K × N` (before transposes) and outer dimensions `aOuter`, `bOuter`. */
function matMulCase(
  name: string,
  rows: number,
  depth: number,
  columns: number,
  transposeA: boolean,
  transposeB: boolean,
  aOuter: number[] = [],
  bOuter: number[] = [],
): MatMulCase {
  const aShape = [...aOuter, ...(transposeA ? [depth, rows] : [rows, depth])];
  const bShape = [...bOuter, ...(transposeB ? [columns, depth] : [depth, columns])];
  return { name: `${name}: [${aShape}]${transposeA ? 'ᵀ' : ''} · [${bShape}]${transposeB ? 'ᵀ' : ''}`, aShape, bShape, transposeA, transposeB };
}

const random = seededRandom(24);
const randomCases = Array.from({ length: 12 }, (_, index) => {
  const skinny = index % 3;
  const small = randomInteger(random, 1, skinny === 2 ? 32 : 16);
  const other = () => randomInteger(random, 1, 150);
  const [rows, depth, columns] = skinny === 0 ? [small, other(), other()] : skinny === 1 ? [other(), other(), small] : [other(), small, other()];
  const batch = index % 4 === 3 ? [randomInteger(random, 2, 3)] : [];
  return matMulCase(`random ${index}`, rows, depth, columns, random() < 0.5, random() < 0.5, batch, index % 8 === 7 ? [] : batch);
});
const edgeCases = [
  matMulCase('1 × 1 × 1', 1, 1, 1, false, false),
  matMulCase('dense forward at batch 4', 4, 4096, 256, false, false),
  matMulCase('dense input gradient', 4, 256, 4096, false, true),
  matMulCase('dense weight gradient (K = 4)', 4096, 4, 256, true, false),
  matMulCase('64 and 65 columns (a workgroup’s width and one past)', 3, 70, 65, false, false),
  matMulCase('odd sizes, both transposed', 13, 7, 5, true, true),
  matMulCase('rank 4, equal batch dimensions', 5, 9, 6, false, true, [2, 3], [2, 3]),
  matMulCase('B broadcast over a batch of 5', 4, 33, 17, true, false, [5], []),
  matMulCase('A broadcast over batch dimensions [2, 2]', 9, 3, 31, false, false, [1], [2, 2]),
];
/** A product lrkit's kernel hands to tfjs-webgpu's own. */
const delegatedCases = [matMulCase('large on every side', 40, 48, 36, false, true), matMulCase('large, batch 2', 33, 40, 20, true, false, [2], [2])];

async function expectMatchesCpu(testCase: MatMulCase): Promise<void> {
  const inputs = randomTensors(random, { a: testCase.aShape, b: testCase.bShape });
  const attrs = { transposeA: testCase.transposeA, transposeB: testCase.transposeB };
  const actual = await kernelValues('webgpu', 'BatchMatMul', inputs, attrs);
  const expected = await kernelValues('cpu', 'BatchMatMul', inputs, attrs);
  expectClose(actual, expected, expected.length, 1e-4);
}

describe('planSkinnyMatMul', () => {
  it('takes the dense layers’ products and leaves large or doubly broadcast ones to tfjs', () => {
    expect(planSkinnyMatMul([4, 4096], [4096, 256], false, false)).toEqual({
      rows: 4,
      columns: 256,
      depth: 4096,
      batches: 1,
      aBatchStride: 0,
      bBatchStride: 0,
      outputShape: [4, 256],
    });
    expect(planSkinnyMatMul([3, 4, 5], [5, 7], false, false)).toMatchObject({ batches: 3, aBatchStride: 20, bBatchStride: 0, outputShape: [3, 4, 7] });
    expect(planSkinnyMatMul([4, 4096], [4, 256], true, false)).toMatchObject({ rows: 4096, columns: 256, depth: 4 });
    expect(planSkinnyMatMul([40, 48], [36, 48], false, true)).toBeUndefined();
    expect(planSkinnyMatMul([2, 1, 4, 5], [1, 3, 5, 6], false, false)).toBeUndefined();
    expect(planSkinnyMatMul([4, 5], [6, 7], false, false)).toBeUndefined();
  });
});

describe('BatchMatMul on webgpu (SwiftShader through Dawn) equals the cpu backend to 1e-4', () => {
  useWebGpuTrainingKernels();

  it.each(randomCases)('$name', expectMatchesCpu);
  it.each(edgeCases)('$name', expectMatchesCpu);
  it.each(delegatedCases)('delegated to tfjs-webgpu: $name', expectMatchesCpu);

  it('hands batch dimensions broadcast both ways to tfjs-webgpu, which refuses them as before', async () => {
    await tf.setBackend('webgpu');
    const attempt = () => tf.tidy(() => tf.matMul(tf.ones([2, 1, 4, 5]), tf.ones([1, 3, 5, 6])));
    expect(attempt).toThrow('Size(72) must match the product of shape 2,3,4,6');
    unregisterWebGpuTrainingKernels();
    expect(attempt).toThrow('Size(72) must match the product of shape 2,3,4,6');
    registerWebGpuTrainingKernels();
  });

  describe('with the reduction split into parts of 32 (a short last split)', () => {
    useSplitSettings({ minimumSplitLength: 32 });
    it.each([
      matMulCase('K = 1000', 3, 1000, 10, false, false),
      matMulCase('K = 333, batch 2, transposed', 7, 333, 2, true, true, [2], [2]),
      ...randomCases.slice(0, 3),
    ])('$name', expectMatchesCpu);
  });

  it('gives tf.grad of a dense layer equal to the cpu backend’s', async () => {
    const x = { values: randomValues(random, 4 * 300), shape: [4, 300] };
    const w = { values: randomValues(random, 300 * 20), shape: [300, 20] };
    await expectGradientsMatchCpu((input: tf.Tensor, kernel: tf.Tensor) => tf.sum(tf.square(tf.matMul(input, kernel))) as tf.Scalar, [x, w], 1e-3);
  });

  it('leaves no tensor and no GPU buffer behind', async () => {
    registerWebGpuTrainingKernels({ minimumSplitLength: 32 });
    await expectNothingLeftBehind(
      () => [tf.randomNormal([4, 500]), tf.randomNormal([500, 8])],
      ([a, b]) => tf.matMul(a!, b!),
    );
    registerWebGpuTrainingKernels();
  });
});
