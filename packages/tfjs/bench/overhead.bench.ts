/**
 * Overhead of the lrkit callbacks on model.fit (a benchmark, not a test).
 *
 * For a small MLP and a small CNN it times `model.fit` bare and with
 * LearningRateScheduler (per-batch cosine) + ReduceLROnPlateau + LossHistory (per batch),
 * alternating the two after a warm-up, and prints the wall-time ratio (with / bare) as the
 * median and min/max over the repetitions. Target: at most 1% overhead.
 *
 *   pnpm --filter @lrkit/tfjs bench            # full run
 *   pnpm --filter @lrkit/tfjs bench -- --smoke # a few tiny repetitions (checks it runs)
 */
import { cosine } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '../src/index.js';

/** Sizes of one benchmark run. */
export interface OverheadBenchmarkOptions {
  /** Measured repetitions of each configuration (alternating). */
  readonly repetitions: number;
  /** Unmeasured repetitions of each configuration first. */
  readonly warmup: number;
  /** Epochs per fit call. */
  readonly epochs: number;
  /** Training samples (MLP; the CNN uses a quarter). */
  readonly samples: number;
  /** Batch size. */
  readonly batchSize: number;
}

/** The result for one model. */
export interface OverheadResult {
  readonly model: string;
  readonly batchesPerFit: number;
  readonly bareMilliseconds: number;
  readonly withCallbacksMilliseconds: number;
  readonly medianRatio: number;
  readonly minRatio: number;
  readonly maxRatio: number;
  readonly ratios: readonly number[];
  /** Median ratio of the process CPU time (user + system), less sensitive to other processes. */
  readonly medianCpuRatio: number;
  /** Median share of the instrumented fit's wall time spent inside the lrkit callbacks' hooks. */
  readonly medianHookShare: number;
}

