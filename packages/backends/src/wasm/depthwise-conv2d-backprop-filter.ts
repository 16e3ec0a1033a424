import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type ConvGeometry, toConvGeometry } from '../conv-geometry.js';
import { im2colRows } from './im2col.js';
import { allocate, assertFloat32, batchMatMul, heapView, imagesPerChunk, release } from './wasm-kernel-helpers.js';

/**
 * `DepthwiseConv2dNativeBackpropFilter` for the wasm backend: the filter gradient of a
 * depthwise convolution with channel multiplier q,
 * dW[i, j, c, m] = Σ_{n, y, x} input[n, y·s + i·d − pad, x·s + j·d − pad, c] · dy[n, y, x, c·q + m],
 * computed per channel as patchesᵀ · dy with one batched BatchMatMul over the channels
 * (patches [channels, taps, pixels] by im2col). NHWC (the only depthwise layout tfjs has),
 * strides, dilations and every padding form.
 *
 * @example
 * tf.registerKernel({ kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: depthwiseConv2dBackpropFilterWasm });
 */
export function depthwiseConv2dBackpropFilterWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  assertFloat32('DepthwiseConv2dNativeBackpropFilter', { x, dy });
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const g = toConvGeometry(info);
  const multiplier = g.outChannels / g.inChannels;
  const pixels = g.outHeight * g.outWidth;
  const taps = g.filterHeight * g.filterWidth;
  const chunk = imagesPerChunk(pixels * taps * g.inChannels, g.batchSize);
  const filterSize = taps * g.outChannels;
  const accumulated = new Float32Array(filterSize);

  for (let first = 0; first < g.batchSize; first += chunk) {
    const count = Math.min(chunk, g.batchSize - first);
    const rows = count * pixels;
    const patches = allocate(backend, [g.inChannels, taps, rows]);
    const gradient = allocate(backend, [g.inChannels, rows, multiplier]);
    im2colRows(heapView(backend, x), g, first, count, heapView(backend, patches), rows, taps * rows);
    channelMajorOutputGradient(heapView(backend, dy), g, first, count, heapView(backend, gradient));
    // [channels, taps, rows] · [channels, rows, multiplier] = [channels, taps, multiplier]
    const product = batchMatMul(backend, patches, gradient, false, false);
    release(backend, patches);
    release(backend, gradient);
    const values = heapView(backend, product);
    // Reorder [channels, taps, multiplier] into the filter layout [taps, channels, multiplier].
    for (let c = 0; c < g.inChannels; c += 1) {
      for (let tap = 0; tap < taps; tap += 1) {
        const source = (c * taps + tap) * multiplier;
        const target = (tap * g.inChannels + c) * multiplier;
        for (let m = 0; m < multiplier; m += 1) accumulated[target + m]! += values[source + m]!;
      }
    }
    release(backend, product);
  }
  const output = allocate(backend, [...info.filterShape]);
  heapView(backend, output).set(accumulated);
  return output;
}

/**
 * Copies dy [n, y, x, c·q + m] of images [first, first + count) into [c, row, m], the
 * per-channel layout of the depthwise BatchMatMuls.
 */
export function channelMajorOutputGradient(dy: Float32Array, g: ConvGeometry, first: number, count: number, target: Float32Array): void {
  const multiplier = g.outChannels / g.inChannels;
  const rows = count * g.outHeight * g.outWidth;
  const offset = first * g.outHeight * g.outWidth * g.outChannels;
  for (let row = 0; row < rows; row += 1) {
    const source = offset + row * g.outChannels;
    for (let c = 0; c < g.inChannels; c += 1) {
      const destination = (c * rows + row) * multiplier;
      for (let m = 0; m < multiplier; m += 1) target[destination + m] = dy[source + c * multiplier + m]!;
    }
  }
}
