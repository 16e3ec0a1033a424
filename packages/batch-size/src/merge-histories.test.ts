import { describe, expect, it } from 'vitest';
import type { BatchScheduleRunEpoch } from './batch-schedule-run.js';
import { epochMetrics, epochRecords, mergeHistories, withEarlierEpochs } from './merge-histories.js';
import type { RecordedEpoch } from './phase-recorder.js';

const phase0 = { epoch: [0, 1], history: { loss: [1, 0.8] } };
const phase1 = { epoch: [2, 3], history: { loss: [0.6, 0.5], val_loss: [0.7, 0.65] } };

describe('mergeHistories', () => {
  it('concatenates the phases in order and pads a key that first appears later with NaN', () => {
    expect(mergeHistories([phase0, phase1])).toEqual({
      epoch: [0, 1, 2, 3],
      history: { loss: [1, 0.8, 0.6, 0.5], val_loss: [Number.NaN, Number.NaN, 0.7, 0.65] },
    });
  });

  it('turns a value that is not a number into NaN and merges nothing into empty lists', () => {
    expect(mergeHistories([{ epoch: [0], history: { loss: ['x' as never] } }])).toEqual({ epoch: [0], history: { loss: [Number.NaN] } });
    expect(mergeHistories([])).toEqual({ epoch: [], history: {} });
  });
});

describe('epochMetrics', () => {
  it("reads each epoch's metrics from its own phase, with that phase's keys", () => {
    const metrics = epochMetrics([phase0, phase1]);
    expect([...metrics.entries()]).toEqual([
      [0, { loss: 1 }],
      [1, { loss: 0.8 }],
      [2, { loss: 0.6, val_loss: 0.7 }],
      [3, { loss: 0.5, val_loss: 0.65 }],
    ]);
  });
});

const row = (epoch: number, phase: number, batchSize: number, updates: number): RecordedEpoch => ({
  epoch,
  phase,
  batchSize,
  learningRate: 0.1,
  updates,
  samples: 50,
});
const earlier: BatchScheduleRunEpoch[] = [
  { ...row(0, 0, 8, 7), metrics: { loss: 1.2, acc: 0.5 } },
  { ...row(1, 0, 8, 7), metrics: { loss: 1.1, acc: 0.6 } },
];

describe('withEarlierEpochs', () => {
  it("puts the run's earlier epochs first, every key of either part with a row per epoch", () => {
    expect(withEarlierEpochs(mergeHistories([phase1]), earlier)).toEqual({
      epoch: [0, 1, 2, 3],
      history: {
        loss: [1.2, 1.1, 0.6, 0.5],
        val_loss: [Number.NaN, Number.NaN, 0.7, 0.65],
        acc: [0.5, 0.6, Number.NaN, Number.NaN],
      },
    });
  });

  it('returns the merged history itself when nothing came before', () => {
    const merged = mergeHistories([phase0]);
    expect(withEarlierEpochs(merged, [])).toBe(merged);
  });
});

describe('epochRecords', () => {
  it('counts updates from the start of the run, earlier epochs first, with each epoch its metrics', () => {
    const records = epochRecords(earlier, [row(2, 1, 20, 3), row(3, 1, 20, 3)], epochMetrics([phase1]));
    expect(records.map((record) => [record.epoch, record.phase, record.batchSize, record.updates, record.totalUpdates])).toEqual([
      [0, 0, 8, 7, 7],
      [1, 0, 8, 7, 14],
      [2, 1, 20, 3, 17],
      [3, 1, 20, 3, 20],
    ]);
    expect(records.map((record) => record.metrics)).toEqual([
      { loss: 1.2, acc: 0.5 },
      { loss: 1.1, acc: 0.6 },
      { loss: 0.6, val_loss: 0.7 },
      { loss: 0.5, val_loss: 0.65 },
    ]);
  });

  it('gives an epoch without a History row empty metrics', () => {
    expect(epochRecords([], [row(0, 0, 8, 7)], new Map())[0]?.metrics).toEqual({});
  });
});
