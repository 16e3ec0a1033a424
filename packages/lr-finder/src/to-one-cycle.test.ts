import { oneCycle, toConfig } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { toOneCycle } from './to-one-cycle.js';

describe('toOneCycle', () => {
  it('peaks at the suggested learning rate', () => {
    const schedule = toOneCycle({ learningRate: 0.02 }, { totalSteps: 100 });
    expect(schedule(30)).toBeCloseTo(0.02, 12);
    expect(schedule(0)).toBeCloseTo(0.02 / 25, 12);
    expect(toConfig(schedule)).toEqual(toConfig(oneCycle({ peakValue: 0.02, totalSteps: 100 })));
  });

  it('scales the peak by factor and passes the other options through', () => {
    const schedule = toOneCycle(0.1, { totalSteps: 50, factor: 0.5, warmupFraction: 0.2, cycleMomentum: false });
    expect(schedule.config).toMatchObject({ peakValue: 0.05, totalSteps: 50, warmupFraction: 0.2, cycleMomentum: false });
    expect(schedule(10)).toBeCloseTo(0.05, 12);
  });

  it('rejects a non-positive learning rate', () => {
    expect(() => toOneCycle({ learningRate: 0 }, { totalSteps: 10 })).toThrow(
      new RangeError('toOneCycle: `suggestion.learningRate` must be a positive finite number; received 0'),
    );
  });

  it('rejects an unknown option', () => {
    expect(() => toOneCycle(0.1, { totalSteps: 10, peakValue: 1 } as never)).toThrow(/toOneCycle: unknown option `peakValue`/);
  });

  it('refuses the old momentum option name, naming the new one', () => {
    expect(() => toOneCycle(0.1, { totalSteps: 10, baseMomentum: 0.8 } as never)).toThrow(
      new TypeError('toOneCycle: option `baseMomentum` was renamed `minMomentum` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('accepts every oneCycle option but peakValue, and factor', () => {
    const schedule = toOneCycle(0.1, {
      totalSteps: 40,
      warmupFraction: 0.25,
      annealing: 'linear',
      initialDivisor: 10,
      finalDivisor: 100,
      threePhase: true,
      minMomentum: 0.8,
      maxMomentum: 0.9,
      cycleMomentum: true,
      factor: 2,
    });
    expect(schedule(10)).toBeCloseTo(0.2, 12);
    expect(schedule(20)).toBeCloseTo(0.02, 12);
    expect(schedule(40)).toBeCloseTo(0.0002, 12);
    expect(schedule.momentum?.(10)).toBeCloseTo(0.8, 12);
  });
});
