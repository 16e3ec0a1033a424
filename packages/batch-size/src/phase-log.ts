// The lines fitWithBatchSchedule prints with `verbose: true` (the default); with
// `verbose: false` it prints nothing.
import type { PlannedPhase } from './phase-plan.js';

const owner = 'fitWithBatchSchedule';

/**
 * The line printed (`console.log`) as a phase starts: its position, its epochs (1-based, as
 * tfjs's logger counts them), its batch size and the learning rate it starts with.
 *
 * @param planned - the phase and the epochs this call runs of it.
 * @param phaseCount - how many phases the schedule has.
 * @param totalEpochs - the epoch the run stops before.
 * @param learningRate - the optimizer's learning rate as the phase starts.
 * @returns one line.
 * @example
 * ```ts
 * phaseStartLine({ phase, start: 2, end: 4 }, 3, 5, 0.05);
 * // 'fitWithBatchSchedule: phase 2/3, epochs 3–4 of 5, batch size 20, learning rate 0.05'
 * ```
 */
export function phaseStartLine(planned: PlannedPhase, phaseCount: number, totalEpochs: number, learningRate: number): string {
  const { phase, start, end } = planned;
  return (
    `${owner}: phase ${phase.index + 1}/${phaseCount}, epochs ${start + 1}–${end} of ${totalEpochs}, ` +
    `batch size ${phase.batchSize}, learning rate ${Number(learningRate.toPrecision(6))}`
  );
}

/**
 * The warning (`console.warn`) after a phase that trained at a smaller batch than its
 * schedule asked for, because an epoch of the data (a generator of unknown size) held fewer
 * samples.
 *
 * @param planned - the phase.
 * @param trainedBatchSize - the largest batch it actually trained on.
 * @returns one line.
 * @example
 * ```ts
 * smallBatchWarning({ phase, start: 0, end: 2 }, 3);
 * // 'fitWithBatchSchedule: phase 0 asked for batch size 8, but an epoch of the data holds only 3 samples: it trained at batch size 3'
 * ```
 */
export function smallBatchWarning(planned: PlannedPhase, trainedBatchSize: number): string {
  const { phase } = planned;
  return (
    `${owner}: phase ${phase.index} asked for batch size ${phase.batchSize}, but an epoch of the data holds only ${trainedBatchSize} samples: ` +
    `it trained at batch size ${trainedBatchSize}`
  );
}
