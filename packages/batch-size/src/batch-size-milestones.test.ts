import { describe, expect, it } from 'vitest';
import { batchSizeMilestones } from './batch-size-milestones.js';

describe('batchSizeMilestones', () => {
  it('multiplies the batch size by the growth factor at each boundary', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 128, boundaries: [60, 120, 160], growthFactor: 5, totalEpochs: 200 });
    expect([0, 59, 60, 119, 120, 160, 199].map((epoch) => schedule(epoch))).toEqual([128, 128, 640, 640, 3200, 16000, 16000]);
    expect(schedule.totalEpochs).toBe(200);
    expect(schedule.config.phases.map((phase) => phase.epochs)).toEqual([60, 60, 40, 40]);
  });

  it('rounds fractional growth to the nearest integer', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 10, boundaries: [1, 2], growthFactor: 1.5 });
    expect(schedule.phases.map((phase) => phase.batchSize)).toEqual([10, 15, 23]);
  });

  it('leaves the last phase open without totalEpochs', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 8, boundaries: [3], growthFactor: 2 });
    expect(schedule.phases[1]?.endEpoch).toBe(Infinity);
    expect(schedule.totalEpochs).toBeUndefined();
  });

  it('writes the learning rate in the first phase only', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 8, boundaries: [3], growthFactor: 2, learningRate: 0.05 });
    expect(schedule.phases.map((phase) => phase.learningRate)).toEqual([0.05, undefined]);
  });

  it('rejects non-increasing boundaries', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 8, boundaries: [30, 30], growthFactor: 2 })).toThrow(
      'batchSizeMilestones: `boundaries` must be strictly increasing (boundaries[1] = 30 follows 30); received [30,30]',
    );
  });

  it('rejects a growth factor <= 0', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 8, boundaries: [3], growthFactor: 0 })).toThrow(
      'batchSizeMilestones: `growthFactor` must be a positive finite number; received 0',
    );
    expect(() => batchSizeMilestones({ initialBatchSize: 8, boundaries: [3], growthFactor: -2 })).toThrow(RangeError);
  });

  it('rejects a growth factor that shrinks the batch below 1', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 2, boundaries: [3, 4], growthFactor: 0.1 })).toThrow('large enough to keep every batch size >= 1');
  });

  it('rejects a non-integer initial batch size', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 2.5, boundaries: [3], growthFactor: 2 })).toThrow(
      '`initialBatchSize` must be an integer >= 1; received 2.5',
    );
  });

  it('rejects totalEpochs not after the last boundary', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 2, boundaries: [3], growthFactor: 2, totalEpochs: 3 })).toThrow(
      '`totalEpochs` must be greater than the last boundary (3); received 3',
    );
  });

  it.each([
    ['milestones', 'boundaries', { initialBatchSize: 2, milestones: [3], growthFactor: 2 }],
    ['factor', 'growthFactor', { initialBatchSize: 2, boundaries: [3], factor: 2 }],
    ['epochs', 'totalEpochs', { initialBatchSize: 2, boundaries: [3], growthFactor: 2, epochs: 5 }],
  ])('refuses the option `%s` renamed before 1.0, naming `%s`', (oldName, newName, options) => {
    expect(() => batchSizeMilestones(options as never)).toThrow(
      new TypeError(`batchSizeMilestones: option \`${oldName}\` was renamed \`${newName}\` before 1.0 (same meaning unless the changelog says otherwise)`),
    );
  });
});
