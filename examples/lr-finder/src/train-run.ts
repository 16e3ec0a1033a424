import { join } from 'node:path';

import {
  type BatchRecord,
  type EpochRecord,
  type PreparedDataset,
  type ProgressOutput,
  type VariantResult,
  TestEvaluation,
  TrainingProgress,
  batchesPerEpoch,
  buildDemoCnn,
  shuffledBatches,
} from '@lrkit/examples-common';
import { LearningRateScheduler, LossHistory, type StepFunction } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';

/** One training run of the example: plain SGD with a learning-rate schedule per batch. */
export interface TrainingRun {
  /** Short name, used in tables, legends and the history file name (`one-cycle`, `lr-0.01`). */
  readonly name: string;
  /** One line saying what the run is. */
  readonly description: string;
  /** The learning rate of each update (global batch step from 0). */
  readonly schedule: StepFunction;
}

/** The settings every run of an example shares (same data, same order, same initial weights). */
export interface TrainingSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
}

/**
 * Compiles the demo CNN of `@lrkit/examples-common` with plain SGD and categorical
 * cross-entropy (accuracy metric). The same seed gives the same initial weights.
 *
 * @param data - the prepared dataset (input shape and classes).
 * @param seed - seed of the initial weights.
 * @param learningRate - the optimizer's initial learning rate.
 * @returns the compiled model and its optimizer.
 * @example
 * ```ts
 * const { model, optimizer } = compiledDemoCnn(data, 1, 0.01);
 * ```
 */
export function compiledDemoCnn(
  data: PreparedDataset,
  seed: number,
  learningRate: number,
): { model: tf.Sequential; optimizer: tf.SGDOptimizer } {
  const model = buildDemoCnn({ inputShape: [...data.inputShape], classes: data.classNames.length, seed });
  const optimizer = tf.train.sgd(learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, optimizer };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Trains one run: a fresh demo CNN (initial weights from `settings.seed`), plain SGD whose
 * learning rate `LearningRateScheduler` of `@lrkit/tfjs` sets before every batch from
 * `run.schedule`, the seeded batch order of `shuffledBatches`, the test set evaluated after
 * every epoch, and every batch and epoch recorded by `LossHistory` into
 * `<directory>/<name>.jsonl`. Two runs with the same settings differ only in the schedule.
 *
 * @param run - name, description and schedule.
 * @param data - the prepared dataset.
 * @param settings - epochs, batch size, seed.
 * @param directory - where the JSONL history goes.
 * @param output - progress output.
 * @returns the run's records, as the report takes them.
 * @example
 * ```ts
 * const result = await trainRun({ name: 'lr-0.01', description: 'SGD, constant 0.01', schedule: () => 0.01 }, data, settings, directory, process.stdout);
 * ```
 */
export async function trainRun(
  run: TrainingRun,
  data: PreparedDataset,
  settings: TrainingSettings,
  directory: string,
  output: ProgressOutput,
): Promise<VariantResult> {
  const { model, optimizer } = compiledDemoCnn(data, settings.seed, run.schedule(0));
  const historyFile = `${run.name}.jsonl`;
  const history = new LossHistory({ file: join(directory, historyFile) });
  const test = new TestEvaluation({ xs: data.test.xs, ys: data.test.ys });
  const started = performance.now();
  try {
    await model.fitDataset(shuffledBatches(data.train, { batchSize: settings.batchSize, seed: settings.seed }), {
      epochs: settings.epochs,
      verbose: 0,
      ...(data.validation.count > 0 ? { validationData: [data.validation.xs, data.validation.ys] } : {}),
      callbacks: [
        new LearningRateScheduler({ schedule: run.schedule, unit: 'batch', momentumSchedule: null }),
        test,
        history,
        new TrainingProgress({
          epochs: settings.epochs,
          batchesPerEpoch: batchesPerEpoch(data.train.count, settings.batchSize),
          label: run.name.padEnd(12),
          output,
        }),
      ],
    });
  } finally {
    model.dispose();
    optimizer.dispose();
  }
  const wallTimeSeconds = (performance.now() - started) / 1000;
  const epochs: EpochRecord[] = history.epochs.map((row) => {
    const testRecord = test.records.find((record) => record.epoch === row.epoch);
    const optional = {
      accuracy: numberOrUndefined(row.acc),
      validationLoss: numberOrUndefined(row.val_loss),
      validationAccuracy: numberOrUndefined(row.val_acc),
      testLoss: testRecord?.loss,
      testAccuracy: testRecord?.accuracy,
      learningRate: numberOrUndefined(row.learningRate),
    };
    const defined = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
    return { epoch: row.epoch, loss: numberOrUndefined(row.loss) ?? Number.NaN, ...defined };
  });
  const batches: BatchRecord[] = history.batches.map((row) => ({
    step: row.step,
    epoch: row.epoch,
    batch: row.batch ?? 0,
    loss: numberOrUndefined(row.loss) ?? Number.NaN,
    learningRate: row.learningRate,
  }));
  return {
    name: run.name,
    description: run.description,
    epochs,
    batches,
    parameterUpdates: batches.length,
    wallTimeSeconds,
    historyFile,
  };
}
