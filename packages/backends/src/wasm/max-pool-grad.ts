import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocate, assertFloat32, heapView } from './wasm-kernel-helpers.js';

/**
 * `MaxPoolGrad` for the wasm backend (replaces wasm's own, several times slower): every
 * pooling window sends its dy to the input pixel that won it — the first strict maximum in
 * row-major window order among the pixels inside the input, exactly as the cpu backend
 * chooses between ties (common after a relu); a window without a finite winner sends
 * nothing. NHWC, any window, strides and padding ('same', 'valid', numbers).
 *
 * @example
 * tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGradWasm });
 */
export function maxPoolGradWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  assertFloat32('MaxPoolGrad', { dy, input });
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const output = allocate(backend, [...input.shape]);
  const dx = heapView(backend, output);
  const x = heapView(backend, input);
  const gradient = heapView(backend, dy);
  dx.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { effectiveFilterHeight: filterHeight, effectiveFilterWidth: filterWidth } = info;
  const rowStep = inWidth * channels;
  let dyIndex = 0;
  for (let n = 0; n < batchSize; n += 1) {
    const imageOffset = n * inHeight * rowStep;
    for (let outRow = 0; outRow < outHeight; outRow += 1) {
      const rowCorner = outRow * strideHeight - info.padInfo.top;
      const rowStart = Math.max(0, rowCorner);
      const rowEnd = Math.min(inHeight, rowCorner + filterHeight);
      for (let outColumn = 0; outColumn < outWidth; outColumn += 1) {
        const columnCorner = outColumn * strideWidth - info.padInfo.left;
        const columnStart = Math.max(0, columnCorner);
        const columnEnd = Math.min(inWidth, columnCorner + filterWidth);
        for (let c = 0; c < channels; c += 1, dyIndex += 1) {
          let best = Number.NEGATIVE_INFINITY;
          let winner = -1;
          for (let row = rowStart; row < rowEnd; row += 1) {
            let index = imageOffset + row * rowStep + columnStart * channels + c;
            for (let column = columnStart; column < columnEnd; column += 1, index += channels) {
              const value = x[index]!;
              if (value > best) {
                best = value;
                winner = index;
              }
            }
          }
          if (winner >= 0) dx[winner]! += gradient[dyIndex]!;
        }
      }
    }
  }
  return output;
}
