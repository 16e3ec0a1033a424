import * as tf from '@tensorflow/tfjs';
import { initializeWasmBackend, type WasmModule } from '../src/backend/wasm-setup.js';
import { buildDemoCnn } from '../src/models/demo-cnn.js';

/** Options of {@link runBackendBenchmark}. */
export interface BackendBenchmarkOptions {
  /** Backends to compare, timed in this order within every repetition. Default ['cpu', 'wasm']. */
  backends?: string[];
  /** Timed training batches per repetition. Default 10. */
  batches?: number;
  /** Repetitions; the backends alternate within each. Default 5. */
  repetitions?: number;
  /** Images per batch. Default 64. */
  batchSize?: number;
  /** Untimed batches before timing, per repetition and backend. Default 1. */
  warmupBatches?: number;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
}

/** Per-batch wall time of one backend over the repetitions, in milliseconds. */
export interface BackendTiming {
  readonly backend: string;
  /** Mean milliseconds per batch of every repetition, in order. */
  readonly millisecondsPerBatch: readonly number[];
  readonly median: number;
  readonly minimum: number;
  readonly maximum: number;
  /** Training loss after the last timed batch of the last repetition (the same data and seed on every backend). */
  readonly finalLoss: number;
}

/** The result of {@link runBackendBenchmark}. */
export interface BackendBenchmarkResult {
  readonly batchSize: number;
  readonly batches: number;
  readonly repetitions: number;
  readonly timings: readonly BackendTiming[];
  /** median(first backend) / median(second backend): how many times faster the second is. */
  readonly speedup: number;
  /** The smallest and largest per-repetition ratio first / second (paired by repetition). */
  readonly speedupRange: readonly [number, number];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Deterministic MNIST-shaped data: `count` random 28×28×1 images and one-hot labels. */
function makeData(count: number): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  return tf.tidy(() => ({
    images: tf.randomUniform([count, 28, 28, 1], 0, 1, 'float32', 17) as tf.Tensor4D,
    labels: tf.oneHot(tf.tensor1d(Array.from({ length: count }, (_, index) => (index * 7) % 10), 'int32'), 10) as tf.Tensor2D,
  }));
}

/** Trains a fresh demo CNN (seed 1, SGD 0.05) on `backendName`; returns ms per timed batch and the last loss. */
async function timeBackend(
  backendName: string,
  data: { images: Float32Array; labels: Float32Array },
  options: Required<Pick<BackendBenchmarkOptions, 'batches' | 'batchSize' | 'warmupBatches'>>,
): Promise<{ millisecondsPerBatch: number; finalLoss: number }> {
  if (!(await tf.setBackend(backendName))) throw new Error(`backend ${backendName} did not start`);
  const { batches, batchSize, warmupBatches } = options;
  const total = warmupBatches + batches;
  const images = tf.tensor4d(data.images, [total * batchSize, 28, 28, 1]);
  const labels = tf.tensor2d(data.labels, [total * batchSize, 10]);
  const model = buildDemoCnn({ seed: 1 });
  const optimizer = tf.train.sgd(0.05);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const batch = (index: number) =>
    tf.tidy(() => [tf.slice(images, index * batchSize, batchSize), tf.slice(labels, index * batchSize, batchSize)] as const);
  let finalLoss = Number.NaN;
  let started = 0;
  for (let index = 0; index < total; index += 1) {
    if (index === warmupBatches) started = performance.now();
    const [x, y] = batch(index);
    finalLoss = (await model.trainOnBatch(x, y)) as number; // awaiting the loss waits for the step
    tf.dispose([x, y]);
  }
  const elapsed = performance.now() - started;
  model.dispose();
  optimizer.dispose();
  tf.dispose([images, labels]);
  return { millisecondsPerBatch: elapsed / batches, finalLoss };
}

/**
 * Times training batches of the demo CNN ({@link buildDemoCnn}: conv 8 3×3 → max-pool → conv 16
 * 3×3 → max-pool → dense 10 on 28×28×1) on several backends in one process, alternating the
 * backends within every repetition so machine load hits them alike. Loads the wasm backend
 * (single-threaded SIMD, with the training kernels) when it is among the backends.
 *
 * @example
 * const result = await runBackendBenchmark({ batches: 10, repetitions: 5 });
 * console.log(`wasm is ${result.speedup.toFixed(1)}x faster than cpu`);
 */
export async function runBackendBenchmark(options: BackendBenchmarkOptions = {}): Promise<BackendBenchmarkResult> {
  const { backends = ['cpu', 'wasm'], batches = 10, repetitions = 5, batchSize = 64, warmupBatches = 1, log = () => {} } = options;
  if (backends.includes('wasm')) {
    const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as WasmModule;
    if (!(await initializeWasmBackend(wasm))) throw new Error('the wasm backend did not start');
  }
  await tf.setBackend('cpu');
  const { images, labels } = makeData((warmupBatches + batches) * batchSize);
  const data = { images: images.dataSync() as Float32Array, labels: labels.dataSync() as Float32Array };
  tf.dispose([images, labels]);

  const perBackend = new Map<string, { times: number[]; finalLoss: number }>(backends.map((name) => [name, { times: [], finalLoss: Number.NaN }]));
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    const order = repetition % 2 === 0 ? backends : [...backends].reverse();
    for (const backendName of order) {
      const { millisecondsPerBatch, finalLoss } = await timeBackend(backendName, data, { batches, batchSize, warmupBatches });
      const entry = perBackend.get(backendName)!;
      entry.times.push(millisecondsPerBatch);
      entry.finalLoss = finalLoss;
      log(`repetition ${repetition + 1}/${repetitions} ${backendName}: ${millisecondsPerBatch.toFixed(1)} ms/batch (loss ${finalLoss.toFixed(4)})`);
    }
  }
  const timings = backends.map((backend): BackendTiming => {
    const { times, finalLoss } = perBackend.get(backend)!;
    return { backend, millisecondsPerBatch: times, median: median(times), minimum: Math.min(...times), maximum: Math.max(...times), finalLoss };
  });
  const [first, second] = timings;
  const ratios = first && second ? first.millisecondsPerBatch.map((time, index) => time / second.millisecondsPerBatch[index]!) : [Number.NaN];
  return {
    batchSize,
    batches,
    repetitions,
    timings,
    speedup: first && second ? first.median / second.median : Number.NaN,
    speedupRange: [Math.min(...ratios), Math.max(...ratios)],
  };
}
