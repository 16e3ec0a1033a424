import {
  compiledDemoCnn as compiledDemoCnnWith,
  type PreparedDataset,
  type ProgressOutput,
  type TrainingSettings,
  trainVariant,
  type VariantResult,
} from '@lrkit/examples-common';
import type { StepFunction } from '@lrkit/tfjs';
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
export function compiledDemoCnn(data: PreparedDataset, seed: number, learningRate: number): { model: tf.Sequential; optimizer: tf.SGDOptimizer } {
  return compiledDemoCnnWith(data, seed, () => tf.train.sgd(learningRate));
}

/**
 * Trains one run with `trainVariant` of `@lrkit/examples-common`: a fresh demo CNN (initial
 * weights from `settings.seed`), plain SGD whose learning rate `LearningRateScheduler` of
 * `@lrkit/tfjs` sets before every batch from `run.schedule` (no momentum schedule), the
 * seeded batch order, the test set evaluated after every epoch, and every batch and epoch
 * recorded into `<directory>/<name>.jsonl`. Two runs with the same settings differ only in
 * the schedule.
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
  return trainVariant(
    {
      name: run.name,
      description: run.description,
      createOptimizer: () => tf.train.sgd(run.schedule(0)),
      scheduler: { schedule: run.schedule, unit: 'batch', momentumSchedule: null },
    },
    data,
    settings,
    { directory, output, labelWidth: 12 },
  );
}
