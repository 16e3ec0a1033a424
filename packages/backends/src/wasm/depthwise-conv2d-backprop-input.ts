import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { channelMajorPatchLayout, toConvGeometry } from '../conv-geometry.js';
import { channelMajorOutputGradient } from './depthwise-conv2d-backprop-filter.js';
import { col2im } from './im2col.js';
import { allocate, assertFloat32, batchMatMul, heapView, imagesPerChunk, release } from './wasm-kernel-helpers.js';

/**
 * `DepthwiseConv2dNativeBackpropInput` for the wasm backend: the input gradient of a
 * depthwise convolution with channel multiplier q. Per channel c the patch gradient is
 * dPatches[c] = dy[c] · W[c]ᵀ ([pixels, q] · [q, taps], one batched BatchMatMul over the
 * channels), then col2im adds every patch entry back onto the input pixel it came from.
 * NHWC, strides, dilations and every padding form.
 *
 * @example
 * tf.registerKernel({ kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: depthwiseConv2dBackpropInputWasm });
 */
export function depthwiseConv2dBackpropInputWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  assertFloat32('DepthwiseConv2dNativeBackpropInput', { dy, filter });
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
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

  // W [taps, c, m] -> [c, m, taps], the right operand of every chunk's BatchMatMul.
  const weights = allocate(backend, [g.inChannels, multiplier, taps]);
  {
    const source = heapView(backend, filter);
    const target = heapView(backend, weights);
    for (let tap = 0; tap < taps; tap += 1) {
      for (let c = 0; c < g.inChannels; c += 1) {
        for (let m = 0; m < multiplier; m += 1) {
          target[(c * multiplier + m) * taps + tap] = source[(tap * g.inChannels + c) * multiplier + m]!;
        }
      }
    }
  }
  const inputSize = g.batchSize * g.inHeight * g.inWidth * g.inChannels;
  const accumulated = new Float32Array(inputSize);
  for (let first = 0; first < g.batchSize; first += chunk) {
    const count = Math.min(chunk, g.batchSize - first);
    const rows = count * pixels;
    const gradient = allocate(backend, [g.inChannels, rows, multiplier]);
    channelMajorOutputGradient(heapView(backend, dy), g, first, count, heapView(backend, gradient));
    // [channels, rows, multiplier] · [channels, multiplier, taps] = [channels, rows, taps]
    const patchGradient = batchMatMul(backend, gradient, weights, false, false);
    release(backend, gradient);
    col2im(heapView(backend, patchGradient), g, first, count, accumulated, channelMajorPatchLayout(g, rows));
    release(backend, patchGradient);
  }
  release(backend, weights);
  const output = allocate(backend, [...attrs.inputShape]);
  heapView(backend, output).set(accumulated);
  return output;
}
