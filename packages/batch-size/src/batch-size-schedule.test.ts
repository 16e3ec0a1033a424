import { describe, expect, it } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';

describe('batchSizeSchedule', () => {
  const schedule = batchSizeSchedule({
    phases: [
      { epochs: 2, batchSize: 16, learningRate: 0.1 },
      { epochs: 3, batchSize: 80 },
      { batchSize: 400, momentum: 0.95 },
    ],
  });

  it('gives the batch size of the phase in effect, switching at the phase start', () => {
    expect([0, 1, 1.5, 2, 4.99, 5, 100].map((epoch) => schedule(epoch))).toEqual([16, 16, 16, 80, 80, 400, 400]);
  });

  it('resolves start and end epochs of each phase', () => {
    expect(schedule.phases).toEqual([
      { index: 0, startEpoch: 0, endEpoch: 2, batchSize: 16, learningRate: 0.1 },
      { index: 1, startEpoch: 2, endEpoch: 5, batchSize: 80 },
      { index: 2, startEpoch: 5, endEpoch: Infinity, batchSize: 400, momentum: 0.95 },
    ]);
  });

  it('has no total epochs when the last phase is open', () => {
    expect(schedule.totalEpochs).toBeUndefined();
  });

  it('sums the phase lengths into totalEpochs when every phase has epochs', () => {
    const closed = batchSizeSchedule({
      phases: [
        { epochs: 2, batchSize: 4 },
        { epochs: 7, batchSize: 8 },
      ],
    });
    expect(closed.totalEpochs).toBe(9);
  });

  it('uses the first batch size as baseline by default', () => {
    expect(schedule.baselineBatchSize).toBe(16);
  });

  it('round-trips through its config', () => {
    const rebuilt = batchSizeSchedule(schedule.config);
    expect(rebuilt.phases).toEqual(schedule.phases);
    expect(rebuilt.config).toEqual(schedule.config);
    expect(JSON.parse(JSON.stringify(schedule.config))).toEqual(schedule.config);
  });

  it('freezes its config', () => {
    expect(Object.isFrozen(schedule.config)).toBe(true);
    expect(Object.isFrozen(schedule.config.phases[0])).toBe(true);
  });

  it('rejects a batch size below 1', () => {
    expect(() => batchSizeSchedule({ phases: [{ epochs: 1, batchSize: 0 }] })).toThrow(
      'batchSizeSchedule: `phases[0].batchSize` must be an integer >= 1; received 0',
    );
  });

  it('rejects a non-integer batch size', () => {
    expect(() => batchSizeSchedule({ phases: [{ epochs: 1, batchSize: 8 }, { batchSize: 12.5 }] })).toThrow(
      'batchSizeSchedule: `phases[1].batchSize` must be an integer >= 1; received 12.5',
    );
  });

  it('rejects a missing epochs before the last phase', () => {
    expect(() => batchSizeSchedule({ phases: [{ batchSize: 8 }, { batchSize: 16 }] })).toThrow('batchSizeSchedule: `phases[0].epochs` is required');
  });

  it('rejects a non-integer phase length', () => {
    expect(() => batchSizeSchedule({ phases: [{ epochs: 1.5, batchSize: 8 }] })).toThrow(RangeError);
  });

  it('rejects an empty phase list', () => {
    expect(() => batchSizeSchedule({ phases: [] })).toThrow('`phases` must be a non-empty array of phases');
  });

  it('rejects an unknown phase key and suggests the closest', () => {
    expect(() => batchSizeSchedule({ phases: [{ epochs: 1, batchsize: 8 } as never] })).toThrow('did you mean `batchSize`?');
  });

  it('rejects a learning rate <= 0', () => {
    expect(() => batchSizeSchedule({ phases: [{ batchSize: 8, learningRate: 0 }] })).toThrow(
      '`phases[0].learningRate` must be a positive finite number; received 0',
    );
  });

  it('rejects a negative epoch lookup', () => {
    expect(() => schedule(-1)).toThrow('`epoch` must be a finite number >= 0; received -1');
  });
});
