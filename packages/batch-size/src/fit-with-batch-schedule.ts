import { learningRateControllerFor } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { ContinuousCallbacks, normalizeCallbacks } from './continuous-callbacks.js';
import { type FitWithBatchScheduleOptions, readFitOptions } from './fit-options.js';
import { type MemoryLimits, preflightMemory } from './memory-preflight.js';
import { type BatchScheduleEpoch, epochMetrics, epochRecords, mergeHistories, withEarlierEpochs } from './merge-histories.js';
import { type BatchScheduleData, preparePhaseData, prepareValidationData } from './phase-data.js';
import { planPhases } from './phase-plan.js';
import { PhaseRecorder } from './phase-recorder.js';
import { type BatchScheduleSummary, summarizeRun } from './run-summary.js';
import { type SharedFitArgs, trainPhases } from './train-phases.js';

/** What {@link fitWithBatchSchedule} returns. */
export interface BatchScheduleResult {
  /** Per epoch: phase, batch size, learning rate, updates and metrics. */
  readonly epochRecords: readonly BatchScheduleEpoch[];
  /** The phases' tfjs Histories merged: `{ epoch: [...], history: { loss: [...], … } }`. */
  readonly history: { readonly epoch: number[]; readonly history: Record<string, number[]> };
  readonly summary: BatchScheduleSummary;
}

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
 * With `verbose: true` (the default) it prints a line as each phase starts and warns when a
 * phase trained at a smaller batch than asked; `verbose: false` prints nothing.
 *
 * @param model - a compiled `tf.LayersModel`.
 * @param data - unbatched dataset or `{ x, y }` tensors.
 * @param options - see {@link FitWithBatchScheduleOptions}. `totalEpochs` beyond a closed
 *   schedule's `totalEpochs` is a `RangeError` (it never trains fewer epochs than asked); leave
 *   the last phase open to train on at its batch size.
 * @returns the per-epoch records, the merged history and a summary (updates per phase, total,
 *   saved vs the baseline).
 * @example
 * ```ts
 * const schedule = batchSizeMilestones({ initialBatchSize: 32, boundaries: [5, 10], growthFactor: 5, totalEpochs: 15 });
 * const { epochRecords, summary } = await fitWithBatchSchedule(model, { x, y }, { schedule, seed: 1 });
 * summary.totalUpdates;    // updates actually made
 * summary.updateReduction; // times fewer than 15 epochs at batch 32
 * ```
 */
export async function fitWithBatchSchedule(model: tf.LayersModel, data: BatchScheduleData, options: FitWithBatchScheduleOptions): Promise<BatchScheduleResult> {
  const settings = readFitOptions(model, options);
  const { schedule, totalEpochs, initialEpoch, run } = settings;
  const earlier = run?.before(initialEpoch) ?? [];
  const plan = planPhases(schedule, initialEpoch, totalEpochs);

  const source = await preparePhaseData(model, data, { shuffle: settings.shuffle, shuffleBufferSize: settings.shuffleBufferSize });
  const limits: MemoryLimits = {
    samples: source.size,
    bytesPerSample: settings.bytesPerSample,
    memoryBudget: settings.memoryBudget,
    backend: tf.getBackend(),
  };
  preflightMemory(plan, limits);

  const validationData = await prepareValidationData(model, settings.validationData, settings.validationBatchSize);
  const fitArgs: SharedFitArgs = {
    ...(validationData === undefined ? {} : { validationData }),
    ...(settings.validationBatchSize === undefined ? {} : { validationBatchSize: settings.validationBatchSize }),
    ...(settings.validationBatches === undefined ? {} : { validationBatches: settings.validationBatches }),
    ...(settings.yieldEvery === undefined ? {} : { yieldEvery: settings.yieldEvery }),
    ...(settings.classWeight === undefined ? {} : { classWeight: settings.classWeight }),
  };
  // The shared per-optimizer channel of @lrkit/tfjs: a phase's learning rate is published as the
  // scheduled value, so a ReduceLROnPlateau attached to the same optimizer scales it.
  const controller = learningRateControllerFor(model.optimizer);
  const callbacks = new ContinuousCallbacks(normalizeCallbacks(settings.callbacks, settings.yieldEvery));
  const recorder = new PhaseRecorder(controller.adapter, run);
  const runStart = Date.now();
  const { outcomes, stoppedEarly } = await trainPhases(model, plan, {
    data: source,
    phaseCount: schedule.phases.length,
    totalEpochs,
    initialEpoch,
    seed: settings.seed,
    verbose: settings.verbose,
    fitArgs,
    controller,
    callbacks,
    recorder,
    limits,
  });
  await callbacks.finish();

  const histories = outcomes.map((outcome) => outcome.history);
  const records = epochRecords(earlier, recorder.epochs, epochMetrics(histories));
  return {
    epochRecords: records,
    history: withEarlierEpochs(mergeHistories(histories), earlier),
    summary: summarizeRun({
      outcomes,
      epochRecords: records,
      baselineBatchSize: schedule.baselineBatchSize,
      stoppedEarly,
      durationMs: Date.now() - runStart,
    }),
  };
}
