/**
 * Benchmark (8): lrkit's webgpu training kernels. One training step of the CIFAR-size
 * CNN (conv32, conv32, pool, conv64, conv64, pool, dense256, dense10; SGD with momentum) on
 * webgpu, with lrkit's kernels (`registerWebGpuTrainingKernels`) and with tfjs-webgpu's own,
 * registered and unregistered in turn within one process (alternating rounds), plus
 * `tf.profile`'s per-kernel times of one step each way. Here it runs on SwiftShader (a CPU
 * Vulkan driver) through Dawn; `pnpm gpu:check` calls {@link profileTrainingStep} on a GPU.
 */

import { type AdapterDescription, registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels } from '@lrkit/backends';
import { findSoftwareVulkanDriver, initializeNodeWebGpu } from '@lrkit/backends/node';
import * as tf from '@tensorflow/tfjs';
import { buildCifarCnn, cifarCnnWorkload, demoCnnWorkload, seededBatch, type Workload } from './gpu-check/models.js';
import { millisecondsSpread, ratioSpread, type Spread, timeAlternating } from './timing.js';

export { buildCifarCnn, cifarCnnWorkload };

/** Sizes of {@link profileTrainingStep}. */
export interface TrainingStepOptions {
  /** The model (default the CIFAR-size CNN). */
  readonly workload?: Workload;
  readonly batchSize: number;
  /** Timed rounds, each one step with and one without lrkit's kernels (rotated order). */
  readonly repetitions: number;
  /** Untimed rounds first (shader compilation happens here). */
  readonly warmup: number;
  /** How many of the costliest kernels to list. Default 8. */
  readonly topKernels?: number;
}

/** One kernel's share of a profiled step. */
export interface KernelTime {
  readonly name: string;
  /** GPU time summed over its calls (timestamp queries; 0 where the device has none). */
  readonly milliseconds: number;
  readonly calls: number;
}

/** `tf.profile` of one training step. */
export interface StepProfile {
  /** The costliest kernels, most expensive first. */
  readonly kernels: readonly KernelTime[];
  readonly kernelMilliseconds: number;
  readonly kernelCalls: number;
  /** `Conv2DBackpropFilter`'s share of the summed kernel time (0–1). */
  readonly filterGradientShare: number;
}

/** One way of running the step: with lrkit's kernels or with tfjs-webgpu's. */
export interface StepVariant {
  readonly millisecondsPerStep: Spread;
  readonly profile: StepProfile;
  /** The loss of the last timed step. */
  readonly finalLoss: number;
}

/** The result of {@link profileTrainingStep}. */
export interface TrainingStepProfile {
  readonly model: Workload['name'];
  readonly batchSize: number;
  readonly repetitions: number;
  readonly lrkit: StepVariant;
  readonly tfjs: StepVariant;
  /** Per round: tfjs-webgpu's step time / lrkit's. */
  readonly speedup: Spread;
}

const lrkitVariant = 'lrkit kernels';
const tfjsVariant = 'tfjs-webgpu kernels';

async function profileStep(step: () => Promise<number>, topKernels: number): Promise<StepProfile> {
  const info = await tf.profile(async () => {
    await step();
  });
  const totals = new Map<string, { milliseconds: number; calls: number }>();
  for (const kernel of info.kernels) {
    const entry = totals.get(kernel.name) ?? { milliseconds: 0, calls: 0 };
    entry.milliseconds += Number(await kernel.kernelTimeMs);
    entry.calls += 1;
    totals.set(kernel.name, entry);
  }
  const kernels = [...totals].map(([name, entry]) => ({ name, ...entry })).sort((a, b) => b.milliseconds - a.milliseconds);
  const kernelMilliseconds = kernels.reduce((sum, kernel) => sum + kernel.milliseconds, 0);
  const filterGradient = totals.get('Conv2DBackpropFilter')?.milliseconds ?? 0;
  return {
    kernels: kernels.slice(0, topKernels),
    kernelMilliseconds,
    kernelCalls: info.kernels.length,
    filterGradientShare: kernelMilliseconds > 0 ? filterGradient / kernelMilliseconds : 0,
  };
}

/**
 * Times one training step of `workload` on the webgpu backend (which must be registered, e.g.
 * by `initializeNodeWebGpu`) with lrkit's training kernels and with tfjs-webgpu's own,
 * alternating in one process, and profiles one step each way. Leaves lrkit's kernels
 * registered as it found them, and the backend as it found it.
 *
 * @example
 * await initializeNodeWebGpu();
 * const { speedup, tfjs, lrkit } = await profileTrainingStep({ batchSize: 256, repetitions: 5, warmup: 1 });
 * console.log(speedup.median, tfjs.profile.kernels[0], lrkit.millisecondsPerStep.median);
 */
