import type { BatchSizePhase, BatchSizeSchedule } from './batch-size-schedule.js';

/** A phase as one call of {@link fitWithBatchSchedule} runs it: clipped to the epochs of the call. */
export interface PlannedPhase {
  readonly phase: BatchSizePhase;
  /** The first epoch run (the phase's start, or `initialEpoch` when it resumes inside the phase). */
  readonly start: number;
  /** The epoch after the last one run (the phase's end, or `totalEpochs` when it ends later). */
  readonly end: number;
}

/**
 * The phases of `schedule` that have epochs in `[initialEpoch, totalEpochs)`, each clipped
 * to that range, in order.
 *
 * @param schedule - the batch-size schedule.
 * @param initialEpoch - the first epoch to run.
 * @param totalEpochs - the epoch to stop before.
 * @returns the phases to run.
 * @example
 * ```ts
 * // phases [0, 2), [2, 4), [4, 5)
 * planPhases(schedule, 3, 5).map(({ phase, start, end }) => [phase.index, start, end]); // [[1, 3, 4], [2, 4, 5]]
 * ```
 */
export function planPhases(schedule: BatchSizeSchedule, initialEpoch: number, totalEpochs: number): PlannedPhase[] {
  return schedule.phases
    .map((phase) => ({ phase, start: Math.max(phase.startEpoch, initialEpoch), end: Math.min(phase.endEpoch, totalEpochs) }))
    .filter(({ start, end }) => start < end);
}