const fullOptions: OverheadBenchmarkOptions = { repetitions: 9, warmup: 2, epochs: 2, samples: 2048, batchSize: 32 };
const smokeOptions: OverheadBenchmarkOptions = { repetitions: 2, warmup: 1, epochs: 1, samples: 64, batchSize: 16 };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function mlp(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, inputShape: [32], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function cnn(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, inputShape: [12, 12, 1], activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function data(shape: readonly number[], samples: number): { xs: tf.Tensor; ys: tf.Tensor } {
  const xs = tf.randomNormal([samples, ...shape], 0, 1, 'float32', 1);
  const labels = tf.randomUniform([samples], 0, 10, 'int32', 2);
  const ys = tf.oneHot(labels as tf.Tensor1D, 10);
  labels.dispose();
  return { xs, ys };
}

/**
 * Disposes the model and its optimizer (compile does not own an optimizer object it is
 * given). tfjs's MomentumOptimizer.dispose forgets the cached learning-rate scalar of its
 * SGD parent, so that one is disposed here too.
 */
function disposeModelAndOptimizer(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer.dispose();
  const cached = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (cached !== undefined && !cached.isDisposed) cached.dispose();
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

async function timeFit(
  model: tf.LayersModel,
  training: { xs: tf.Tensor; ys: tf.Tensor },
  validation: [tf.Tensor, tf.Tensor],
  options: OverheadBenchmarkOptions,
  callbacks: tf.CustomCallback[],
): Promise<Timing> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await model.fit(training.xs, training.ys, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    validationData: validation,
    verbose: 0,
    callbacks,
  });
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

const hooks = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] as const;

/** Wraps every hook of the callbacks to add its duration (ms) to `clock.total`. */
function instrument(callbacks: tf.CustomCallback[], clock: { total: number }): void {
  for (const callback of callbacks) {
    const target = callback as unknown as Record<string, (...args: unknown[]) => Promise<void>>;
    for (const hook of hooks) {
      const original = target[hook]?.bind(callback);
      if (original === undefined) continue;
      target[hook] = async (...args: unknown[]) => {
        const start = performance.now();
        try {
          await original(...args);
        } finally {
          clock.total += performance.now() - start;
        }
      };
    }
  }
}

async function measure(
  name: string,
  build: () => tf.Sequential,
  shape: readonly number[],
  samples: number,
  options: OverheadBenchmarkOptions,
): Promise<OverheadResult> {
  const model = build();
  const training = data(shape, samples);
  const validationSet = data(shape, Math.max(8, Math.floor(samples / 8)));
  const validation: [tf.Tensor, tf.Tensor] = [validationSet.xs, validationSet.ys];
  const batchesPerFit = Math.ceil(samples / options.batchSize) * options.epochs;
  const callbacks = (): tf.CustomCallback[] => [
    new LearningRateScheduler({
      schedule: cosine({ initialValue: 0.001, decaySteps: batchesPerFit * (options.warmup + options.repetitions) }),
      unit: 'batch',
    }),
    new ReduceLROnPlateau({ patience: 2, factor: 0.5 }),
    new LossHistory({ everyBatch: true }),
  ];
  // One long-lived set, as in a real run (the step and plateau state continue across fits).
  const attached = callbacks();
  const clock = { total: 0 };
  instrument(attached, clock);
  for (let index = 0; index < options.warmup; index += 1) {
    await timeFit(model, training, validation, options, []);
    await timeFit(model, training, validation, options, attached);
  }
  const bare: number[] = [];
  const withCallbacks: number[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const hookShares: number[] = [];
  for (let index = 0; index < options.repetitions; index += 1) {
    // Alternate which configuration goes first so drift does not favour one.
    let bareTime: Timing;
    let withTime: Timing;
    const hooksBefore = clock.total;
    if (index % 2 === 0) {
      bareTime = await timeFit(model, training, validation, options, []);
      withTime = await timeFit(model, training, validation, options, attached);
    } else {
      withTime = await timeFit(model, training, validation, options, attached);
      bareTime = await timeFit(model, training, validation, options, []);
    }
    bare.push(bareTime.wall);
    withCallbacks.push(withTime.wall);
    ratios.push(withTime.wall / bareTime.wall);
    cpuRatios.push(withTime.cpu / bareTime.cpu);
    hookShares.push((clock.total - hooksBefore) / withTime.wall);
  }
  disposeModelAndOptimizer(model);
  tf.dispose([training.xs, training.ys, validationSet.xs, validationSet.ys]);
  return {
    model: name,
    batchesPerFit,
    bareMilliseconds: median(bare),
    withCallbacksMilliseconds: median(withCallbacks),
    medianRatio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
    ratios,
    medianCpuRatio: median(cpuRatios),
    medianHookShare: median(hookShares),
  };
}

/**
 * Runs the benchmark for the MLP and the CNN on the current backend.
 *
 * @param options - sizes; the smoke preset is `{ repetitions: 2, warmup: 1, epochs: 1, samples: 64, batchSize: 16 }`.
 */
export async function runOverheadBenchmark(options: OverheadBenchmarkOptions = fullOptions): Promise<OverheadResult[]> {
  return [
    await measure('mlp 32-64-10', mlp, [32], options.samples, options),
    await measure('cnn 12x12 conv8-pool-dense10', cnn, [12, 12, 1], Math.max(16, Math.floor(options.samples / 8)), options),
  ];
}

export { fullOptions, smokeOptions };

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  await tf.setBackend('cpu');
  const options = smoke ? smokeOptions : fullOptions;
  console.log(
    `lrkit/tfjs callback overhead — backend ${tf.getBackend()}, ${options.repetitions} alternating repetitions after ${options.warmup} warm-up, ` +
      `${options.epochs} epochs of batch ${options.batchSize} per fit${smoke ? ' (smoke)' : ''}`,
  );
  for (const result of await runOverheadBenchmark(options)) {
    const percent = (ratio: number): string => `${((ratio - 1) * 100).toFixed(2)}%`;
    console.log(
      `${result.model}: ${result.batchesPerFit} batches/fit, bare ${result.bareMilliseconds.toFixed(1)} ms, ` +
        `with callbacks ${result.withCallbacksMilliseconds.toFixed(1)} ms; ratio median ${result.medianRatio.toFixed(4)} ` +
        `(${percent(result.medianRatio)}), min ${result.minRatio.toFixed(4)}, max ${result.maxRatio.toFixed(4)}; ` +
        `CPU-time ratio median ${result.medianCpuRatio.toFixed(4)}; time inside the callbacks' hooks ${(result.medianHookShare * 100).toFixed(2)}% of the fit`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
