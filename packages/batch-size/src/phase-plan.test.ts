import { describe, expect, it } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { planPhases } from './phase-plan.js';

const schedule = batchSizeSchedule({
  phases: [{ epochs: 2, batchSize: 8 }, { epochs: 2, batchSize: 20 }, { batchSize: 50 }],
});

const summary = (initialEpoch: number, totalEpochs: number) =>
  planPhases(schedule, initialEpoch, totalEpochs).map(({ phase, start, end }) => [phase.index, start, end]);

describe('planPhases', () => {
  it('runs every phase from epoch 0, the open last phase until totalEpochs', () => {
    expect(summary(0, 7)).toEqual([
      [0, 0, 2],
      [1, 2, 4],
      [2, 4, 7],
    ]);
  });

  it('skips the phases that end before initialEpoch and clips the one it falls in', () => {
    expect(summary(3, 5)).toEqual([
      [1, 3, 4],
      [2, 4, 5],
    ]);
  });

  it('leaves out the phases that start at or after totalEpochs', () => {
    expect(summary(0, 2)).toEqual([[0, 0, 2]]);
    expect(summary(1, 3)).toEqual([
      [0, 1, 2],
      [1, 2, 3],
    ]);
  });
});
