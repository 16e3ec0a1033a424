/**
 * Benchmark (3): tensor memory over a long run with all callbacks attached. A tiny MLP is
 * trained for `fits` x `batchesPerFit` batches with LearningRateScheduler (per batch) +
 * ReduceLROnPlateau + LossHistory (per batch) kept across fits; `tf.memory()` is read
 * before training, after the first fit (the optimizer's slots exist from then on) and after
 * the last one. Growth must be zero.
 */
import { cosine } from '@lrkit/schedules';
import { LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { disposeModelAndOptimizer, syntheticData } from './overhead.bench.js';

/** Sizes of the memory run. */
export interface MemoryBenchOptions {
  readonly fits: number;
  readonly batchesPerFit: number;
  readonly batchSize: number;
}

/** `tf.memory()` at one point of the run. */
export interface MemoryPoint {
  readonly batches: number;
  readonly numTensors: number;
  readonly numBytes: number;
}

/** The memory run's result. */
export interface MemoryResult {
  readonly backend: string;
  readonly totalBatches: number;
  readonly points: readonly MemoryPoint[];
  /** Tensors and bytes after the last fit minus after the first. */
  readonly tensorGrowth: number;
  readonly byteGrowth: number;
  /** After everything is disposed, minus before the run. */
  readonly tensorsLeftAfterDispose: number;
  /** Batch rows the history holds at the end (JS memory, not tensors). */
  readonly historyRows: number;
  readonly seconds: number;
}

export const fullMemoryOptions: MemoryBenchOptions = { fits: 10, batchesPerFit: 1000, batchSize: 8 };
export const smokeMemoryOptions: MemoryBenchOptions = { fits: 2, batchesPerFit: 20, batchSize: 8 };

function point(batches: number): MemoryPoint {
  const memory = tf.memory();
  return { batches, numTensors: memory.numTensors, numBytes: memory.numBytes };
}

/**
 * Runs the memory benchmark on the current backend.
 *
 * @example
 * ```ts
 * const { tensorGrowth } = await runMemoryBench(smokeMemoryOptions); // 0
 * ```
 */
export async function runMemoryBench(options: MemoryBenchOptions): Promise<MemoryResult> {
  const start = performance.now();
  const initial = tf.memory().numTensors;
  const samples = options.batchesPerFit * options.batchSize;
  const training = syntheticData([16], samples, 31);
  const validation = syntheticData([16], 4 * options.batchSize, 41);
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [16], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const totalBatches = options.fits * options.batchesPerFit;
  const history = new LossHistory({ everyBatch: true });
  const callbacks = [
    new LearningRateScheduler({ schedule: cosine({ initialValue: 0.001, decaySteps: totalBatches }), unit: 'batch' }),
    new ReduceLROnPlateau({ patience: 2, factor: 0.5 }),
    history,
  ];
  const points: MemoryPoint[] = [point(0)];
  for (let fit = 0; fit < options.fits; fit += 1) {
    await model.fit(training.xs, training.ys, {
      epochs: 1,
      batchSize: options.batchSize,
      validationData: [validation.xs, validation.ys],
      shuffle: false,
      verbose: 0,
      callbacks,
    });
    points.push(point((fit + 1) * options.batchesPerFit));
  }
  disposeModelAndOptimizer(model);
  tf.dispose([training.xs, training.ys, validation.xs, validation.ys]);
  const first = points[1] as MemoryPoint;
  const last = points[points.length - 1] as MemoryPoint;
  return {
    backend: tf.getBackend(),
    totalBatches,
    points,
    tensorGrowth: last.numTensors - first.numTensors,
    byteGrowth: last.numBytes - first.numBytes,
    tensorsLeftAfterDispose: tf.memory().numTensors - initial,
    historyRows: history.batches.length,
    seconds: (performance.now() - start) / 1000,
  };
}
