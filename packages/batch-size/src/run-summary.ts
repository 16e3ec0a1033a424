import type { BatchScheduleEpoch } from './merge-histories.js';
import type { RecordedEpoch } from './phase-recorder.js';
import type { PhaseOutcome } from './train-phases.js';

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
  /** Epochs run in the phase. */
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
  /** Epochs run, in total (those of earlier calls kept by `run` included). */
  readonly totalEpochs: number;
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

/**
 * The largest batch a phase trained on, from its epoch rows (0 when it ran no epoch).
 *
 * @param recorded - the phase's epoch rows.
 * @returns the largest `batchSize` among them.
 * @example
 * ```ts
 * trainedBatchSize([{ batchSize: 3, … }, { batchSize: 3, … }]); // 3
 * ```
 */
export function trainedBatchSize(recorded: readonly RecordedEpoch[]): number {
  return recorded.reduce((largest, row) => Math.max(largest, row.batchSize), 0);
}

/**
 * A phase's summary: the epochs it ran, the batch it really trained on, its updates and wall time.
 *
 * @param outcome - what the phase loop returned for the phase.
 * @returns the phase's summary.
 * @example
 * ```ts
 * summarizePhase(outcome); // { index: 1, batchSize: 20, startEpoch: 2, endEpoch: 4, epochs: 2, updates: 6, durationMs: 31 }
 * ```
 */
export function summarizePhase(outcome: PhaseOutcome): BatchSchedulePhaseSummary {
  const { planned, recorded } = outcome;
  const { phase, start } = planned;
  return {
    index: phase.index,
    batchSize: recorded.length > 0 ? trainedBatchSize(recorded) : phase.batchSize,
    startEpoch: start,
    endEpoch: start + recorded.length,
    epochs: recorded.length,
    updates: recorded.reduce((sum, row) => sum + row.updates, 0),
    ...(phase.learningRate === undefined ? {} : { learningRate: phase.learningRate }),
    durationMs: outcome.durationMs,
  };
}

/** What {@link summarizeRun} sums up. */
export interface RunFacts {
  /** The phases run by this call, in order. */
  readonly outcomes: readonly PhaseOutcome[];
  /** Every epoch of the run, earlier calls' included. */
  readonly epochRecords: readonly BatchScheduleEpoch[];
  /** The fixed batch size the update count is compared with. */
  readonly baselineBatchSize: number;
  /** Whether a callback stopped the run before its last epoch. */
  readonly stoppedEarly: boolean;
  /** Wall time of the call in milliseconds. */
  readonly durationMs: number;
}

/**
 * The summary step of {@link fitWithBatchSchedule}: updates per phase and in total, and the
 * updates saved against the same epochs at the fixed `baselineBatchSize`.
 *
 * @param facts - the phases, the epoch rows and the baseline.
 * @returns the run's summary.
 * @example
 * ```ts
 * const summary = summarizeRun({ outcomes, epochRecords, baselineBatchSize: 8, stoppedEarly: false, durationMs: 120 });
 * summary.updateReduction; // 35 / 21 for 5 epochs of 50 samples at batches 8, 8, 20, 20, 50
 * ```
 */
export function summarizeRun(facts: RunFacts): BatchScheduleSummary {
  const { epochRecords, baselineBatchSize } = facts;
  const totalUpdates = epochRecords.reduce((sum, row) => sum + row.updates, 0);
  const baselineUpdates = epochRecords.reduce((sum, row) => sum + Math.ceil(row.samples / baselineBatchSize), 0);
  return {
    phases: facts.outcomes.map(summarizePhase),
    totalEpochs: epochRecords.length,
    totalUpdates,
    baselineBatchSize,
    baselineUpdates,
    updatesSaved: baselineUpdates - totalUpdates,
    updateReduction: totalUpdates === 0 ? Number.NaN : baselineUpdates / totalUpdates,
    stoppedEarly: facts.stoppedEarly,
    durationMs: facts.durationMs,
  };
}
