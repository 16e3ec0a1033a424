import { describe, expect, it } from 'vitest';
import { batchSizeMilestones } from './batch-size-milestones.js';

describe('batchSizeMilestones', () => {
  it('multiplies the batch size by the factor at each milestone', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 128, milestones: [60, 120, 160], factor: 5, epochs: 200 });
    expect([0, 59, 60, 119, 120, 160, 199].map((epoch) => schedule(epoch))).toEqual([128, 128, 640, 640, 3200, 16000, 16000]);
    expect(schedule.totalEpochs).toBe(200);
    expect(schedule.config.phases.map((phase) => phase.epochs)).toEqual([60, 60, 40, 40]);
  });

  it('rounds fractional growth to the nearest integer', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 10, milestones: [1, 2], factor: 1.5 });
    expect(schedule.phases.map((phase) => phase.batchSize)).toEqual([10, 15, 23]);
  });

  it('leaves the last phase open without epochs', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 8, milestones: [3], factor: 2 });
    expect(schedule.phases[1]?.endEpoch).toBe(Infinity);
    expect(schedule.totalEpochs).toBeUndefined();
  });

  it('writes the learning rate in the first phase only', () => {
    const schedule = batchSizeMilestones({ initialBatchSize: 8, milestones: [3], factor: 2, learningRate: 0.05 });
    expect(schedule.phases.map((phase) => phase.learningRate)).toEqual([0.05, undefined]);
  });

  it('rejects non-increasing milestones', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 8, milestones: [30, 30], factor: 2 })).toThrow(
      'batchSizeMilestones: `milestones` must be strictly increasing (milestones[1] = 30 follows 30); received [30,30]',
    );
  });

  it('rejects a factor <= 0', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 8, milestones: [3], factor: 0 })).toThrow(
      'batchSizeMilestones: `factor` must be a positive finite number; received 0',
    );
    expect(() => batchSizeMilestones({ initialBatchSize: 8, milestones: [3], factor: -2 })).toThrow(RangeError);
  });

  it('rejects a factor that shrinks the batch below 1', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 2, milestones: [3, 4], factor: 0.1 })).toThrow('large enough to keep every batch size >= 1');
  });

  it('rejects a non-integer initial batch size', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 2.5, milestones: [3], factor: 2 })).toThrow(
      '`initialBatchSize` must be an integer >= 1; received 2.5',
    );
  });

  it('rejects epochs not after the last milestone', () => {
    expect(() => batchSizeMilestones({ initialBatchSize: 2, milestones: [3], factor: 2, epochs: 3 })).toThrow(
      '`epochs` must be greater than the last milestone (3); received 3',
    );
  });
});
