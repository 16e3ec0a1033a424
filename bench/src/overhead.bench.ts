/**
 * Overhead of the lrkit callbacks on model.fit (a benchmark, not a test).
 *
 * For a small MLP and a small CNN it times `model.fit` bare and with
 * LearningRateScheduler (per-batch cosine) + ReduceLROnPlateau + LossHistory (per batch),
 * alternating the two after a warm-up (the shared timer in timing.ts), and prints the wall-time ratio (with / bare) as the
 * median and min/max over the repetitions. Target: at most 1% overhead.
 *
 *   pnpm --filter @lrkit/bench bench:overhead            # full run
 *   pnpm --filter @lrkit/bench bench:overhead -- --smoke # a few tiny repetitions (checks it runs)
 *
 * Its models, data and hook timer are shared by the other callback benchmarks of `pnpm bench`.
 */

import { pathToFileURL } from 'node:url';
import { cosine } from '@lrkit/schedules';
import { LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { millisecondsSpread, ratioSpread, spread, timeAlternating } from './timing.js';

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

/** A dense 32-64-10 classifier (the optimizer defaults to Adam 0.001). */
export function buildMlp(optimizer: tf.Optimizer = tf.train.adam(0.001)): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, inputShape: [32], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** A 12x12x1 conv8(3x3)-maxpool-dense10 classifier (the optimizer defaults to Momentum 0.01/0.9). */
export function buildCnn(optimizer: tf.Optimizer = tf.train.momentum(0.01, 0.9)): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({ filters: 8, kernelSize: 3, inputShape: [12, 12, 1], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }));
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Seeded random inputs of `shape` and one-hot labels over 10 classes. */
export function syntheticData(shape: readonly number[], samples: number, seed = 1): { xs: tf.Tensor; ys: tf.Tensor } {
  const xs = tf.randomNormal([samples, ...shape], 0, 1, 'float32', seed);
  const labels = tf.randomUniform([samples], 0, 10, 'int32', seed + 1);
  const ys = tf.oneHot(labels as tf.Tensor1D, 10);
  labels.dispose();
  return { xs, ys };
}

/**
 * Disposes the model and its optimizer (compile does not own an optimizer object it is
 * given). tfjs's MomentumOptimizer.dispose forgets the cached learning-rate scalar of its
 * SGD parent, so that one is disposed here too.
 */
export function disposeModelAndOptimizer(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer.dispose();
  const cached = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (cached !== undefined && !cached.isDisposed) cached.dispose();
}

const hooks = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] as const;

/** Wraps every hook of the callbacks to add its duration (ms) to `clock.total`. */
export function instrument(callbacks: readonly tf.CustomCallback[], clock: { total: number }): void {
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

/** The three lrkit callbacks as the overhead benchmark attaches them. */
export function overheadCallbacks(decaySteps: number): tf.CustomCallback[] {
  return [
    new LearningRateScheduler({ schedule: cosine({ initialValue: 0.001, decaySteps }), unit: 'batch' }),
    new ReduceLROnPlateau({ patience: 2, factor: 0.5 }),
    new LossHistory({ everyBatch: true }),
  ];
}

async function measure(
  name: string,
  build: () => tf.Sequential,
  shape: readonly number[],
  samples: number,
  options: OverheadBenchmarkOptions,
): Promise<OverheadResult> {
  const model = build();
  const training = syntheticData(shape, samples);
  const validationSet = syntheticData(shape, Math.max(8, Math.floor(samples / 8)), 11);
  const validation: [tf.Tensor, tf.Tensor] = [validationSet.xs, validationSet.ys];
  const batchesPerFit = Math.ceil(samples / options.batchSize) * options.epochs;
  // One long-lived set, as in a real run (the step and plateau state continue across fits).
  const attached = overheadCallbacks(batchesPerFit * (options.warmup + options.repetitions));
  const clock = { total: 0 };
  instrument(attached, clock);
  const hookTimes: number[] = [];
  const fit = (callbacks: tf.CustomCallback[]) => () =>
    model.fit(training.xs, training.ys, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      validationData: validation,
      verbose: 0,
      callbacks,
    });
  const fitWith = fit(attached);
  const samplesByVariant = await timeAlternating(
    [
      ['bare', fit([])],
      [
        'callbacks',
        async () => {
          const before = clock.total;
          await fitWith();
          hookTimes.push(clock.total - before);
        },
      ],
    ],
    { repetitions: options.repetitions, warmup: options.warmup },
  );
  disposeModelAndOptimizer(model);
  tf.dispose([training.xs, training.ys, validationSet.xs, validationSet.ys]);
  const ratios = ratioSpread(samplesByVariant, 'callbacks', 'bare', 'wall');
  const withTimes = samplesByVariant.get('callbacks') ?? [];
  const timed = hookTimes.slice(options.warmup);
  return {
    model: name,
    batchesPerFit,
    bareMilliseconds: millisecondsSpread(samplesByVariant, 'bare').median,
    withCallbacksMilliseconds: millisecondsSpread(samplesByVariant, 'callbacks').median,
    medianRatio: ratios.median,
    minRatio: ratios.min,
    maxRatio: ratios.max,
    ratios: ratios.values,
    medianCpuRatio: ratioSpread(samplesByVariant, 'callbacks', 'bare', 'cpu').median,
    medianHookShare: spread(timed.map((total, index) => total / (withTimes[index]?.wallMilliseconds ?? Number.NaN))).median,
  };
}

/**
 * Runs the benchmark for the MLP and the CNN on the current backend.
 *
 * @param options - sizes; the smoke preset is `{ repetitions: 2, warmup: 1, epochs: 1, samples: 64, batchSize: 16 }`.
 */
export async function runOverheadBenchmark(options: OverheadBenchmarkOptions = fullOptions): Promise<OverheadResult[]> {
  return [
    await measure('mlp 32-64-10', () => buildMlp(), [32], options.samples, options),
    await measure('cnn 12x12 conv8-pool-dense10', () => buildCnn(), [12, 12, 1], Math.max(16, Math.floor(options.samples / 8)), options),
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
