import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { depthwiseConv2dBackpropFilterWasm } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInputWasm } from './depthwise-conv2d-backprop-input.js';
import { maxPoolGradWasm } from './max-pool-grad.js';

/** The gradient kernels tfjs-backend-wasm 4.22 lacks and {@link registerWasmTrainingKernels} adds. */
export const wasmMissingKernelNames = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'] as const;

/**
 * Gradient kernels tfjs-backend-wasm 4.22 has but runs slowly (together about 40% of a small
 * CNN's step); {@link registerWasmTrainingKernels} replaces them unless told not to.
 */
export const wasmReplacedKernelNames = ['Conv2DBackpropInput', 'MaxPoolGrad'] as const;

/** Every kernel {@link registerWasmTrainingKernels} can register. */
export const wasmTrainingKernelNames = [...wasmMissingKernelNames, ...wasmReplacedKernelNames] as const;

/** One of {@link wasmTrainingKernelNames}. */
export type WasmTrainingKernelName = (typeof wasmTrainingKernelNames)[number];

/** Options of {@link registerWasmTrainingKernels}. */
export interface RegisterWasmTrainingKernelsOptions {
  /** Also replace wasm's own slow `Conv2DBackpropInput` and `MaxPoolGrad`. Default `true`. */
  replaceSlowKernels?: boolean;
}

const kernelFunctions: Record<WasmTrainingKernelName, tf.KernelFunc> = {
  Conv2DBackpropFilter: conv2dBackpropFilterWasm as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilterWasm as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2dBackpropInputWasm as tf.KernelFunc,
  Conv2DBackpropInput: conv2dBackpropInputWasm as tf.KernelFunc,
  MaxPoolGrad: maxPoolGradWasm as tf.KernelFunc,
};

/**
 * Registers, for the `wasm` backend, the convolution gradient kernels it lacks
 * (`Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropFilter`,
 * `DepthwiseConv2dNativeBackpropInput`), written as im2col + the backend's SIMD BatchMatMul,
 * so CNNs train on wasm; and (unless `replaceSlowKernels: false`) replaces wasm's slow
 * `Conv2DBackpropInput` and `MaxPoolGrad` with faster ones. Idempotent: a missing kernel that
 * is already registered for wasm (by an earlier call, or natively by a later
 * tfjs-backend-wasm) is left alone, and a replaced kernel is replaced once. Nothing happens at
 * import.
 *
 * @param options `replaceSlowKernels` (default true).
 * @returns the kernel names this call registered (empty on a repeated call).
 * @example
 * import '@tensorflow/tfjs-backend-wasm';
 * registerWasmTrainingKernels();
 * await tf.setBackend('wasm');
 * await model.fit(xs, ys); // conv layers now train on wasm
 */
export function registerWasmTrainingKernels(options: RegisterWasmTrainingKernelsOptions = {}): WasmTrainingKernelName[] {
  const { replaceSlowKernels = true } = options;
  const registered: WasmTrainingKernelName[] = [];
  for (const kernelName of wasmMissingKernelNames) {
    if (tf.getKernel(kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunctions[kernelName] });
    registered.push(kernelName);
  }
  if (!replaceSlowKernels) return registered;
  for (const kernelName of wasmReplacedKernelNames) {
    const current = tf.getKernel(kernelName, 'wasm');
    if (current?.kernelFunc === kernelFunctions[kernelName]) continue;
    if (current !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunctions[kernelName] });
    registered.push(kernelName);
  }
  return registered;
}
