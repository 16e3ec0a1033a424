/**
 * `pnpm gpu:check`: what lrkit gets out of the GPU on this machine, as one JSON report. The
 * adapter (or none), the learning rate applied through `LearningRateScheduler` on webgpu, the
 * device reads per epoch with lrkit's callbacks, and milliseconds per training batch of the
 * demo CNN and the CIFAR-size CNN on webgpu, wasm and cpu.
 */

import {
  type AdapterDescription,
  findSoftwareVulkanDriver,
  formatAdapter,
  importOptionalPackage,
  initializeNodeWebGpu,
  type ModuleLoader,
  selectBackend,
} from '@lrkit/backends/node';
import * as tf from '@tensorflow/tfjs';
import { type BackendTiming, runBackendBenchmark } from '../backend-benchmark.js';
import { describeMachine, type MachineInfo } from '../machine.js';
import { profileTrainingStep, type TrainingStepProfile } from '../webgpu-kernels.bench.js';
import { type BatchSizeArms, batchSizeArmSettings, runBatchSizeArms } from './batch-size-arms.js';
import { checkLearningRateExactness, type LearningRateExactness } from './learning-rate-exactness.js';
import { cifarCnnWorkload, demoCnnWorkload, type Workload } from './models.js';
import { countEpochReads, type EpochReads } from './read-count.js';

/** Sizes of one workload's timing. */
export interface WorkloadSizes {
  readonly batchSize: number;
  /** Timed batches per repetition (webgpu and wasm alternate within each repetition). */
  readonly batches: number;
  readonly repetitions: number;
  /** Untimed batches per backend first (shader compilation, optimizer slots). */
  readonly warmupBatches: number;
  /** Timed batches on cpu (one repetition, no warm-up; 0: cpu not timed): the cpu backend is slow. */
  readonly cpuBatches: number;
  /** The cpu backend's batch size (smaller: one CIFAR batch of 256 takes many minutes on cpu). */
  readonly cpuBatchSize: number;
}

/** What a run measures and how much. */
export interface GpuCheckSettings {
  readonly mode: 'full' | 'quick';
  readonly demoCnn: WorkloadSizes;
  readonly cifarCnn: WorkloadSizes;
  /** Batches of the learning-rate exactness run. */
  readonly exactnessSteps: number;
  /** Batches of the epoch whose reads are counted. */
  readonly readCountBatches: number;
  /** The CIFAR-size CNN step profiled with lrkit's webgpu kernels and with tfjs-webgpu's own. */
  readonly kernelProfile: { readonly batchSizes: readonly number[]; readonly repetitions: number; readonly warmup: number };
}

/** The full check: the figures of the README (a few minutes on an H200 machine, set-up included). */
export const fullSettings: GpuCheckSettings = {
  mode: 'full',
  demoCnn: { batchSize: 64, batches: 10, repetitions: 5, warmupBatches: 2, cpuBatches: 2, cpuBatchSize: 64 },
  cifarCnn: { batchSize: 256, batches: 2, repetitions: 3, warmupBatches: 1, cpuBatches: 1, cpuBatchSize: 4 },
  exactnessSteps: 40,
  readCountBatches: 32,
  kernelProfile: { batchSizes: [256, 64], repetitions: 5, warmup: 1 },
};

/** `--quick`: small sizes that run on SwiftShader (no GPU) in about a minute. */
export const quickSettings: GpuCheckSettings = {
  mode: 'quick',
  demoCnn: { batchSize: 4, batches: 1, repetitions: 1, warmupBatches: 1, cpuBatches: 1, cpuBatchSize: 4 },
  cifarCnn: { batchSize: 1, batches: 1, repetitions: 1, warmupBatches: 1, cpuBatches: 0, cpuBatchSize: 1 },
  exactnessSteps: 6,
  readCountBatches: 3,
  kernelProfile: { batchSizes: [1], repetitions: 1, warmup: 1 },
};

/** Milliseconds per batch of one workload on one backend. */
export interface StepRow {
  readonly workload: Workload['name'];
  readonly backend: string;
  readonly batchSize: number;
  readonly medianMilliseconds: number;
  readonly minimumMilliseconds: number;
  readonly maximumMilliseconds: number;
  /** Timed batches in all. */
  readonly batches: number;
  readonly finalLoss: number;
}

