import { type BatchSizePhaseOptions, type BatchSizeSchedule, batchSizeSchedule } from './batch-size-schedule.js';
import { fail, increasingEpochs, knownKeys, positiveInteger, positiveNumber, required } from './validation.js';

/** Options of {@link batchSizeMilestones}. */
export interface BatchSizeMilestonesOptions {
  /** The batch size before the first milestone (an integer >= 1). */
  readonly initialBatchSize: number;
  /** The epochs at which the batch size grows (strictly increasing integers >= 1). */
  readonly milestones: readonly number[];
  /** The growth factor applied at every milestone (> 0; 5 in Smith et al.). */
  readonly factor: number;
  /** Total epochs (> the last milestone). Omit to let the last phase run until training ends. */
  readonly epochs?: number;
  /** A learning rate written at the start of training and kept (optional). */
  readonly learningRate?: number;
}

const owner = 'batchSizeMilestones';

/**
 * A batch-size schedule that multiplies the batch size by `factor` at each milestone
 * epoch (the batch-size twin of a multi-step LR decay):
 *
 * `B(epoch) = round(initialBatchSize · factor ^ (number of milestones <= epoch))`
 *
 * Milestones switch AT the milestone epoch, as the native multi-step schedule does.
 * Errors at construction: non-increasing or non-integer milestones, `factor <= 0`, an
 * initial batch size < 1 or not an integer, a rounded batch size below 1, `epochs` not
 * after the last milestone.
 *
 * @param options - see {@link BatchSizeMilestonesOptions}.
 * @returns a {@link BatchSizeSchedule} with `milestones.length + 1` phases.
 * @example
 * ```ts
 * const schedule = batchSizeMilestones({ initialBatchSize: 128, milestones: [60, 120, 160], factor: 5, epochs: 200 });
 * schedule(0);   // 128
 * schedule(60);  // 640
 * schedule(120); // 3200
 * schedule(199); // 16000
 * ```
 */
export function batchSizeMilestones(options: BatchSizeMilestonesOptions): BatchSizeSchedule {
  const checked = knownKeys(owner, options, ['initialBatchSize', 'milestones', 'factor', 'epochs', 'learningRate'], { allowNull: false });
  const initialBatchSize = positiveInteger(owner, 'initialBatchSize', required(owner, 'initialBatchSize', checked.initialBatchSize));
  const milestones = increasingEpochs(owner, 'milestones', required(owner, 'milestones', checked.milestones));
  const factor = positiveNumber(owner, 'factor', required(owner, 'factor', checked.factor));
  const lastMilestone = milestones[milestones.length - 1] ?? 0;
  let epochs: number | undefined;
  if (checked.epochs !== undefined) {
    epochs = positiveInteger(owner, 'epochs', checked.epochs);
    if (epochs <= lastMilestone) {
      fail(owner, 'epochs', `greater than the last milestone (${lastMilestone})`, epochs, 'range');
    }
  }
  const learningRate = checked.learningRate === undefined ? undefined : positiveNumber(owner, 'learningRate', checked.learningRate);

  const starts = [0, ...milestones];
  const phases: BatchSizePhaseOptions[] = starts.map((start, index) => {
    const batchSize = Math.round(initialBatchSize * factor ** index);
    if (batchSize < 1) {
      fail(
        owner,
        'factor',
        `large enough to keep every batch size >= 1 (phase ${index} would have ${initialBatchSize} * ${factor}^${index} = ${initialBatchSize * factor ** index})`,
        factor,
        'range',
      );
    }
    const end = starts[index + 1] ?? epochs;
    return {
      ...(end === undefined ? {} : { epochs: end - start }),
      batchSize,
      ...(index === 0 && learningRate !== undefined ? { learningRate } : {}),
    };
  });
  return batchSizeSchedule({ phases, baselineBatchSize: initialBatchSize });
}
