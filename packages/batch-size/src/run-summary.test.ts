import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { epochRecords } from './merge-histories.js';
import { planPhases } from './phase-plan.js';
import type { RecordedEpoch } from './phase-recorder.js';
import { summarizePhase, summarizeRun, trainedBatchSize } from './run-summary.js';
import type { PhaseOutcome } from './train-phases.js';

const schedule = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 8, learningRate: 0.05 },
    { epochs: 2, batchSize: 20 },
    { epochs: 1, batchSize: 50 },
  ],
});
const plan = planPhases(schedule, 0, 5);
const row = (epoch: number, phase: number, batchSize: number, updates: number, samples = 50): RecordedEpoch => ({
  epoch,
  phase,
  batchSize,
  learningRate: 0.05,
  updates,
  samples,
});
const history = {} as tf.History;
// 50 samples per epoch: 7 updates at batch 8, 3 at batch 20, 1 at batch 50.
const outcomes: PhaseOutcome[] = [
  { planned: plan[0]!, history, recorded: [row(0, 0, 8, 7), row(1, 0, 8, 7)], durationMs: 30 },
  { planned: plan[1]!, history, recorded: [row(2, 1, 20, 3), row(3, 1, 20, 3)], durationMs: 20 },
  { planned: plan[2]!, history, recorded: [row(4, 2, 50, 1)], durationMs: 10 },
];

describe('trainedBatchSize', () => {
  it('is the largest batch of the rows, 0 without rows', () => {
    expect(trainedBatchSize([row(0, 0, 3, 1, 3), row(1, 0, 3, 1, 3)])).toBe(3);
    expect(trainedBatchSize([row(0, 0, 8, 7), row(1, 0, 5, 1)])).toBe(8);
    expect(trainedBatchSize([])).toBe(0);
  });
});

describe('summarizePhase', () => {
  it('counts the epochs and updates a phase ran and keeps its learning rate', () => {
    expect(summarizePhase(outcomes[0]!)).toEqual({
      index: 0,
      batchSize: 8,
      startEpoch: 0,
      endEpoch: 2,
      epochs: 2,
      updates: 14,
      learningRate: 0.05,
      durationMs: 30,
    });
    expect(summarizePhase(outcomes[1]!)).toEqual({ index: 1, batchSize: 20, startEpoch: 2, endEpoch: 4, epochs: 2, updates: 6, durationMs: 20 });
  });

  it('reports the batch really trained on, and ends where a stopped phase stopped', () => {
    const short: PhaseOutcome = { planned: plan[1]!, history, recorded: [row(2, 1, 12, 1, 12)], durationMs: 5 };
    expect(summarizePhase(short)).toMatchObject({ batchSize: 12, startEpoch: 2, endEpoch: 3, epochs: 1, updates: 1 });
    const none: PhaseOutcome = { planned: plan[1]!, history, recorded: [], durationMs: 0 };
    expect(summarizePhase(none)).toMatchObject({ batchSize: 20, startEpoch: 2, endEpoch: 2, epochs: 0, updates: 0 });
  });
});

describe('summarizeRun', () => {
  it('sums the updates and compares them with the same epochs at the baseline batch', () => {
    const records = epochRecords(
      [],
      outcomes.flatMap((outcome) => outcome.recorded),
      new Map(),
    );
    const summary = summarizeRun({ outcomes, epochRecords: records, baselineBatchSize: 8, stoppedEarly: false, durationMs: 75 });
    expect(summary.phases.map((phase) => [phase.index, phase.updates])).toEqual([
      [0, 14],
      [1, 6],
      [2, 1],
    ]);
    expect({ ...summary, phases: undefined }).toEqual({
      phases: undefined,
      totalEpochs: 5,
      totalUpdates: 21,
      baselineBatchSize: 8,
      baselineUpdates: 35,
      updatesSaved: 14,
      updateReduction: 35 / 21,
      stoppedEarly: false,
      durationMs: 75,
    });
  });

  it('has no update reduction when nothing was trained', () => {
    const summary = summarizeRun({ outcomes: [], epochRecords: [], baselineBatchSize: 8, stoppedEarly: false, durationMs: 0 });
    expect([summary.totalEpochs, summary.totalUpdates, summary.baselineUpdates, summary.updatesSaved]).toEqual([0, 0, 0, 0]);
    expect(summary.updateReduction).toBeNaN();
  });
});
