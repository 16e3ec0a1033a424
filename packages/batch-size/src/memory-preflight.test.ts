import { describe, expect, it } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { BatchSizeMemoryError } from './memory-guard.js';
import { formatBytes, type MemoryLimits, phaseFailure, preflightMemory } from './memory-preflight.js';
import { planPhases } from './phase-plan.js';

const schedule = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 8 },
    { epochs: 2, batchSize: 20 },
    { epochs: 1, batchSize: 50 },
  ],
});
const plan = planPhases(schedule, 0, 5);
const limits: MemoryLimits = { samples: 50, bytesPerSample: 1000, memoryBudget: 30_000, backend: 'cpu' };

describe('preflightMemory', () => {
  it('refuses the first phase above the budget, naming it, its batch and the budget', () => {
    let error: unknown;
    try {
      preflightMemory(plan, limits);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BatchSizeMemoryError);
    expect((error as BatchSizeMemoryError).message).toBe(
      "fitWithBatchSchedule: phase 2 (batchSize 50) needs about 48.8 KiB per training step (1000 B per sample), more than the memory budget of 29.3 KiB for the 'cpu' backend. " +
        "Lower the phase's batch size (or maxBatchSize), or raise `memoryBudget`.",
    );
    expect([(error as BatchSizeMemoryError).phase, (error as BatchSizeMemoryError).batchSize]).toEqual([2, 50]);
    expect([(error as BatchSizeMemoryError).estimatedBytes, (error as BatchSizeMemoryError).budgetBytes]).toEqual([50_000, 30_000]);
  });

  it('passes every phase within the budget, and any phase under an infinite budget', () => {
    expect(() => preflightMemory(plan, { ...limits, memoryBudget: 50_000 })).not.toThrow();
    expect(() => preflightMemory(plan, { ...limits, bytesPerSample: 1e12, memoryBudget: Infinity })).not.toThrow();
  });

  it('refuses a batch larger than the training set before checking memory', () => {
    expect(() => preflightMemory(plan, { ...limits, samples: 40 })).toThrow(
      new RangeError('fitWithBatchSchedule: phase 2 (epochs 4–4) has batchSize 50, more than the 40 training samples'),
    );
  });

  it('checks only the planned phases', () => {
    expect(() => preflightMemory(planPhases(schedule, 0, 4), limits)).not.toThrow();
  });
});

describe('phaseFailure', () => {
  const planned = plan[1] as (typeof plan)[number];

  it('turns a backend allocation failure into a BatchSizeMemoryError naming the phase, with the cause', () => {
    const cause = new RangeError('Array buffer allocation failed');
    const error = phaseFailure(cause, planned, limits) as BatchSizeMemoryError;
    expect(error).toBeInstanceOf(BatchSizeMemoryError);
    expect(error.message).toBe(
      "fitWithBatchSchedule: phase 1 (epochs 2–3, batchSize 20) ran out of memory on the 'cpu' backend (estimated 19.5 KiB per training step): " +
        "RangeError: Array buffer allocation failed. Lower the phase's batch size (or maxBatchSize) or use a backend with more memory.",
    );
    expect([error.phase, error.batchSize, error.estimatedBytes, error.budgetBytes]).toEqual([1, 20, 20_000, 30_000]);
    expect(error.cause).toBe(cause);
  });

  it('returns any other error as it is', () => {
    const other = new TypeError('not a memory problem');
    expect(phaseFailure(other, planned, limits)).toBe(other);
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal below 100', () => {
    expect([512, 1024, 50_000, 150 * 1024, 2 * 2 ** 30, Infinity].map(formatBytes)).toEqual(['512 B', '1.0 KiB', '48.8 KiB', '150 KiB', '2.0 GiB', 'Infinity']);
  });
});
