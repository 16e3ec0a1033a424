import type * as tf from '@tensorflow/tfjs';
import type { WebGpuLimits, WebGpuProgram } from './webgpu-program.js';

/**
 * Runs tfjs-webgpu's own kernel (captured when lrkit's was registered) for the calls lrkit's
 * kernel does not cover, or throws naming the kernel and what it was asked for (`subject`:
 * 'convolution', 'gradient', 'product') when that kernel was never registered.
 */
export function runFallbackKernel(
  kernelName: string,
  subject: string,
  fallback: () => tf.KernelFunc | undefined,
  parameters: Parameters<tf.KernelFunc>[0],
): ReturnType<tf.KernelFunc> {
  const original = fallback();
  if (original === undefined) {
    throw new Error(`${kernelName}: lrkit’s webgpu kernel does not cover this ${subject} and tfjs-webgpu’s own kernel was not registered`);
  }
  return original(parameters);
}

/** Whether `program`'s dispatch fits the device's workgroups-per-dimension limit. */
export function fitsDispatchLimit(program: WebGpuProgram, limits: WebGpuLimits): boolean {
  return program.dispatch.every((extent) => extent <= limits.maxComputeWorkgroupsPerDimension);
}