export async function profileTrainingStep(options: TrainingStepOptions): Promise<TrainingStepProfile> {
  const workload = options.workload ?? cifarCnnWorkload;
  const topKernels = options.topKernels ?? 8;
  // `tf.getBackend()` is undefined in a process that has not chosen a backend yet.
  const previousBackend = tf.getBackend() as string | null | undefined;
  const wasRegistered = unregisterWebGpuTrainingKernels().length > 0;
  if (!(await tf.setBackend('webgpu'))) throw new Error('profileTrainingStep: the webgpu backend did not start');
  const { images, labels } = seededBatch(workload, options.batchSize);
  const models = new Map<string, { model: tf.LayersModel; optimizer: tf.Optimizer; loss: number }>();
  for (const name of [lrkitVariant, tfjsVariant]) {
    const model = workload.build();
    const optimizer = tf.train.momentum(0.01, 0.9);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    models.set(name, { model, optimizer, loss: Number.NaN });
  }
  const step = (name: string) => async (): Promise<number> => {
    if (name === lrkitVariant) registerWebGpuTrainingKernels();
    else unregisterWebGpuTrainingKernels();
    const entry = models.get(name)!;
    entry.loss = (await entry.model.trainOnBatch(images, labels)) as number;
    return entry.loss;
  };
  try {
    const samples = await timeAlternating(
      [
        [lrkitVariant, step(lrkitVariant)],
        [tfjsVariant, step(tfjsVariant)],
      ],
      { repetitions: options.repetitions, warmup: options.warmup },
    );
    const variant = async (name: string): Promise<StepVariant> => {
      const finalLoss = models.get(name)!.loss;
      return { millisecondsPerStep: millisecondsSpread(samples, name), profile: await profileStep(step(name), topKernels), finalLoss };
    };
    const lrkit = await variant(lrkitVariant);
    const tfjs = await variant(tfjsVariant);
    return {
      model: workload.name,
      batchSize: options.batchSize,
      repetitions: options.repetitions,
      lrkit,
      tfjs,
      speedup: ratioSpread(samples, tfjsVariant, lrkitVariant),
    };
  } finally {
    for (const { model, optimizer } of models.values()) {
      model.dispose();
      optimizer.dispose();
      // tfjs-core 4.22's MomentumOptimizer.dispose() leaves SGD's learning-rate scalar `c` behind.
      const learningRate = (optimizer as unknown as { c?: tf.Tensor }).c;
      if (learningRate !== undefined && !learningRate.isDisposed) learningRate.dispose();
    }
    tf.dispose([images, labels]);
    if (wasRegistered) registerWebGpuTrainingKernels();
    else unregisterWebGpuTrainingKernels();
    if (typeof previousBackend === 'string' && previousBackend !== 'webgpu') await tf.setBackend(previousBackend);
  }
}

/** Sizes of the SwiftShader run of `pnpm bench`. */
export type WebGpuKernelsBenchOptions = TrainingStepOptions;

/** The SwiftShader run: `profileTrainingStep` on the CIFAR-size CNN at batch 4. */
export const fullWebGpuKernelsOptions: WebGpuKernelsBenchOptions = { batchSize: 4, repetitions: 3, warmup: 1 };
/** Smoke size: the demo CNN at batch 2, one warm-up round and one timed round. */
export const smokeWebGpuKernelsOptions: WebGpuKernelsBenchOptions = { workload: demoCnnWorkload, batchSize: 2, repetitions: 1, warmup: 1 };

/** The result of {@link runWebGpuKernelsBench}. */
export type WebGpuKernelsResult =
  | ({ readonly status: 'measured'; readonly adapter: AdapterDescription } & TrainingStepProfile)
  | { readonly status: 'skipped'; readonly reason: string };

/**
 * Runs {@link profileTrainingStep} on SwiftShader through Dawn (Debian's chromium ships the
 * driver), or reports why it could not. Returns tfjs to the cpu backend.
 *
 * @example
 * const result = await runWebGpuKernelsBench(smokeWebGpuKernelsOptions);
 */
export async function runWebGpuKernelsBench(options: WebGpuKernelsBenchOptions): Promise<WebGpuKernelsResult> {
  const driver = findSoftwareVulkanDriver();
  if (driver === undefined) return { status: 'skipped', reason: 'no SwiftShader Vulkan driver (install Debian chromium)' };
  try {
    const { adapter } = await initializeNodeWebGpu({ vulkanDriverFiles: driver });
    if (adapter === undefined) return { status: 'skipped', reason: 'Dawn found no WebGPU adapter on SwiftShader' };
    return { status: 'measured', adapter, ...(await profileTrainingStep(options)) };
  } finally {
    await tf.setBackend('cpu');
  }
}
