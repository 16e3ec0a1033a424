/**
 * Benchmark (5): one epoch of the examples' demo CNN on each backend — `cpu`, `wasm` with
 * lrkit's training kernels, `webgpu` (through Dawn; SwiftShader where there is no GPU, marked
 * "software adapter") and `tensorflow` (tfjs-node / tfjs-node-gpu) when one is installed. The
 * timing is bench/src/backend-benchmark.ts (shared alternating timer); this module adds the
 * native packages' presence, the WebGPU adapter and the ratios to cpu.
 */
import { type AdapterDescription, findSoftwareVulkanDriver, initializeNodeWebGpu } from '@lrkit/backends/node';
import * as tf from '@tensorflow/tfjs';
import { type BackendBenchmarkResult, runBackendBenchmark } from './backend-benchmark.js';
import { type Spread, spread } from './timing.js';

/** Sizes of the backend run. */
export interface BackendsBenchOptions {
  readonly repetitions: number;
  /** Batches of one epoch. */
  readonly batches: number;
  readonly batchSize: number;
  readonly warmupBatches: number;
}

/** A native package that was looked for. */
export interface NativeBackendStatus {
  readonly packageName: '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu';
  /** `'measured'` or why not: `'not installed'`. */
  readonly status: string;
}

/** The backend run's result. */
export interface BackendsResult {
  readonly benchmark: BackendBenchmarkResult;
  /** Per-round ratio cpu time / backend time, for every backend but cpu. */
  readonly speedups: ReadonlyArray<{ readonly backend: string; readonly speedOverCpu: Spread }>;
  readonly native: readonly NativeBackendStatus[];
  /** The WebGPU adapter the `webgpu` row ran on (`undefined`: none, no row). */
  readonly adapter: AdapterDescription | undefined;
  readonly imagesPerEpoch: number;
}

export const fullBackendsOptions: BackendsBenchOptions = { repetitions: 5, batches: 4, batchSize: 64, warmupBatches: 1 };
export const smokeBackendsOptions: BackendsBenchOptions = { repetitions: 1, batches: 1, batchSize: 4, warmupBatches: 0 };

async function loadNative(packageName: NativeBackendStatus['packageName']): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ packageName);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the backend benchmark (cpu first, the baseline of the ratios).
 *
 * @example
 * ```ts
 * const { speedups } = await runBackendsBench(smokeBackendsOptions);
 * ```
 */
export async function runBackendsBench(options: BackendsBenchOptions): Promise<BackendsResult> {
  const backends = ['cpu', 'wasm'];
  const native: NativeBackendStatus[] = [];
  for (const packageName of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const) {
    const present = !backends.includes('tensorflow') && (await loadNative(packageName));
    if (present) backends.push('tensorflow');
    native.push({
      packageName,
      status: present ? 'measured (backend `tensorflow`)' : backends.includes('tensorflow') ? 'not measured (the other native package is)' : 'not installed',
    });
  }
  const driver = findSoftwareVulkanDriver();
  const { adapter } = await initializeNodeWebGpu(driver === undefined ? {} : { additionalVulkanDriverFiles: driver });
  if (adapter !== undefined) backends.push('webgpu');
  try {
    const benchmark = await runBackendBenchmark({ backends, ...options });
    const cpu = benchmark.timings[0];
    const speedups = benchmark.timings.slice(1).map((timing) => ({
      backend: timing.backend,
      speedOverCpu: spread(timing.millisecondsPerBatch.map((time, round) => (cpu?.millisecondsPerBatch[round] ?? Number.NaN) / time)),
    }));
    return { benchmark, speedups, native, adapter, imagesPerEpoch: options.batches * options.batchSize };
  } finally {
    await tf.setBackend('cpu');
  }
}
