import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { toConvGeometry } from '../conv-geometry.js';
import { rowMajorOutputGradient } from './conv2d-backprop-input.js';
import { im2colRows } from './im2col.js';
import { allocate, assertFloat32, batchMatMul, heapView, imagesPerChunk, release, withShape } from './wasm-kernel-helpers.js';

/**
 * `Conv2DBackpropFilter` for the wasm backend: the filter gradient of a 2-D convolution,
 * dW[i, j, c, o] = Σ_{n, y, x} input[n, y·s + i − pad, x·s + j − pad, c] · dy[n, y, x, o],
 * computed as im2col(input)ᵀ · dy with the backend's SIMD BatchMatMul, the patches laid out as
 * [filterHeight · filterWidth · inChannels, output pixels] so no operand needs a transpose. Supports NHWC and NCHW, every tfjs
 * padding form and strides; the kernel has no dilation attribute (tfjs never asks for one).
 * Large batches are cut into chunks of at most 2^24 patch values.
 *
 * @example
 * tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilterWasm });
 */
export function conv2dBackpropFilterWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  assertFloat32('Conv2DBackpropFilter', { x, dy });
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
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
  const filterSize = taps * g.outChannels;
  let accumulated: Float32Array | undefined;

  for (let first = 0; first < g.batchSize; first += chunk) {
    const count = Math.min(chunk, g.batchSize - first);
    const rows = count * pixels;
    const whole = count === g.batchSize;
    const patches = allocate(backend, [1, taps, rows]);
    // NHWC dy of the whole batch already is the [rows, outChannels] matrix; otherwise copy.
    const gradient = whole && g.channelsLast ? withShape(dy, [1, rows, g.outChannels]) : allocate(backend, [1, rows, g.outChannels]);
    im2colRows(heapView(backend, x), g, first, count, heapView(backend, patches), g.inChannels * rows, rows);
    if (gradient.dataId !== dy.dataId) rowMajorOutputGradient(heapView(backend, dy), g, first, count, heapView(backend, gradient));
    // [taps, rows] · [rows, outChannels] = [taps, outChannels], the filter layout.
    const product = batchMatMul(backend, patches, gradient, false, false);
    release(backend, patches);
    if (gradient.dataId !== dy.dataId) release(backend, gradient);
    if (whole) return withShape(product, [...info.filterShape]);
    const values = heapView(backend, product);
    if (accumulated === undefined) accumulated = new Float32Array(filterSize);
    for (let index = 0; index < filterSize; index += 1) accumulated[index]! += values[index]!;
    release(backend, product);
  }
  const output = allocate(backend, [...info.filterShape]);
  heapView(backend, output).set(accumulated ?? new Float32Array(filterSize));
  return output;
}
