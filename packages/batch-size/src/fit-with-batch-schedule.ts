import { learningRateControllerFor } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { BatchScheduleRun, type BatchScheduleRunEpoch } from './batch-schedule-run.js';
import type { BatchSizePhase, BatchSizeSchedule } from './batch-size-schedule.js';
import { type CallbacksOption, ContinuousCallbacks, normalizeCallbacks } from './continuous-callbacks.js';
import { BatchSizeMemoryError, defaultMemoryBudget, estimateBytesPerSample, isAllocationError } from './memory-guard.js';
import { asXsYs, type BatchScheduleData, detectBatching, isDataset, preparePhaseData, type TensorInputs } from './phase-data.js';
import { PhaseRecorder } from './phase-recorder.js';
import { booleanOption, describeValue, fail, knownKeys, positiveInteger, positiveOrInfinite, required } from './validation.js';

type FitDatasetArgs = tf.ModelFitDatasetArgs<tf.TensorContainer>;

/** Options of {@link fitWithBatchSchedule}. */
export interface FitWithBatchScheduleOptions {
  /** The batch-size schedule (phases); see `batchSizeSchedule`, `batchSizeMilestones`, `fromLearningRateDecay`. */
  readonly schedule: BatchSizeSchedule;
  /** Train until this epoch (exclusive). Default: the schedule's `totalEpochs` (required when its last phase is open). */
  readonly epochs?: number;
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
  /** 0 silent; 1 (default) a line per phase, plus tfjs's own logger if one is registered; 2 also a line per epoch. */
  readonly verbose?: 0 | 1 | 2;
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

/** One epoch of the merged history. */
export interface BatchScheduleEpoch {
  /** The epoch (0-based, continuing across phases). */
  readonly epoch: number;
  /** The phase index. */
  readonly phase: number;
  /** The largest batch of the epoch as trained: the phase's batch size, or fewer when the epoch held fewer samples. */
  readonly batchSize: number;
  /** The optimizer's learning rate at the start of the epoch (after epoch-begin callbacks). */
  readonly learningRate: number;
  /** The optimizer's momentum at the start of the epoch, for optimizers that have one. */
  readonly momentum?: number;
  /** Parameter updates in this epoch. */
  readonly updates: number;
  /** Parameter updates from the start of the run to the end of this epoch. */
  readonly totalUpdates: number;
  /** Samples seen in this epoch. */
  readonly samples: number;
  /** The epoch's metrics as tfjs's History has them (`loss`, `acc`, `val_loss`, …). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** One phase of the summary. */
export interface BatchSchedulePhaseSummary {
  readonly index: number;
  /**
   * The largest batch the phase actually trained on: the schedule's batch size, or fewer when an
   * epoch of the data (a generator dataset of unknown size) holds fewer samples than that.
   */
  readonly batchSize: number;
  /** First epoch run in the phase. */
  readonly startEpoch: number;
  /** Epoch after the last one run in the phase. */
  readonly endEpoch: number;
  /** Epochs run. */
  readonly epochs: number;
  /** Parameter updates in the phase. */
  readonly updates: number;
  /** The learning rate written when the phase started, if the phase has one. */
  readonly learningRate?: number;
  /** Wall time of the phase in milliseconds. */
  readonly durationMs: number;
}

/** The run's summary. */
export interface BatchScheduleSummary {
  readonly phases: readonly BatchSchedulePhaseSummary[];
  /** Epochs run. */
  readonly epochs: number;
  /** All parameter updates. */
  readonly totalUpdates: number;
  /** The fixed batch size of the equivalent run (the schedule's `baselineBatchSize`). */
  readonly baselineBatchSize: number;
  /** Updates the same epochs would take at `baselineBatchSize`: Σ ceil(samples per epoch / baselineBatchSize). */
  readonly baselineUpdates: number;
  /** `baselineUpdates − totalUpdates`. */
  readonly updatesSaved: number;
  /** `baselineUpdates / totalUpdates` (how many times fewer updates). */
  readonly updateReduction: number;
  /** True when a callback stopped training (e.g. early stopping) before the last epoch. */
  readonly stoppedEarly: boolean;
  /** Wall time of the run in milliseconds. */
  readonly durationMs: number;
}

/** What {@link fitWithBatchSchedule} returns. */
export interface BatchScheduleResult {
  /** Per epoch: phase, batch size, learning rate, updates and metrics. */
  readonly epochs: readonly BatchScheduleEpoch[];
  /** The phases' tfjs Histories merged: `{ epoch: [...], history: { loss: [...], … } }`. */
  readonly history: { readonly epoch: number[]; readonly history: Record<string, number[]> };
  readonly summary: BatchScheduleSummary;
}

const owner = 'fitWithBatchSchedule';
const optionKeys = [
  'schedule',
  'epochs',
  'initialEpoch',
  'callbacks',
  'validationData',
  'validationBatchSize',
  'validationBatches',
  'shuffle',
  'seed',
  'shuffleBufferSize',
  'verbose',
  'yieldEvery',
  'classWeight',
  'memoryBudget',
  'bytesPerSample',
  'run',
] as const;

/**
 * Trains `model` with a batch-size schedule: one `model.fitDataset` call per phase, each
 * on the data re-batched with the phase's batch size, the same model and the same
 * optimizer (its slots — momentum buffers, Adam moments, iteration count — carry over).
 *
 * - `data` is an UNBATCHED `tf.data.Dataset` of `{ xs, ys }` (or `[xs, ys]`) samples, or
 *   `{ x, y }` tensors; a batched dataset is detected and rejected with an explanation.
 *   Samples are shuffled every epoch (`seed` makes it deterministic).
 * - Epochs continue across phases (`initialEpoch` of each call = the phase's start).
 * - The callbacks run as ONE training run: `onTrainBegin` fires once before the first
 *   phase, `onTrainEnd` once after the last, epoch and batch hooks as usual; a callback
 *   that sets `model.stopTraining` ends the whole run.
 * - A phase's `learningRate` / `momentum` are written into the optimizer when it starts,
 *   before any callback hook of that phase (a LearningRateScheduler in `callbacks` runs
 *   after it and wins).
 * - Memory: every phase's estimated need is checked against `memoryBudget` before training
 *   starts, and a backend allocation failure during a phase is rethrown as a
 *   {@link BatchSizeMemoryError} naming the phase.
 *
 * @param model - a compiled `tf.LayersModel`.
 * @param data - unbatched dataset or `{ x, y }` tensors.
 * @param options - see {@link FitWithBatchScheduleOptions}. `epochs` beyond a closed schedule's
 *   `totalEpochs` is a `RangeError` (it never trains fewer epochs than asked); leave the last
 *   phase open to train on at its batch size.
 * @returns the merged history and a summary (updates per phase, total, saved vs the baseline).
 * @example
 * ```ts
 * const schedule = batchSizeMilestones({ initialBatchSize: 32, milestones: [5, 10], factor: 5, epochs: 15 });
 * const { epochs, summary } = await fitWithBatchSchedule(model, { x, y }, { schedule, seed: 1 });
 * summary.totalUpdates;    // updates actually made
 * summary.updateReduction; // times fewer than 15 epochs at batch 32
 * ```
 */
export async function fitWithBatchSchedule(model: tf.LayersModel, data: BatchScheduleData, options: FitWithBatchScheduleOptions): Promise<BatchScheduleResult> {
  const checked = knownKeys(owner, options, optionKeys, { allowNull: false });
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
  const epochs =
    checked.epochs === undefined
      ? (schedule.totalEpochs ??
        (() => {
          throw new TypeError(`${owner}: \`epochs\` is required when the schedule's last phase is open; received undefined`);
        })())
      : positiveInteger(owner, 'epochs', checked.epochs);
  const initialEpoch = checked.initialEpoch === undefined ? 0 : nonNegative('initialEpoch', checked.initialEpoch);
  if (initialEpoch >= epochs) fail(owner, 'initialEpoch', `< epochs (${epochs})`, initialEpoch, 'range');
  if (schedule.totalEpochs !== undefined && epochs > schedule.totalEpochs) {
    // Never train less than asked without saying so: the schedule says nothing about these epochs.
    throw new RangeError(
      `${owner}: \`epochs\` must be <= the schedule's totalEpochs (${schedule.totalEpochs}: its phases cover epochs 0–${schedule.totalEpochs - 1}); ` +
        `received ${epochs}. Lengthen the last phase, or leave it open ({ batchSize } without epochs) to train on at its batch size`,
    );
  }
  const shuffle = checked.shuffle === undefined ? true : booleanOption(owner, 'shuffle', checked.shuffle);
  const seed = checked.seed === undefined ? undefined : String(seedValue(checked.seed));
  const shuffleBufferSize = checked.shuffleBufferSize === undefined ? undefined : positiveInteger(owner, 'shuffleBufferSize', checked.shuffleBufferSize);
  const verbose = checked.verbose === undefined ? 1 : verbosity(checked.verbose);
  const memoryBudget = checked.memoryBudget === undefined ? defaultMemoryBudget() : positiveOrInfinite(owner, 'memoryBudget', checked.memoryBudget);
  const bytesPerSample =
    checked.bytesPerSample === undefined ? estimateBytesPerSample(model) : positiveOrInfinite(owner, 'bytesPerSample', checked.bytesPerSample);
  const validationBatchSize =
    checked.validationBatchSize === undefined ? undefined : positiveInteger(owner, 'validationBatchSize', checked.validationBatchSize);
  const validationBatches = checked.validationBatches === undefined ? undefined : positiveInteger(owner, 'validationBatches', checked.validationBatches);
  if (checked.run !== undefined && !(checked.run instanceof BatchScheduleRun)) {
    fail(owner, 'run', 'a BatchScheduleRun', checked.run, 'type');
  }
  const run = checked.run as BatchScheduleRun | undefined;
  const previousEpochs: BatchScheduleRunEpoch[] = run?.before(initialEpoch) ?? [];

  // Phases in range, clipped to [initialEpoch, epochs).
  const plan = schedule.phases
    .map((phase) => ({ phase, start: Math.max(phase.startEpoch, initialEpoch), end: Math.min(phase.endEpoch, epochs) }))
    .filter(({ start, end }) => start < end);

  const source = await preparePhaseData(model, data, { shuffle, shuffleBufferSize });
  for (const { phase } of plan) {
    if (source.size !== undefined && phase.batchSize > source.size) {
      throw new RangeError(
        `${owner}: phase ${phase.index} (epochs ${phase.startEpoch}–${phase.endEpoch - 1}) has batchSize ${phase.batchSize}, more than the ${source.size} training samples`,
      );
    }
    const estimated = bytesPerSample * phase.batchSize;
    if (estimated > memoryBudget) {
      throw new BatchSizeMemoryError(
        `${owner}: phase ${phase.index} (batchSize ${phase.batchSize}) needs about ${formatBytes(estimated)} per training step ` +
          `(${formatBytes(bytesPerSample)} per sample), more than the memory budget of ${formatBytes(memoryBudget)} ` +
          `for the '${tf.getBackend()}' backend. Lower the phase's batch size (or maxBatchSize), or raise \`memoryBudget\`.`,
        phase.index,
        phase.batchSize,
        estimated,
        memoryBudget,
      );
    }
  }

  const validationData = await prepareValidation(model, checked.validationData, validationBatchSize);
  // The shared per-optimizer channel of @lrkit/tfjs: a phase's learning rate is published as the
  // scheduled value, so a ReduceLROnPlateau attached to the same optimizer scales it.
  const controller = learningRateControllerFor(model.optimizer);
  const adapter = controller.adapter;
  const bridge = new ContinuousCallbacks(
    normalizeCallbacks(checked.callbacks as CallbacksOption | undefined, checked.yieldEvery as FitDatasetArgs['yieldEvery']),
  );
  const recorder = new PhaseRecorder(adapter, run);
  const phaseSummaries: BatchSchedulePhaseSummary[] = [];
  const mergedEpochs: number[] = [];
  const mergedHistory: Record<string, number[]> = {};
  const metricRows: Record<string, number>[] = [];
  let stoppedEarly = false;
  const runStart = Date.now();

  for (const { phase, start, end } of plan) {
    if (phase.learningRate !== undefined) controller.setScheduledValue(phase.learningRate);
    if (phase.momentum !== undefined && adapter.supportsMomentum) adapter.setMomentum(phase.momentum);
    if (verbose >= 1) {
      console.log(
        `${owner}: phase ${phase.index + 1}/${schedule.phases.length}, epochs ${start + 1}–${end} of ${epochs}, ` +
          `batch size ${phase.batchSize}, learning rate ${Number(adapter.getLearningRate().toPrecision(6))}`,
      );
    }
    // `steps` tells epoch-interpolating schedulers this phase's batches per epoch.
    const steps = source.size === undefined ? {} : { steps: Math.ceil(source.size / phase.batchSize) };
    bridge.setRunParams({ epochs, initialEpoch, phase: phase.index, batchSize: phase.batchSize, ...steps });
    recorder.beginPhase(phase);
    const recordedBefore = recorder.epochs.length;
    const phaseStart = Date.now();
    const dataset = source.batched(phase.batchSize, seed === undefined ? undefined : `${seed}:phase${phase.index}`);
    let history: tf.History;
    try {
      history = await model.fitDataset(dataset, {
        epochs: end,
        initialEpoch: start,
        callbacks: [bridge, recorder],
        verbose: verbose === 0 ? 0 : 1,
        ...(validationData === undefined ? {} : { validationData }),
        ...(validationBatchSize === undefined ? {} : { validationBatchSize }),
        ...(validationBatches === undefined ? {} : { validationBatches }),
        ...(checked.yieldEvery === undefined ? {} : { yieldEvery: checked.yieldEvery as NonNullable<FitDatasetArgs['yieldEvery']> }),
        ...(checked.classWeight === undefined ? {} : { classWeight: checked.classWeight as NonNullable<FitDatasetArgs['classWeight']> }),
      });
    } catch (error) {
      if (isAllocationError(error)) {
        const estimated = bytesPerSample * phase.batchSize;
        throw new BatchSizeMemoryError(
          `${owner}: phase ${phase.index} (epochs ${start}–${end - 1}, batchSize ${phase.batchSize}) ran out of memory on the ` +
            `'${tf.getBackend()}' backend (estimated ${formatBytes(estimated)} per training step): ${errorMessage(error)}. ` +
            "Lower the phase's batch size (or maxBatchSize) or use a backend with more memory.",
          phase.index,
          phase.batchSize,
          estimated,
          memoryBudget,
          { cause: error },
        );
      }
      throw error;
    }
    const recorded = recorder.epochs.slice(recordedBefore);
    history.epoch.forEach((epoch, row) => {
      mergedEpochs.push(epoch);
      const metrics: Record<string, number> = {};
      for (const [key, values] of Object.entries(history.history)) {
        const value = values[row];
        metrics[key] = typeof value === 'number' ? value : Number.NaN;
      }
      metricRows.push(metrics);
    });
    for (const [key, values] of Object.entries(history.history)) {
      mergedHistory[key] ??= [];
      const target = mergedHistory[key];
      // Keys that appeared only in later phases are padded so rows line up with `epoch`.
      while (target.length < mergedEpochs.length - values.length) target.push(Number.NaN);
      for (const value of values) target.push(typeof value === 'number' ? value : Number.NaN);
    }
    const realBatchSize = recorded.reduce((largest, row) => Math.max(largest, row.batchSize), 0);
    if (recorded.length > 0 && realBatchSize < phase.batchSize && verbose >= 1) {
      console.warn(
        `${owner}: phase ${phase.index} asked for batch size ${phase.batchSize}, but an epoch of the data holds only ${realBatchSize} samples: ` +
          `it trained at batch size ${realBatchSize}`,
      );
    }
    phaseSummaries.push({
      index: phase.index,
      batchSize: recorded.length > 0 ? realBatchSize : phase.batchSize,
      startEpoch: start,
      endEpoch: start + recorded.length,
      epochs: recorded.length,
      updates: recorded.reduce((sum, row) => sum + row.updates, 0),
      ...(phase.learningRate === undefined ? {} : { learningRate: phase.learningRate }),
      durationMs: Date.now() - phaseStart,
    });
    if (verbose >= 2) {
      for (const row of recorded) {
        const metrics = metricRows[mergedEpochs.indexOf(row.epoch)] ?? {};
        const shown = Object.entries(metrics)
          .map(([key, value]) => `${key} ${value.toPrecision(4)}`)
          .join(', ');
        console.log(
          `  epoch ${row.epoch + 1}: ${row.updates} updates, learning rate ${Number(row.learningRate.toPrecision(6))}${shown === '' ? '' : `, ${shown}`}`,
        );
      }
    }
    if (model.stopTraining) {
      stoppedEarly = recorded.length > 0 && (recorded[recorded.length - 1]?.epoch ?? Infinity) < epochs - 1;
      break;
    }
  }
  await bridge.finish();

  let totalUpdates = 0;
  // Epochs of the run before this call (from `run`), then this call's.
  const previousRows: BatchScheduleEpoch[] = previousEpochs.map((row) => {
    totalUpdates += row.updates;
    return { ...row, totalUpdates };
  });
  const rows: BatchScheduleEpoch[] = [
    ...previousRows,
    ...recorder.epochs.map((row) => {
      totalUpdates += row.updates;
      const index = mergedEpochs.indexOf(row.epoch);
      return { ...row, totalUpdates, metrics: metricRows[index] ?? {} };
    }),
  ];
  if (previousRows.length > 0) {
    const keys = new Set([...Object.keys(mergedHistory), ...previousRows.flatMap((row) => Object.keys(row.metrics))]);
    for (const key of keys) {
      const earlier = previousRows.map((row) => row.metrics[key] ?? Number.NaN);
      const later = mergedHistory[key] ?? mergedEpochs.map(() => Number.NaN);
      mergedHistory[key] = [...earlier, ...later];
    }
    mergedEpochs.unshift(...previousRows.map((row) => row.epoch));
  }
  const baselineBatchSize = schedule.baselineBatchSize;
  const baselineUpdates = rows.reduce((sum, row) => sum + Math.ceil(row.samples / baselineBatchSize), 0);
  return {
    epochs: rows,
    history: { epoch: mergedEpochs, history: mergedHistory },
    summary: {
      phases: phaseSummaries,
      epochs: rows.length,
      totalUpdates,
      baselineBatchSize,
      baselineUpdates,
      updatesSaved: baselineUpdates - totalUpdates,
      updateReduction: totalUpdates === 0 ? Number.NaN : baselineUpdates / totalUpdates,
      stoppedEarly,
      durationMs: Date.now() - runStart,
    },
  };
}

async function prepareValidation(
  model: tf.LayersModel,
  validation: unknown,
  validationBatchSize: number | undefined,
): Promise<FitDatasetArgs['validationData'] | undefined> {
  if (validation === undefined) return undefined;
  if (isDataset(validation)) {
    const batching = await detectBatching(model, validation, 'validationData');
    const objects = asXsYs(validation, batching);
    return batching.batched ? objects : objects.batch(validationBatchSize ?? 32);
  }
  if (Array.isArray(validation) && (validation.length === 2 || validation.length === 3)) {
    return validation as FitDatasetArgs['validationData'];
  }
  return fail(owner, 'validationData', '[x, y] tensors or a tf.data.Dataset', validation, 'type');
}

function nonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(owner, name, 'an integer >= 0', value, typeof value === 'number' ? 'range' : 'type');
  }
  return value;
}

function seedValue(value: unknown): number | string {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  return fail(owner, 'seed', 'a finite number or a string', value, 'type');
}

function verbosity(value: unknown): 0 | 1 | 2 {
  if (value === 0 || value === 1 || value === 2) return value;
  return fail(owner, 'verbose', '0, 1 or 2', value, 'range');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}
