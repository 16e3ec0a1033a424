import { initializeWasmBackend, type WasmModule } from '@lrkit/backends/node';
import * as tf from '@tensorflow/tfjs';
import { demoCnnWorkload, seededBatch, type Workload } from './gpu-check/models.js';
import { millisecondsSpread, timeAlternating } from './timing.js';

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
  /** Untimed batches before timing (one warm-up round per backend; 0: none). Default 1. */
  warmupBatches?: number;
  /** The model trained (and its input shape). Default: the demo CNN on 28×28×1. */
  workload?: Workload;
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

/** The workload's model (seeded, SGD 0.05) and the data on one backend, trained batch by batch. */
interface BackendTrainer {
  /** Trains `count` batches (cycling through the data) on this backend; returns the last loss. */
  train(count: number): Promise<number>;
  dispose(): void;
}

async function createTrainer(
  workload: Workload,
  backendName: string,
  data: { images: Float32Array; labels: Float32Array },
  batchSize: number,
  batchesInData: number,
): Promise<BackendTrainer> {
  if (!(await tf.setBackend(backendName))) throw new Error(`backend ${backendName} did not start`);
  const images = tf.tensor4d(data.images, [batchesInData * batchSize, ...workload.inputShape]);
  const labels = tf.tensor2d(data.labels, [batchesInData * batchSize, workload.classes]);
  const model = workload.build();
  const optimizer = tf.train.sgd(0.05);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  let next = 0;
  return {
    async train(count) {
      // The model and data live on this backend; make it the active one again.
      await tf.setBackend(backendName);
      let loss = Number.NaN;
      for (let index = 0; index < count; index += 1) {
        const start = (next % batchesInData) * batchSize;
        next += 1;
        const [x, y] = tf.tidy(() => [tf.slice(images, start, batchSize), tf.slice(labels, start, batchSize)] as const);
        loss = (await model.trainOnBatch(x, y)) as number; // awaiting the loss waits for the step
        tf.dispose([x, y]);
      }
      return loss;
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
      tf.dispose([images, labels]);
    },
  };
}

/**
 * Times training batches of a workload (default the demo CNN: conv 8 3×3 → max-pool → conv 16
 * 3×3 → max-pool → dense 10 on 28×28×1) on several backends in one process with the shared
 * alternating timer (bench/src/timing.ts): one model per backend (same seed and data), a
 * warm-up round, then repetitions in rotated backend order so machine load hits them alike. Loads the wasm backend
 * (single-threaded SIMD, with the training kernels) when it is among the backends.
 *
 * @example
 * const result = await runBackendBenchmark({ batches: 10, repetitions: 5 });
 * console.log(`wasm is ${result.speedup.toFixed(1)}x faster than cpu`);
 */
export async function runBackendBenchmark(options: BackendBenchmarkOptions = {}): Promise<BackendBenchmarkResult> {
  const { backends = ['cpu', 'wasm'], batches = 10, repetitions = 5, batchSize = 64, warmupBatches = 1, workload = demoCnnWorkload, log = () => {} } = options;
  if (backends.includes('wasm')) {
    const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as WasmModule;
    if (!(await initializeWasmBackend(wasm))) throw new Error('the wasm backend did not start');
  }
  await tf.setBackend('cpu');
  const { images, labels } = seededBatch(workload, (warmupBatches + batches) * batchSize);
  const data = { images: images.dataSync() as Float32Array, labels: labels.dataSync() as Float32Array };
  tf.dispose([images, labels]);

  const trainers = new Map<string, BackendTrainer>();
  const finalLosses = new Map<string, number>();
  let timings: BackendTiming[];
  try {
    for (const backendName of backends) {
      trainers.set(backendName, await createTrainer(workload, backendName, data, batchSize, warmupBatches + batches));
    }
    // The shared alternating timer: one warm-up round of `warmupBatches` batches per backend,
    // then `repetitions` rounds of `batches` batches in rotated backend order.
    const calls = new Map<string, number>();
    const samples = await timeAlternating(
      backends.map(
        (backendName) =>
          [
            backendName,
            async () => {
              const call = calls.get(backendName) ?? 0;
              calls.set(backendName, call + 1);
              const count = call === 0 && warmupBatches > 0 ? warmupBatches : batches;
              finalLosses.set(backendName, await trainers.get(backendName)!.train(count));
            },
          ] as const,
      ),
      { repetitions, warmup: warmupBatches > 0 ? 1 : 0 },
    );
    timings = backends.map((backend): BackendTiming => {
      const perRound = millisecondsSpread(samples, backend);
      const millisecondsPerBatch = perRound.values.map((milliseconds) => milliseconds / batches);
      log(`${backend}: ${millisecondsPerBatch.map((value) => value.toFixed(1)).join(', ')} ms/batch`);
      return {
        backend,
        millisecondsPerBatch,
        median: perRound.median / batches,
        minimum: perRound.min / batches,
        maximum: perRound.max / batches,
        finalLoss: finalLosses.get(backend) ?? Number.NaN,
      };
    });
  } finally {
    for (const trainer of trainers.values()) trainer.dispose();
  }
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
