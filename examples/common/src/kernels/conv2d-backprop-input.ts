import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { rowMajorPatchLayout, toConvGeometry, type ConvGeometry } from './conv-geometry.js';
import { col2im } from './im2col.js';
import { allocate, assertFloat32, batchMatMul, heapView, imagesPerChunk, release, withShape } from './wasm-kernel-helpers.js';

/**
 * `Conv2DBackpropInput` for the wasm backend (replaces wasm's own direct loop, which takes
 * most of a small CNN's training step): the input gradient of a 2-D convolution. The patch
 * gradient dPatches = dy · Wᵀ ([pixels, outChannels] · [outChannels, taps · inChannels]) comes
 * from the backend's SIMD BatchMatMul, then col2im adds every patch entry back onto the input
 * pixel it was read from. NHWC and NCHW, strides, every padding form (no dilations, as in tfjs).
 *
 * @example
 * tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInputWasm });
 */
export function conv2dBackpropInputWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  assertFloat32('Conv2DBackpropInput', { dy, filter });
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const g = toConvGeometry(info);
  const pixels = g.outHeight * g.outWidth;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  const chunk = imagesPerChunk(pixels * taps, g.batchSize);
  const layout = rowMajorPatchLayout(g);

  // W [taps, outChannels] -> Wᵀ [outChannels, taps], the right operand of every chunk.
  const weights = allocate(backend, [1, g.outChannels, taps]);
  const output = allocate(backend, [...attrs.inputShape]);
  {
    const source = heapView(backend, filter);
    const target = heapView(backend, weights);
    for (let tap = 0; tap < taps; tap += 1) {
      for (let o = 0; o < g.outChannels; o += 1) target[o * taps + tap] = source[tap * g.outChannels + o]!;
    }
    heapView(backend, output).fill(0);
  }
  for (let first = 0; first < g.batchSize; first += chunk) {
    const count = Math.min(chunk, g.batchSize - first);
    const rows = count * pixels;
    const whole = count === g.batchSize && g.channelsLast;
    const gradient = whole ? withShape(dy, [1, rows, g.outChannels]) : allocate(backend, [1, rows, g.outChannels]);
    if (!whole) rowMajorOutputGradient(heapView(backend, dy), g, first, count, heapView(backend, gradient));
    const patchGradient = batchMatMul(backend, gradient, weights, false, false);
    if (!whole) release(backend, gradient);
    col2im(heapView(backend, patchGradient), g, first, count, heapView(backend, output), layout);
    release(backend, patchGradient);
  }
  release(backend, weights);
  return output;
}

/** Copies dy of images [first, first + count) into a [rows, outChannels] matrix (NHWC order). */
export function rowMajorOutputGradient(dy: Float32Array, g: ConvGeometry, first: number, count: number, target: Float32Array): void {
  const pixels = g.outHeight * g.outWidth;
  const imageSize = pixels * g.outChannels;
  if (g.channelsLast) {
    target.set(dy.subarray(first * imageSize, (first + count) * imageSize));
    return;
  }
  let index = 0;
  for (let n = first; n < first + count; n += 1) {
    const imageOffset = n * imageSize;
    for (let pixel = 0; pixel < pixels; pixel += 1) {
      for (let o = 0; o < g.outChannels; o += 1) target[index++] = dy[imageOffset + o * pixels + pixel]!;
    }
  }
}
