import { BatchSizeMemoryError, isAllocationError } from './memory-guard.js';
import type { PlannedPhase } from './phase-plan.js';

/** What the memory preflight of {@link fitWithBatchSchedule} checks the phases against. */
export interface MemoryLimits {
  /** Training samples per epoch, when known (a batch may not hold more). */
  readonly samples: number | undefined;
  /** Estimated bytes one sample costs in a training step. */
  readonly bytesPerSample: number;
  /** Bytes a training step may use (`Infinity`: no limit). */
  readonly memoryBudget: number;
  /** The active backend's name, for the messages. */
  readonly backend: string;
}

const owner = 'fitWithBatchSchedule';

/**
 * The memory preflight of {@link fitWithBatchSchedule}: before any training, refuses a
 * phase whose batch is larger than the training set (`RangeError`) or whose estimated need,
 * `bytesPerSample × batchSize`, is above the budget ({@link BatchSizeMemoryError}), naming
 * the phase.
 *
 * @param plan - the phases that will run.
 * @param limits - the training-set size, the estimate and the budget.
 * @example
 * ```ts
 * preflightMemory(planPhases(schedule, 0, 10), { samples: 50, bytesPerSample: 1000, memoryBudget: 30_000, backend: 'cpu' });
 * // BatchSizeMemoryError: fitWithBatchSchedule: phase 2 (batchSize 50) needs about 48.8 KiB per training step …
 * ```
 */
export function preflightMemory(plan: readonly PlannedPhase[], limits: MemoryLimits): void {
  for (const { phase } of plan) {
    if (limits.samples !== undefined && phase.batchSize > limits.samples) {
      throw new RangeError(
        `${owner}: phase ${phase.index} (epochs ${phase.startEpoch}–${phase.endEpoch - 1}) has batchSize ${phase.batchSize}, more than the ${limits.samples} training samples`,
      );
    }
    const estimated = limits.bytesPerSample * phase.batchSize;
    if (estimated > limits.memoryBudget) {
      throw new BatchSizeMemoryError(
        `${owner}: phase ${phase.index} (batchSize ${phase.batchSize}) needs about ${formatBytes(estimated)} per training step ` +
          `(${formatBytes(limits.bytesPerSample)} per sample), more than the memory budget of ${formatBytes(limits.memoryBudget)} ` +
          `for the '${limits.backend}' backend. Lower the phase's batch size (or maxBatchSize), or raise \`memoryBudget\`.`,
        phase.index,
        phase.batchSize,
        estimated,
        limits.memoryBudget,
      );
    }
  }
}

/**
 * What a phase's failure becomes: a backend allocation failure is a
 * {@link BatchSizeMemoryError} naming the phase (the backend's error as `cause`); any other
 * error is returned as it is.
 *
 * @param error - what the phase's `fitDataset` threw.
 * @param planned - the phase that failed.
 * @param limits - the estimate and the budget.
 * @returns the error to throw.
 * @example
 * ```ts
 * throw phaseFailure(new RangeError('Array buffer allocation failed'), planned, limits); // a BatchSizeMemoryError
 * ```
 */
export function phaseFailure(error: unknown, planned: PlannedPhase, limits: MemoryLimits): unknown {
  if (!isAllocationError(error)) return error;
  const { phase, start, end } = planned;
  const estimated = limits.bytesPerSample * phase.batchSize;
  return new BatchSizeMemoryError(
    `${owner}: phase ${phase.index} (epochs ${start}–${end - 1}, batchSize ${phase.batchSize}) ran out of memory on the ` +
      `'${limits.backend}' backend (estimated ${formatBytes(estimated)} per training step): ${errorMessage(error)}. ` +
      "Lower the phase's batch size (or maxBatchSize) or use a backend with more memory.",
    phase.index,
    phase.batchSize,
    estimated,
    limits.memoryBudget,
    { cause: error },
  );
}

/**
 * Bytes in binary units with one decimal below 100 (`48.8 KiB`, `512 B`, `2.0 GiB`).
 *
 * @example
 * ```ts
 * formatBytes(50_000); // '48.8 KiB'
 * ```
 */
export function formatBytes(bytes: number): string {
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
