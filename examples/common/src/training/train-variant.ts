import { join } from 'node:path';

import { LearningRateScheduler, type LearningRateSchedulerOptions, LossHistory } from '@lrkit/tfjs';
import type * as tf from '@tensorflow/tfjs';

import { batchesPerEpoch, shuffledBatches } from '../data/batches.js';
import type { PreparedDataset } from '../data/prepare.js';
import { buildDemoCnn } from '../models/demo-cnn.js';
import { type ProgressOutput, TrainingProgress } from '../progress/training-progress.js';
import { TestEvaluation } from '../report/test-evaluation.js';
import type { BatchRecord, EpochRecord, VariantResult } from '../report/variant-result.js';

/** One training run of an example: a name, an optimizer and how its learning rate is scheduled. */
export interface TrainingVariant {
  /** Short name, used in tables, legends, the progress label and the history file name. */
  readonly name: string;
  /** One line saying what the run is, for the report. */
  readonly description: string;
  /** A fresh optimizer for this run (disposed when the run ends). */
  createOptimizer(): tf.Optimizer;
  /** The options of the `LearningRateScheduler` that sets the learning rate (schedule, unit, momentum). */
  readonly scheduler: LearningRateSchedulerOptions;
}

/** What every run of an example shares (same data order, same initial weights). */
export interface TrainingSettings {
  /** Epochs of the run. */
  readonly epochs: number;
  /** Examples per batch. */
  readonly batchSize: number;
  /** Seed of the initial weights and of the batch order. */
  readonly seed: number;
}

/** Where a run writes. */
export interface TrainVariantIo {
  /** The run directory: the history goes to `<directory>/<name>.jsonl`. */
  readonly directory: string;
  /** Progress output. */
  readonly output: ProgressOutput;
  /** The progress label is the name padded to this many characters (aligns the bars). */
  readonly labelWidth: number;
}

/**
 * Builds the demo CNN for a prepared dataset, creates the optimizer and compiles the model
 * with categorical cross-entropy and the accuracy metric. The same seed gives the same
 * initial weights.
 *
 * @param data - the prepared dataset (input shape and classes).
 * @param seed - seed of the initial weights.
 * @param createOptimizer - makes the optimizer (called after the model is built).
 * @returns the compiled model and its optimizer; dispose both when done.
 * @example
 * ```ts
 * const { model, optimizer } = compiledDemoCnn(data, 1, () => tf.train.sgd(0.01));
 * ```
 */
export function compiledDemoCnn<Optimizer extends tf.Optimizer>(
  data: PreparedDataset,
  seed: number,
  createOptimizer: () => Optimizer,
): { model: tf.Sequential; optimizer: Optimizer } {
  const model = buildDemoCnn({ inputShape: [...data.inputShape], classes: data.classNames.length, seed });
  const optimizer = createOptimizer();
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, optimizer };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Trains one variant: a fresh demo CNN (initial weights from `settings.seed`) compiled with
 * `variant.createOptimizer()`, the seeded batch order of `shuffledBatches`, the learning rate
 * set by `LearningRateScheduler(variant.scheduler)` of `@lrkit/tfjs`, the validation split
 * (when there is one) and the test set evaluated after every epoch, every batch and epoch
 * recorded by `LossHistory` into `<directory>/<name>.jsonl`, and a progress bar labelled with
 * the name. The model and the optimizer are disposed afterwards, also when training throws.
 *
 * @param variant - name, description, optimizer factory and scheduler options.
 * @param data - the prepared dataset.
 * @param settings - epochs, batch size, seed.
 * @param io - run directory, progress output and label width.
 * @returns the run's records as the report takes them; `parameterUpdates` is the optimizer's
 *   iteration count, `wallTimeSeconds` the time of `fitDataset` in seconds.
 * @example
 * ```ts
 * const result = await trainVariant(
 *   { name: 'lr-0.01', description: 'SGD, constant 0.01', createOptimizer: () => tf.train.sgd(0.01), scheduler: { schedule: () => 0.01 } },
 *   data,
 *   { epochs: 3, batchSize: 64, seed: 1 },
 *   { directory, output: process.stdout, labelWidth: 12 },
 * );
 * ```
 */
export async function trainVariant(variant: TrainingVariant, data: PreparedDataset, settings: TrainingSettings, io: TrainVariantIo): Promise<VariantResult> {
  const { model, optimizer } = compiledDemoCnn(data, settings.seed, () => variant.createOptimizer());
  const historyFile = `${variant.name}.jsonl`;
  const history = new LossHistory({ file: join(io.directory, historyFile) });
  const test = new TestEvaluation({ xs: data.test.xs, ys: data.test.ys });
  let wallTimeSeconds: number;
  let parameterUpdates: number;
  try {
    const started = performance.now();
    await model.fitDataset(shuffledBatches(data.train, { batchSize: settings.batchSize, seed: settings.seed }), {
      epochs: settings.epochs,
      verbose: 0,
      ...(data.validation.count > 0 ? { validationData: [data.validation.xs, data.validation.ys] } : {}),
      callbacks: [
        new LearningRateScheduler(variant.scheduler),
        test,
        history,
        new TrainingProgress({
          epochs: settings.epochs,
          batchesPerEpoch: batchesPerEpoch(data.train.count, settings.batchSize),
          label: variant.name.padEnd(io.labelWidth),
          output: io.output,
        }),
      ],
    });
    wallTimeSeconds = (performance.now() - started) / 1000;
    parameterUpdates = optimizer.iterations;
  } finally {
    model.dispose();
    optimizer.dispose();
  }
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
    name: variant.name,
    description: variant.description,
    epochs,
    batches,
    parameterUpdates,
    wallTimeSeconds,
    historyFile,
  };
}
