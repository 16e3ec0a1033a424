import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropFilterWasm } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInputWasm } from './depthwise-conv2d-backprop-input.js';

/** The gradient kernels tfjs-backend-wasm 4.22 lacks and {@link registerWasmTrainingKernels} adds. */
export const wasmTrainingKernelNames = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
] as const;

/** One of {@link wasmTrainingKernelNames}. */
export type WasmTrainingKernelName = (typeof wasmTrainingKernelNames)[number];

const kernelFunctions: Record<WasmTrainingKernelName, tf.KernelFunc> = {
  Conv2DBackpropFilter: conv2dBackpropFilterWasm as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilterWasm as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2dBackpropInputWasm as tf.KernelFunc,
};

/**
 * Registers, for the `wasm` backend, the convolution gradient kernels it lacks
 * (`Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropFilter`,
 * `DepthwiseConv2dNativeBackpropInput`), written as im2col + the backend's SIMD BatchMatMul,
 * so CNNs train on wasm. Idempotent: a kernel already registered for wasm (by an earlier
 * call, or natively by a later tfjs-backend-wasm) is left alone. Nothing happens at import.
 *
 * @returns the kernel names this call registered (empty on a repeated call).
 * @example
 * import '@tensorflow/tfjs-backend-wasm';
 * registerWasmTrainingKernels();
 * await tf.setBackend('wasm');
 * await model.fit(xs, ys); // conv layers now train on wasm
 */
export function registerWasmTrainingKernels(): WasmTrainingKernelName[] {
  const registered: WasmTrainingKernelName[] = [];
  for (const kernelName of wasmTrainingKernelNames) {
    if (tf.getKernel(kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunctions[kernelName] });
    registered.push(kernelName);
  }
  return registered;
}
