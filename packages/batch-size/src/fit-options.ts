import * as tf from '@tensorflow/tfjs';
import { BatchScheduleRun } from './batch-schedule-run.js';
import type { BatchSizeSchedule } from './batch-size-schedule.js';
import type { CallbacksOption } from './continuous-callbacks.js';
import { defaultMemoryBudget, estimateBytesPerSample } from './memory-guard.js';
import type { TensorInputs } from './phase-data.js';
import { booleanOption, describeValue, fail, knownKeys, optionKeys, positiveInteger, positiveOrInfinite, required } from './validation.js';

type FitDatasetArgs = tf.ModelFitDatasetArgs<tf.TensorContainer>;

/** Options of {@link fitWithBatchSchedule}. */
export interface FitWithBatchScheduleOptions {
  /** The batch-size schedule (phases); see `batchSizeSchedule`, `batchSizeMilestones`, `fromLearningRateDecay`. */
  readonly schedule: BatchSizeSchedule;
  /** Train until this epoch (exclusive). Default: the schedule's `totalEpochs` (required when its last phase is open). */
  readonly totalEpochs?: number;
  /** Start (resume) at this epoch; phases that end before it are skipped. Default 0. */
  readonly initialEpoch?: number;
  /** Callbacks, run as ONE training run across all phases (see the README). */
  readonly callbacks?: CallbacksOption;
  /** Validation data: `[x, y]` tensors, or a dataset (batched, or unbatched: then batched with `validationBatchSize`). */
  readonly validationData?: [TensorInputs, TensorInputs] | tf.data.Dataset<tf.TensorContainer>;
  /** Batch size of validation (tensors, or an unbatched validation dataset). Default 32 (tfjs's). */
  readonly validationBatchSize?: number;
  /** Limit validation to this many batches of a validation dataset (as in `fitDataset`). */
  readonly validationBatches?: number;
  /** Shuffle the samples every epoch. Default `true`. */
  readonly shuffle?: boolean;
  /** Seed of the shuffles (every phase derives its own); the same seed gives the same batches. Default: random. */
  readonly seed?: number | string;
  /** Shuffle buffer of a dataset. Default: the dataset's size when known, else 10000. */
  readonly shuffleBufferSize?: number;
  /**
   * `true` (default): a line per phase, a warning when a phase trained at a smaller batch than
   * asked, and tfjs's own logger if one is registered (e.g. tfjs-node's); `false`: silent.
   */
  readonly verbose?: boolean;
  /** Passed to `fitDataset` (how often to yield to the event loop). */
  readonly yieldEvery?: NonNullable<FitDatasetArgs['yieldEvery']>;
  /** Passed to `fitDataset`. */
  readonly classWeight?: NonNullable<FitDatasetArgs['classWeight']>;
  /**
   * The bytes a training step may use; a phase whose estimated need (bytes per sample ×
   * batch size) is above it fails before training starts. Default: `defaultMemoryBudget()`
   * of the active backend; `Infinity` turns the check off.
   */
  readonly memoryBudget?: number;
  /** Override the estimated bytes per sample (default `estimateBytesPerSample(model)`). */
  readonly bytesPerSample?: number;
  /**
   * The run's bookkeeping across calls (see {@link BatchScheduleRun}): the result of a run
   * resumed at `initialEpoch` then covers the epochs before it too. Default: none (the result
   * covers this call's epochs).
   */
  readonly run?: BatchScheduleRun;
}

/** The options of {@link fitWithBatchSchedule} checked, with every default filled in. */
export interface FitSettings {
  readonly schedule: BatchSizeSchedule;
  readonly totalEpochs: number;
  readonly initialEpoch: number;
  readonly callbacks: CallbacksOption | undefined;
  /** As given; checked when the data is prepared (it needs the model and may read a dataset). */
  readonly validationData: unknown;
  readonly validationBatchSize: number | undefined;
  readonly validationBatches: number | undefined;
  readonly shuffle: boolean;
  /** The seed as a string (each phase appends its own suffix), or undefined for random shuffles. */
  readonly seed: string | undefined;
  readonly shuffleBufferSize: number | undefined;
  readonly verbose: boolean;
  readonly yieldEvery: FitDatasetArgs['yieldEvery'] | undefined;
  readonly classWeight: FitDatasetArgs['classWeight'] | undefined;
  readonly memoryBudget: number;
  readonly bytesPerSample: number;
  readonly run: BatchScheduleRun | undefined;
}

const owner = 'fitWithBatchSchedule';

/** The option keys of {@link fitWithBatchSchedule}, checked against its options interface. */
export const fitWithBatchScheduleKeys = optionKeys<FitWithBatchScheduleOptions>({
  schedule: true,
  totalEpochs: true,
  initialEpoch: true,
  callbacks: true,
  validationData: true,
  validationBatchSize: true,
  validationBatches: true,
  shuffle: true,
  seed: true,
  shuffleBufferSize: true,
  verbose: true,
  yieldEvery: true,
  classWeight: true,
  memoryBudget: true,
  bytesPerSample: true,
  run: true,
});

