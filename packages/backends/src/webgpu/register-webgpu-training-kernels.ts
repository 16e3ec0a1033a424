import * as tf from '@tensorflow/tfjs';
import { batchMatMulWebGpu } from './batch-mat-mul.js';
import { conv2dWebGpu } from './conv2d.js';
import { conv2dBackpropFilterWebGpu } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputWebGpu } from './conv2d-backprop-input.js';
import { depthwiseConv2dBackpropFilterWebGpu } from './depthwise-conv2d-backprop-filter.js';
import { defaultSplitSettings, type SplitSettings } from './split-plan.js';

/**
 * The kernels {@link registerWebGpuTrainingKernels} puts in place of tfjs-backend-webgpu 4.22's
 * own: the filter gradients (tfjs runs one thread per filter element over the whole batch, 85%
 * of a CNN step's time on an H200), then the skinny products of dense layers (`BatchMatMul`),
 * the convolution (`Conv2D`) and its input gradient (`Conv2DBackpropInput`). The last three
 * hand the cases they do not cover (NCHW convolutions, large square products) to tfjs' own.
 */
export const webGpuTrainingKernelNames = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'BatchMatMul',
  'Conv2D',
  'Conv2DBackpropInput',
] as const;

/** One of {@link webGpuTrainingKernelNames}. */
export type WebGpuTrainingKernelName = (typeof webGpuTrainingKernelNames)[number];

/** Options of {@link registerWebGpuTrainingKernels}: how the long reductions (filter gradients, skinny products) are split. */
export interface RegisterWebGpuTrainingKernelsOptions {
  /** Workgroups (of 256 threads) each filter gradient or split product aims for (a large GPU holds about a thousand). Default 1024. */
  targetWorkgroups?: number;
  /** The shortest part of a reduction one workgroup sums. Default 512. */
  minimumSplitLength?: number;
}

let settings: SplitSettings = defaultSplitSettings;
const currentSettings = (): SplitSettings => settings;

/** tfjs' own kernels that registration replaced, to put back (and to delegate to). */
const replacedKernels = new Map<WebGpuTrainingKernelName, tf.KernelConfig>();
const replaced = (kernelName: WebGpuTrainingKernelName) => () => replacedKernels.get(kernelName)?.kernelFunc;

const kernelFunctions: Record<WebGpuTrainingKernelName, tf.KernelFunc> = {
  Conv2DBackpropFilter: conv2dBackpropFilterWebGpu(currentSettings),
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilterWebGpu(currentSettings),
  BatchMatMul: batchMatMulWebGpu(currentSettings, replaced('BatchMatMul')),
  Conv2D: conv2dWebGpu(replaced('Conv2D')),
  Conv2DBackpropInput: conv2dBackpropInputWebGpu(replaced('Conv2DBackpropInput')),
};

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`registerWebGpuTrainingKernels: \`${name}\` must be a positive integer; received ${String(value)}`);
  }
  return value;
}

/**
 * Replaces tfjs-backend-webgpu's slow training kernels with lrkit's: `Conv2DBackpropFilter` (a
 * split-K implicit GEMM in WGSL with workgroup-memory tiles), `DepthwiseConv2dNativeBackpropFilter`
 * (a split per-channel reduction), `BatchMatMul` for skinny products (dense layers at small
 * batch: register-blocked, split-K), and NHWC `Conv2D` and `Conv2DBackpropInput` (register-blocked
 * implicit GEMMs). Cases the last three do not cover go to tfjs' own kernel, captured here.
 * Idempotent (a repeated call registers nothing, but applies new options); nothing
 * happens at import. Call it after the webgpu backend is registered (after importing
 * `@tensorflow/tfjs-backend-webgpu`, or in Node after `initializeNodeWebGpu`), which
 * `selectBackend` does when it picks webgpu.
 *
 * @param options how reductions are split (defaults suit any GPU; tests shrink them).
 * @returns the kernel names this call registered (empty on a repeated call).
 * @throws Error when the webgpu backend is not registered yet; RangeError when an option is not a positive integer.
 * @example
 * await initializeNodeWebGpu();
 * registerWebGpuTrainingKernels(); // ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'BatchMatMul', 'Conv2D', 'Conv2DBackpropInput']
 * await tf.setBackend('webgpu');
 */
export function registerWebGpuTrainingKernels(options: RegisterWebGpuTrainingKernelsOptions = {}): WebGpuTrainingKernelName[] {
  const next: SplitSettings = {
    targetWorkgroups: positiveInteger(options.targetWorkgroups, defaultSplitSettings.targetWorkgroups, 'targetWorkgroups'),
    minimumSplitLength: positiveInteger(options.minimumSplitLength, defaultSplitSettings.minimumSplitLength, 'minimumSplitLength'),
  };
  if (tf.findBackendFactory('webgpu') === null) {
    throw new Error(
      'registerWebGpuTrainingKernels: the webgpu backend is not registered; import @tensorflow/tfjs-backend-webgpu first ' +
        '(in Node, call initializeNodeWebGpu from @lrkit/backends/node), or it would replace these kernels with its own',
    );
  }
  settings = next;
  const registered: WebGpuTrainingKernelName[] = [];
  for (const kernelName of webGpuTrainingKernelNames) {
    const current = tf.getKernel(kernelName, 'webgpu');
    if (current?.kernelFunc === kernelFunctions[kernelName]) continue;
    if (current !== undefined) {
      replacedKernels.set(kernelName, current);
      tf.unregisterKernel(kernelName, 'webgpu');
    }
    tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: kernelFunctions[kernelName] });
    registered.push(kernelName);
  }
  return registered;
}

/**
 * Undoes {@link registerWebGpuTrainingKernels}: puts tfjs-backend-webgpu's own kernels back
 * (so a benchmark can alternate with and without lrkit's in one process) and restores the
 * default options.
 *
 * @returns the kernel names this call put back (empty when lrkit's were not registered).
 * @example
 * registerWebGpuTrainingKernels();
 * unregisterWebGpuTrainingKernels(); // ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'BatchMatMul', 'Conv2D', 'Conv2DBackpropInput']
 */
export function unregisterWebGpuTrainingKernels(): WebGpuTrainingKernelName[] {
  const restored: WebGpuTrainingKernelName[] = [];
  for (const kernelName of webGpuTrainingKernelNames) {
    if (tf.getKernel(kernelName, 'webgpu')?.kernelFunc !== kernelFunctions[kernelName]) continue;
    tf.unregisterKernel(kernelName, 'webgpu');
    const original = replacedKernels.get(kernelName);
    if (original !== undefined) tf.registerKernel(original);
    replacedKernels.delete(kernelName);
    restored.push(kernelName);
  }
  settings = defaultSplitSettings;
  return restored;
}