/** The JSON report of `pnpm gpu:check`. */
export interface GpuCheckReport {
  readonly kind: 'lrkit-gpu-check';
  readonly settings: GpuCheckSettings;
  readonly machine: MachineInfo;
  /** The WebGPU adapter, or `null` when Dawn found none. */
  readonly adapter: AdapterDescription | null;
  /** `hardware adapter`, `software adapter` (SwiftShader: not a GPU figure) or `no adapter`. */
  readonly device: 'hardware adapter' | 'software adapter' | 'no adapter';
  readonly learningRate: LearningRateExactness | null;
  readonly reads: EpochReads | null;
  /**
   * One step of the CIFAR-size CNN on webgpu with lrkit's training kernels and with
   * tfjs-webgpu's own, alternating, each with its `tf.profile` top kernels (per batch size).
   */
  readonly kernels: readonly TrainingStepProfile[];
  /**
   * The batch-size example's three arms on the fastest backend present (webgpu on a hardware
   * adapter, else wasm), interleaved per epoch: updates, wall time, ratios to LR decay.
   */
  readonly batchSize: BatchSizeArms;
  /** ms per batch; the webgpu rows run with lrkit's webgpu training kernels (selectBackend registers them). */
  readonly steps: readonly StepRow[];
  /** How many times faster `faster` trains than `slower`, per image (batch sizes may differ on cpu), per workload. */
  readonly ratios: ReadonlyArray<{ readonly workload: string; readonly faster: string; readonly slower: string; readonly ratio: number }>;
  readonly seconds: number;
}

/** Options of {@link runGpuCheck}. */
export interface RunGpuCheckOptions {
  readonly settings: GpuCheckSettings;
  /** The command line, recorded in the report. */
  readonly args?: readonly string[];
  /** Progress lines. Default `console.error` (stdout carries the JSON). */
  readonly log?: (line: string) => void;
  /** Loads the optional backend packages. Default {@link bundledModules}. */
  readonly loadModule?: ModuleLoader;
}

/**
 * Loads the backend packages through literal dynamic imports, so esbuild puts them into the
 * bundle (one tfjs copy) and imports them only when asked; `webgpu` (Dawn's native binding)
 * stays outside the bundle and is resolved beside it.
 */
export const bundledModules: ModuleLoader = async (packageName) => {
  if (packageName === '@tensorflow/tfjs-backend-webgpu') return import('@tensorflow/tfjs-backend-webgpu');
  if (packageName === '@tensorflow/tfjs-backend-wasm') return import('@tensorflow/tfjs-backend-wasm');
  return importOptionalPackage(packageName);
};

function toRows(workload: Workload['name'], batchSize: number, timings: readonly BackendTiming[], batchesPerRepetition: number): StepRow[] {
  return timings.map((timing) => ({
    workload,
    backend: timing.backend,
    batchSize,
    medianMilliseconds: timing.median,
    minimumMilliseconds: timing.minimum,
    maximumMilliseconds: timing.maximum,
    batches: timing.millisecondsPerBatch.length * batchesPerRepetition,
    finalLoss: timing.finalLoss,
  }));
}

async function timeWorkload(workload: Workload, sizes: WorkloadSizes, gpuBackends: string[], log: (line: string) => void): Promise<StepRow[]> {
  const rows: StepRow[] = [];
  const fast = await runBackendBenchmark({
    backends: gpuBackends,
    workload,
    batchSize: sizes.batchSize,
    batches: sizes.batches,
    repetitions: sizes.repetitions,
    warmupBatches: sizes.warmupBatches,
    log: (line) => log(`  ${workload.name} batch ${sizes.batchSize} ${line}`),
  });
  rows.push(...toRows(workload.name, sizes.batchSize, fast.timings, sizes.batches));
  if (sizes.cpuBatches === 0) return rows;
  const cpu = await runBackendBenchmark({
    backends: ['cpu'],
    workload,
    batchSize: sizes.cpuBatchSize,
    batches: sizes.cpuBatches,
    repetitions: 1,
    warmupBatches: 0,
  });
  rows.push(...toRows(workload.name, sizes.cpuBatchSize, cpu.timings, sizes.cpuBatches));
  log(`  ${workload.name} batch ${sizes.cpuBatchSize} cpu: ${cpu.timings[0]!.median.toFixed(1)} ms/batch`);
  return rows;
}

function ratiosOf(rows: readonly StepRow[]): GpuCheckReport['ratios'] {
  const ratios: Array<GpuCheckReport['ratios'][number]> = [];
  for (const workload of ['demo-cnn', 'cifar-cnn'] as const) {
    const perImage = (backend: string) => {
      const row = rows.find((candidate) => candidate.workload === workload && candidate.backend === backend);
      return row === undefined ? undefined : row.medianMilliseconds / row.batchSize;
    };
    for (const [faster, slower] of [
      ['webgpu', 'wasm'],
      ['webgpu', 'cpu'],
      ['wasm', 'cpu'],
    ] as const) {
      const fastTime = perImage(faster);
      const slowTime = perImage(slower);
      if (fastTime !== undefined && slowTime !== undefined) ratios.push({ workload, faster, slower, ratio: slowTime / fastTime });
    }
  }
  return ratios;
}