/** Option names of {@link fitWithBatchSchedule} renamed before 1.0, refused with their new name. */
export const fitWithBatchScheduleRenamed: Readonly<Record<string, string>> = { epochs: 'totalEpochs' };

/**
 * The validation step of {@link fitWithBatchSchedule}: checks the model and every option
 * (name, rule and value received in each error) and fills in the defaults. Nothing is
 * trained and no tensor is created.
 *
 * @param model - what the user passed as the model.
 * @param options - what the user passed as the options.
 * @returns the settings.
 * @example
 * ```ts
 * const settings = readFitOptions(model, { schedule, seed: 1 });
 * settings.totalEpochs; // schedule.totalEpochs
 * settings.seed;        // '1'
 * ```
 */
export function readFitOptions(model: unknown, options: unknown): FitSettings {
  const checked = knownKeys(owner, options, fitWithBatchScheduleKeys, { allowNull: false, renamed: fitWithBatchScheduleRenamed });
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(`${owner}: \`model\` must be a tf.LayersModel of the same @tensorflow/tfjs copy as this package; received ${describeValue(model)}`);
  }
  if (model.optimizer == null) {
    throw new TypeError(`${owner}: \`model\` must be compiled (model.compile({ optimizer, loss })) before training`);
  }
  const schedule = required(owner, 'schedule', checked.schedule) as BatchSizeSchedule;
  if (typeof schedule !== 'function' || !Array.isArray(schedule.phases)) {
    fail(owner, 'schedule', 'a batch-size schedule (batchSizeSchedule, batchSizeMilestones, fromLearningRateDecay)', schedule, 'type');
  }
  const totalEpochs = readTotalEpochs(schedule, checked.totalEpochs);
  const initialEpoch = checked.initialEpoch === undefined ? 0 : nonNegativeInteger('initialEpoch', checked.initialEpoch);
  if (initialEpoch >= totalEpochs) fail(owner, 'initialEpoch', `< totalEpochs (${totalEpochs})`, initialEpoch, 'range');
  if (checked.run !== undefined && !(checked.run instanceof BatchScheduleRun)) {
    fail(owner, 'run', 'a BatchScheduleRun', checked.run, 'type');
  }
  return {
    schedule,
    totalEpochs,
    initialEpoch,
    callbacks: checked.callbacks as CallbacksOption | undefined,
    validationData: checked.validationData,
    validationBatchSize: optionalPositiveInteger('validationBatchSize', checked.validationBatchSize),
    validationBatches: optionalPositiveInteger('validationBatches', checked.validationBatches),
    shuffle: checked.shuffle === undefined ? true : booleanOption(owner, 'shuffle', checked.shuffle),
    seed: checked.seed === undefined ? undefined : String(seedValue(checked.seed)),
    shuffleBufferSize: optionalPositiveInteger('shuffleBufferSize', checked.shuffleBufferSize),
    verbose: checked.verbose === undefined ? true : verboseFlag(checked.verbose),
    yieldEvery: checked.yieldEvery as FitDatasetArgs['yieldEvery'] | undefined,
    classWeight: checked.classWeight as FitDatasetArgs['classWeight'] | undefined,
    memoryBudget: checked.memoryBudget === undefined ? defaultMemoryBudget() : positiveOrInfinite(owner, 'memoryBudget', checked.memoryBudget),
    bytesPerSample: checked.bytesPerSample === undefined ? estimateBytesPerSample(model) : positiveOrInfinite(owner, 'bytesPerSample', checked.bytesPerSample),
    run: checked.run as BatchScheduleRun | undefined,
  };
}

function readTotalEpochs(schedule: BatchSizeSchedule, value: unknown): number {
  if (value === undefined) {
    if (schedule.totalEpochs === undefined) {
      throw new TypeError(`${owner}: \`totalEpochs\` is required when the schedule's last phase is open; received undefined`);
    }
    return schedule.totalEpochs;
  }
  const totalEpochs = positiveInteger(owner, 'totalEpochs', value);
  if (schedule.totalEpochs !== undefined && totalEpochs > schedule.totalEpochs) {
    // Never train less than asked without saying so: the schedule says nothing about these epochs.
    throw new RangeError(
      `${owner}: \`totalEpochs\` must be <= the schedule's totalEpochs (${schedule.totalEpochs}: its phases cover epochs 0–${schedule.totalEpochs - 1}); ` +
        `received ${totalEpochs}. Lengthen the last phase, or leave it open ({ batchSize } without epochs) to train on at its batch size`,
    );
  }
  return totalEpochs;
}

function optionalPositiveInteger(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : positiveInteger(owner, name, value);
}

function nonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(owner, name, 'an integer >= 0', value, typeof value === 'number' ? 'range' : 'type');
  }
  return value;
}

function seedValue(value: unknown): number | string {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  return fail(owner, 'seed', 'a finite number or a string', value, 'type');
}

function verboseFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1 || value === 2) {
    // The levels of before 1.0: say what they became instead of a bare type error.
    throw new TypeError(
      `${owner}: \`verbose\` must be a boolean (0 → false, 1 → true; the per-epoch lines of 2 are gone: read result.epochRecords); received ${value}`,
    );
  }
  return booleanOption(owner, 'verbose', value);
}
