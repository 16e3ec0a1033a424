import * as tf from '@tensorflow/tfjs';
import { fitsDispatchLimit, runFallbackKernel } from './fallback-kernel.js';
import { runSplitReduction } from './run-split-reduction.js';
import { SkinnyMatMulProgram, skinnyMatMulWorkgroupThreads } from './skinny-matmul-program.js';
import { planSplits, type SplitSettings } from './split-plan.js';
import type { WebGpuBackendLike } from './webgpu-program.js';

/** The attributes tfjs passes to `BatchMatMul`. */
export interface BatchMatMulAttributes {
  transposeA: boolean;
  transposeB: boolean;
}

/** A product lrkit's kernel computes: `M × K` by `K × N`, `batches` times. */
export interface SkinnyMatMulPlan {
  readonly rows: number;
  readonly columns: number;
  readonly depth: number;
  readonly batches: number;
  readonly aBatchStride: number;
  readonly bBatchStride: number;
  readonly outputShape: number[];
}

/** Rows or columns up to which a product counts as skinny. */
export const skinnyOuterLimit = 16;
/** Reduction length up to which a product counts as skinny. */
export const skinnyDepthLimit = 32;

const product = (shape: readonly number[]) => shape.reduce((total, extent) => total * extent, 1);

/**
 * Whether lrkit's skinny kernel takes `a · b` (with tfjs' `BatchMatMul` semantics), and how:
 * float32 operands whose product has at most 16 rows or columns, or a reduction of at most 32
 * (the dense layers' forward and backward products at small batch), output rank at most 5, and
 * batch dimensions that are equal or broadcast from one operand. Anything else (large square
 * products, where tfjs-webgpu's tiled kernel is the right one) returns `undefined`.
 *
 * @example
 * planSkinnyMatMul([4, 4096], [4096, 256], false, false); // { rows: 4, columns: 256, depth: 4096, batches: 1, … }
 */
export function planSkinnyMatMul(aShape: readonly number[], bShape: readonly number[], transposeA: boolean, transposeB: boolean): SkinnyMatMulPlan | undefined {
  const aRank = aShape.length;
  const bRank = bShape.length;
  if (aRank < 2 || bRank < 2) return undefined;
  const depth = transposeA ? aShape[aRank - 2]! : aShape[aRank - 1]!;
  const rows = transposeA ? aShape[aRank - 1]! : aShape[aRank - 2]!;
  const columns = transposeB ? bShape[bRank - 2]! : bShape[bRank - 1]!;
  const depthB = transposeB ? bShape[bRank - 1]! : bShape[bRank - 2]!;
  if (depth !== depthB) return undefined;
  const skinny = Math.min(rows, columns) <= skinnyOuterLimit || depth <= skinnyDepthLimit;
  if (!skinny || rows === 0 || columns === 0) return undefined;
  let outerShape: number[];
  try {
    outerShape = tf.broadcast_util.assertAndGetBroadcastShape(aShape.slice(0, -2), bShape.slice(0, -2));
  } catch {
    return undefined;
  }
  if (outerShape.length > 3) return undefined;
  const batchesA = product(aShape.slice(0, -2));
  const batchesB = product(bShape.slice(0, -2));
  const batches = product(outerShape);
  // Broadcasting across several dimensions at once (e.g. [2, 1] with [1, 3]) is left to tfjs.
  if (batches !== Math.max(batchesA, batchesB) || (batchesA !== batchesB && Math.min(batchesA, batchesB) !== 1)) return undefined;
  return {
    rows,
    columns,
    depth,
    batches,
    aBatchStride: batchesA === 1 ? 0 : rows * depth,
    bBatchStride: batchesB === 1 ? 0 : depth * columns,
    outputShape: [...outerShape, rows, columns],
  };
}

/**
 * Makes the webgpu `BatchMatMul` kernel: skinny products ({@link planSkinnyMatMul}) run
 * {@link SkinnyMatMulProgram}, with the reduction split when the output alone would give few
 * threads; every other product goes to `fallback` (tfjs-webgpu's own kernel, captured when lrkit's
 * was registered).
 *
 * @example
 * tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'webgpu', kernelFunc: batchMatMulWebGpu(() => defaultSplitSettings, () => original) });
 */
export function batchMatMulWebGpu(settings: () => SplitSettings, fallback: () => tf.KernelFunc | undefined): tf.KernelFunc {
  return (parameters) => {
    const { inputs, backend, attrs } = parameters;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttributes;
    const plan = a.dtype === 'float32' && b.dtype === 'float32' ? planSkinnyMatMul(a.shape, b.shape, transposeA, transposeB) : undefined;
    const webGpu = backend as unknown as WebGpuBackendLike;
    const maxPerDimension = webGpu.device.limits.maxComputeWorkgroupsPerDimension;
    const single = plan === undefined ? undefined : new SkinnyMatMulProgram(plan.outputShape, plan.rows, plan.columns, plan.batches, 1, transposeA, transposeB);
    if (plan === undefined || single === undefined || !fitsDispatchLimit(single, webGpu.device.limits)) {
      return runFallbackKernel('BatchMatMul', 'product', fallback, parameters);
    }
    const workgroups = single.dispatch[0] * single.dispatch[1] * plan.batches;
    // The settings count 256-thread workgroups that share a split; here each thread sums its
    // own split alone, so 4× the (64-thread) workgroups and an eighth of the split length.
    const { targetWorkgroups, minimumSplitLength } = settings();
    const { splits, splitLength } = planSplits(
      plan.depth,
      workgroups,
      4,
      { targetWorkgroups: targetWorkgroups * (256 / skinnyMatMulWorkgroupThreads), minimumSplitLength: Math.max(16, Math.ceil(minimumSplitLength / 8)) },
      Math.floor(maxPerDimension / plan.batches),
    );
    const program = splits === 1 ? single : new SkinnyMatMulProgram(plan.outputShape, plan.rows, plan.columns, plan.batches, splits, transposeA, transposeB);
    const uniforms = [plan.rows, plan.columns, plan.depth, plan.batches, plan.aBatchStride, plan.bBatchStride, splitLength].map((value) => ({
      type: 'int32' as const,
      data: [value],
    }));
    return runSplitReduction(webGpu, program, [a, b], plan.outputShape, splits, uniforms);
  };
}
