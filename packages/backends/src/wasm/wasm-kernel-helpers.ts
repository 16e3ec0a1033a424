import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Patch buffers are cut into batch chunks so one chunk holds at most `maximumElements` floats
 * (default 2^24 = 64 MiB). Mutable so tests can force the chunked path on small inputs.
 */
export const patchBudget = { maximumElements: 1 << 24 };

/**
 * How many images fit in one chunk when each image contributes `elementsPerImage` floats
 * to the largest temporary buffer (at least one image per chunk).
 *
 * @example
 * imagesPerChunk(26 * 26 * 9, 64); // 64: the whole batch fits
 */
export function imagesPerChunk(elementsPerImage: number, batchSize: number): number {
  return Math.max(1, Math.min(batchSize, Math.floor(patchBudget.maximumElements / Math.max(1, elementsPerImage))));
}

/** Allocates a float32 tensor on the wasm heap; its values are undefined until written. */
export function allocate(backend: BackendWasm, shape: number[]): tf.TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

/**
 * A Float32Array view of a tensor's wasm memory. Take views only after the last allocation
 * of a step: growing the wasm heap detaches earlier views.
 */
export function heapView(backend: BackendWasm, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Frees a tensor allocated inside a kernel. */
export function release(backend: BackendWasm, info: tf.TensorInfo): void {
  backend.disposeData(info.dataId);
}

/**
 * Runs the wasm backend's own BatchMatMul kernel (the fast SIMD one) on rank-3 operands:
 * out[b] = op(a[b]) · op(b[b]), op = transpose when the flag is set.
 *
 * @example
 * const product = batchMatMul(backend, patches, outputGradient, true, false);
 */
export function batchMatMul(backend: BackendWasm, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): tf.TensorInfo {
  const kernel = tf.getKernel('BatchMatMul', 'wasm');
  if (kernel === undefined) throw new Error('wasm training kernels: the wasm backend has no BatchMatMul kernel');
  return kernel.kernelFunc({ inputs: { a, b }, backend, attrs: { transposeA, transposeB } }) as tf.TensorInfo;
}

/** A view of an existing tensor under another shape of the same size (no copy, not owned). */
export function withShape(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Throws unless every input is float32 (the only dtype conv gradients take in tfjs). */
export function assertFloat32(kernelName: string, inputs: Record<string, tf.TensorInfo>): void {
  for (const [name, info] of Object.entries(inputs)) {
    if (info.dtype !== 'float32') {
      throw new TypeError(`${kernelName} (wasm): input \`${name}\` must be float32; received ${info.dtype}`);
    }
  }
}
