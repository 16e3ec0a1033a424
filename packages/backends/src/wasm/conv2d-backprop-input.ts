import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type ConvGeometry, toConvGeometry } from '../conv-geometry.js';
import { col2imRows } from './im2col.js';
import { allocate, assertFloat32, batchMatMul, heapView, imagesPerChunk, release, withShape } from './wasm-kernel-helpers.js';

/**
 * `Conv2DBackpropInput` for the wasm backend (replaces wasm's own direct loop, which takes
 * a large part of a small CNN's training step): the input gradient of a 2-D convolution. The
 * patch gradient W · dyᵀ ([taps · inChannels, outChannels] · [outChannels, pixels], the filter
 * used as it is) comes from the backend's SIMD BatchMatMul, then col2im adds every patch entry
 * back onto the input pixel it was read from. NHWC and NCHW, strides, every padding form (no
 * dilations, as in tfjs).
 *
 * @example
 * tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInputWasm });
 */
export function conv2dBackpropInputWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
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
  const weights = withShape(filter, [1, taps, g.outChannels]);
  const output = allocate(backend, [...attrs.inputShape]);
  heapView(backend, output).fill(0);
  for (let first = 0; first < g.batchSize; first += chunk) {
    const count = Math.min(chunk, g.batchSize - first);
    const rows = count * pixels;
    const gradient = allocate(backend, [1, g.outChannels, rows]);
    transposedOutputGradient(heapView(backend, dy), g, first, count, heapView(backend, gradient));
    // [taps, outChannels] · [outChannels, rows] = [taps, rows]
    const patchGradient = batchMatMul(backend, weights, gradient, false, false);
    release(backend, gradient);
    col2imRows(heapView(backend, patchGradient), g, first, count, heapView(backend, output), g.inChannels * rows, rows);
    release(backend, patchGradient);
  }
  return output;
}

/** Copies dy of images [first, first + count) into an [outChannels, rows] matrix. */
export function transposedOutputGradient(dy: Float32Array, g: ConvGeometry, first: number, count: number, target: Float32Array): void {
  const pixels = g.outHeight * g.outWidth;
  const rows = count * pixels;
  const imageSize = pixels * g.outChannels;
  for (let n = first; n < first + count; n += 1) {
    const imageOffset = n * imageSize;
    const rowOffset = (n - first) * pixels;
    if (g.channelsLast) {
      for (let pixel = 0; pixel < pixels; pixel += 1) {
        const source = imageOffset + pixel * g.outChannels;
        for (let o = 0; o < g.outChannels; o += 1) target[o * rows + rowOffset + pixel] = dy[source + o]!;
      }
    } else {
      for (let o = 0; o < g.outChannels; o += 1) {
        target.set(dy.subarray(imageOffset + o * pixels, imageOffset + (o + 1) * pixels), o * rows + rowOffset);
      }
    }
  }
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
