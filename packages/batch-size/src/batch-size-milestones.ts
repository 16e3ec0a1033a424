import { type BatchSizePhaseOptions, type BatchSizeSchedule, batchSizeSchedule } from './batch-size-schedule.js';
import { fail, increasingEpochs, knownKeys, optionKeys, positiveInteger, positiveNumber, required } from './validation.js';

/** Options of {@link batchSizeMilestones}. */
export interface BatchSizeMilestonesOptions {
  /** The batch size before the first boundary (an integer >= 1). */
  readonly initialBatchSize: number;
  /** The epochs at which the batch size grows (strictly increasing integers >= 1). */
  readonly boundaries: readonly number[];
  /** The factor the batch size is multiplied by at every boundary (> 0; 5 in Smith et al.). */
  readonly growthFactor: number;
  /** Total epochs (> the last boundary). Omit to let the last phase run until training ends. */
  readonly totalEpochs?: number;
  /** A learning rate written at the start of training and kept (optional). */
  readonly learningRate?: number;
}

const owner = 'batchSizeMilestones';

/** The option keys of {@link batchSizeMilestones}, checked against its options interface. */
const batchSizeMilestonesKeys = optionKeys<BatchSizeMilestonesOptions>({
  initialBatchSize: true,
  boundaries: true,
  growthFactor: true,
  totalEpochs: true,
  learningRate: true,
});

/** Option names of {@link batchSizeMilestones} renamed before 1.0, refused with their new name. */
const renamed = { milestones: 'boundaries', factor: 'growthFactor', epochs: 'totalEpochs' };

/**
 * A batch-size schedule that multiplies the batch size by `growthFactor` at each boundary
 * epoch (the batch-size twin of a multi-step LR decay):
 *
 * `B(epoch) = round(initialBatchSize · growthFactor ^ (number of boundaries <= epoch))`
 *
 * Boundaries switch AT the boundary epoch, as the native multi-step schedule does.
 * Errors at construction: non-increasing or non-integer boundaries, `growthFactor <= 0`, an
 * initial batch size < 1 or not an integer, a rounded batch size below 1, `totalEpochs` not
 * after the last boundary.
 *
 * @param options - see {@link BatchSizeMilestonesOptions}.
 * @returns a {@link BatchSizeSchedule} with `boundaries.length + 1` phases.
 * @example
 * ```ts
 * const schedule = batchSizeMilestones({ initialBatchSize: 128, boundaries: [60, 120, 160], growthFactor: 5, totalEpochs: 200 });
 * schedule(0);   // 128
 * schedule(60);  // 640
 * schedule(120); // 3200
 * schedule(199); // 16000
 * ```
 */
export function batchSizeMilestones(options: BatchSizeMilestonesOptions): BatchSizeSchedule {
  const checked = knownKeys(owner, options, batchSizeMilestonesKeys, { allowNull: false, renamed });
  const initialBatchSize = positiveInteger(owner, 'initialBatchSize', required(owner, 'initialBatchSize', checked.initialBatchSize));
  const boundaries = increasingEpochs(owner, 'boundaries', required(owner, 'boundaries', checked.boundaries));
  const growthFactor = positiveNumber(owner, 'growthFactor', required(owner, 'growthFactor', checked.growthFactor));
  const lastBoundary = boundaries[boundaries.length - 1] ?? 0;
  let totalEpochs: number | undefined;
  if (checked.totalEpochs !== undefined) {
    totalEpochs = positiveInteger(owner, 'totalEpochs', checked.totalEpochs);
    if (totalEpochs <= lastBoundary) {
      fail(owner, 'totalEpochs', `greater than the last boundary (${lastBoundary})`, totalEpochs, 'range');
    }
  }
  const learningRate = checked.learningRate === undefined ? undefined : positiveNumber(owner, 'learningRate', checked.learningRate);

  const starts = [0, ...boundaries];
  const phases: BatchSizePhaseOptions[] = starts.map((start, index) => {
    const batchSize = Math.round(initialBatchSize * growthFactor ** index);
    if (batchSize < 1) {
      fail(
        owner,
        'growthFactor',
        `large enough to keep every batch size >= 1 (phase ${index} would have ${initialBatchSize} * ${growthFactor}^${index} = ${initialBatchSize * growthFactor ** index})`,
        growthFactor,
        'range',
      );
    }
    const end = starts[index + 1] ?? totalEpochs;
    return {
      ...(end === undefined ? {} : { epochs: end - start }),
      batchSize,
      ...(index === 0 && learningRate !== undefined ? { learningRate } : {}),
    };
  });
  return batchSizeSchedule({ phases, baselineBatchSize: initialBatchSize });
}