/**
 * Runs the check: finds the adapter (the system's Vulkan drivers; `--quick` adds SwiftShader,
 * used where there is no GPU), then the sections in order, each logged as it finishes.
 *
 * @example
 * const report = await runGpuCheck({ settings: quickSettings });
 */
export async function runGpuCheck(options: RunGpuCheckOptions): Promise<GpuCheckReport> {
  const { settings } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const started = performance.now();
  const machine = describeMachine(options.args ?? []);
  // --quick adds SwiftShader to the system's Vulkan drivers: a GPU still ranks first where there is one.
  const softwareDriver = settings.mode === 'quick' ? findSoftwareVulkanDriver() : undefined;
  const loadModule = options.loadModule ?? bundledModules;
  const { adapter } = await initializeNodeWebGpu(softwareDriver === undefined ? { loadModule } : { loadModule, additionalVulkanDriverFiles: softwareDriver });
  const device = adapter === undefined ? 'no adapter' : adapter.software ? 'software adapter' : 'hardware adapter';
  log(`adapter: ${adapter === undefined ? 'none' : formatAdapter(adapter)}`);

  let learningRate: LearningRateExactness | null = null;
  let reads: EpochReads | null = null;
  const kernels: TrainingStepProfile[] = [];
  if (adapter !== undefined) {
    await selectBackend({ preferred: 'webgpu', loadModule, log });
    learningRate = await checkLearningRateExactness(settings.exactnessSteps);
    log(`learning rate on webgpu: largest relative error ${learningRate.largestRelativeError.toExponential(2)} over ${learningRate.steps} batches`);
    reads = await countEpochReads(settings.readCountBatches);
    log(`device reads per epoch of ${reads.batches} batches: ${reads.withoutCallbacks} without lrkit, ${reads.withCallbacks} with its callbacks`);
    for (const batchSize of settings.kernelProfile.batchSizes) {
      const profile = await profileTrainingStep({ batchSize, repetitions: settings.kernelProfile.repetitions, warmup: settings.kernelProfile.warmup });
      kernels.push(profile);
      log(
        `CIFAR-size CNN step, batch ${batchSize}, webgpu: tfjs kernels ${profile.tfjs.millisecondsPerStep.median.toFixed(1)} ms, ` +
          `lrkit kernels ${profile.lrkit.millisecondsPerStep.median.toFixed(1)} ms (${profile.speedup.median.toFixed(2)}x); ` +
          `Conv2DBackpropFilter share ${(profile.tfjs.profile.filterGradientShare * 100).toFixed(1)}% -> ${(profile.lrkit.profile.filterGradientShare * 100).toFixed(1)}%`,
      );
    }
  }
  await selectBackend({ preferred: 'wasm', loadModule, log: () => {} });
  const gpuBackends = adapter === undefined ? ['wasm'] : ['webgpu', 'wasm'];
  const steps = [
    ...(await timeWorkload(demoCnnWorkload, settings.demoCnn, gpuBackends, log)),
    ...(await timeWorkload(cifarCnnWorkload, settings.cifarCnn, gpuBackends, log)),
  ];
  await selectBackend({ preferred: adapter !== undefined && !adapter.software ? 'webgpu' : 'wasm', loadModule, log: () => {} });
  log(`batch-size arms on ${tf.getBackend()} (interleaved per epoch)`);
  const batchSize = await runBatchSizeArms(batchSizeArmSettings[settings.mode], {
    adapter,
    mnistDirectory: process.env.LRKIT_MNIST_DIR,
    log: (line) => log(`  ${line}`),
  });
  for (const arm of batchSize.arms) {
    log(
      `  ${arm.arm}: ${arm.updates} updates (${arm.updateRatio.toFixed(2)}x fewer), ${arm.trainSeconds.toFixed(1)} s, wall time ${arm.wallTimeSpeedup.toFixed(2)}x less than LR decay`,
    );
  }
  machine.loadAverageEnd = (await import('node:os')).loadavg().map((value) => Math.round(value * 100) / 100);
  return {
    kind: 'lrkit-gpu-check',
    settings,
    machine,
    adapter: adapter ?? null,
    device,
    learningRate,
    reads,
    kernels,
    batchSize,
    steps,
    ratios: ratiosOf(steps),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
