import { oneCycle, toConfig } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { toOneCycle } from './to-one-cycle.js';

describe('toOneCycle', () => {
  it('peaks at the suggested learning rate', () => {
    const schedule = toOneCycle({ learningRate: 0.02 }, { totalSteps: 100 });
    expect(schedule(30)).toBeCloseTo(0.02, 12);
    expect(schedule(0)).toBeCloseTo(0.02 / 25, 12);
    expect(toConfig(schedule)).toEqual(toConfig(oneCycle({ maxValue: 0.02, totalSteps: 100 })));
  });

  it('scales the peak by factor and passes the other options through', () => {
    const schedule = toOneCycle(0.1, { totalSteps: 50, factor: 0.5, warmupFraction: 0.2, cycleMomentum: false });
    expect(schedule.config).toMatchObject({ maxValue: 0.05, totalSteps: 50, warmupFraction: 0.2, cycleMomentum: false });
    expect(schedule(10)).toBeCloseTo(0.05, 12);
  });

  it('rejects a non-positive learning rate', () => {
    expect(() => toOneCycle({ learningRate: 0 }, { totalSteps: 10 })).toThrow(
      new RangeError('toOneCycle: `suggestion.learningRate` must be a positive finite number; received 0'),
    );
  });

  it('rejects an unknown option', () => {
    expect(() => toOneCycle(0.1, { totalSteps: 10, maxValue: 1 } as never)).toThrow(/toOneCycle: unknown option `maxValue`/);
  });
});
