import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { oneCycle } from './one-cycle.js';

const cosAnneal = (from: number, to: number, progress: number): number => to + ((from - to) / 2) * (Math.cos(Math.PI * progress) + 1);

describe('oneCycle', () => {
  it('reproduces the PyTorch OneCycleLR golden values when its phase ends are matched', () => {
    // PyTorch (total_steps 100) ends its phases at 29 and 99; the native schedule ends them
    // at warmupFraction * totalSteps and totalSteps, so 29 / 99 of 99 steps is the same curve.
    const s = oneCycle({ peakValue: 1, totalSteps: 99, warmupFraction: 29 / 99 });
    const steps = [0, 10, 29, 30, 50, 99];
    const lr = [0.04, 0.295164, 1, 0.999497, 0.793893, 4e-6];
    const momentum = [0.95, 0.92342, 0.85, 0.85005, 0.870611, 0.95];
    steps.forEach((step, index) => {
      expect(s(step)).toBeCloseTo(lr[index] as number, 6);
      expect(s.momentum?.(step)).toBeCloseTo(momentum[index] as number, 5);
    });
  });

  it('starts at peakValue / initialDivisor, peaks at warmupFraction * totalSteps and ends at the final value', () => {
    const s = oneCycle({ peakValue: 0.1, totalSteps: 1000 });
    expect(s(0)).toBeCloseTo(0.004, 15);
    expect(s(300)).toBe(0.1);
    expect(s(1000)).toBeCloseTo(4e-7, 15);
  });

  it('follows the cosine annealing inside both phases', () => {
    const s = oneCycle({ peakValue: 1, totalSteps: 100 });
    expect(s(12.5)).toBeCloseTo(cosAnneal(0.04, 1, 12.5 / 30), 12);
    expect(s(65)).toBeCloseTo(cosAnneal(1, 4e-6, 35 / 70), 12);
  });

  it('holds the final value past totalSteps', () => {
    const s = oneCycle({ peakValue: 1, totalSteps: 100, finalDivisor: 100 });
    expect(s(100)).toBeCloseTo(0.0004, 15);
    expect(s(250.5)).toBeCloseTo(0.0004, 15);
    expect(s.momentum?.(1e6)).toBeCloseTo(0.95, 15);
  });

  it('interpolates linearly with linear annealing', () => {
    const s = oneCycle({ peakValue: 1, totalSteps: 10, warmupFraction: 0.5, annealing: 'linear', initialDivisor: 10, finalDivisor: 10 });
    expect(s(2.5)).toBeCloseTo(0.55, 12);
    expect(s(7.5)).toBeCloseTo(0.505, 12);
    expect(s.momentum?.(2.5)).toBeCloseTo(0.9, 12);
  });

  it('runs three phases when threePhase is set', () => {
    const s = oneCycle({ peakValue: 1, totalSteps: 100, warmupFraction: 0.25, threePhase: true, annealing: 'linear' });
    expect(s(25)).toBeCloseTo(1, 12);
    expect(s(50)).toBeCloseTo(0.04, 12);
    expect(s(37.5)).toBeCloseTo(0.52, 12);
    expect(s(75)).toBeCloseTo(0.04 + (4e-6 - 0.04) * 0.5, 12);
    expect(s(100)).toBeCloseTo(4e-6, 15);
    expect(s.momentum?.(25)).toBeCloseTo(0.85, 12);
    expect(s.momentum?.(50)).toBeCloseTo(0.95, 12);
    expect(s.momentum?.(75)).toBeCloseTo(0.95, 12);
  });

  it('omits the momentum schedule without cycleMomentum', () => {
    expect(oneCycle({ peakValue: 1, totalSteps: 10, cycleMomentum: false }).momentum).toBeUndefined();
  });

  it('fills defaults into its config and round-trips it', () => {
    const s = oneCycle({ peakValue: 0.5, totalSteps: 200 });
    expect(toConfig(s)).toEqual({
      type: 'one-cycle',
      peakValue: 0.5,
      totalSteps: 200,
      warmupFraction: 0.3,
      annealing: 'cos',
      initialDivisor: 25,
      finalDivisor: 1e4,
      threePhase: false,
      minMomentum: 0.85,
      maxMomentum: 0.95,
      cycleMomentum: true,
    });
    const loaded = fromConfig(toConfig(s));
    for (const step of [0, 33.3, 60, 199, 500]) {
      expect(loaded(step)).toBe(s(step));
      expect(loaded.momentum?.(step)).toBe(s.momentum?.(step));
    }
  });

  describe('rejects invalid options', () => {
    it('a non-integer totalSteps', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10.5 })).toThrow(new RangeError('oneCycle: `totalSteps` must be an integer >= 1; received 10.5'));
    });
    it('a zero totalSteps', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 0 })).toThrow(new RangeError('oneCycle: `totalSteps` must be an integer >= 1; received 0'));
    });
    it('a warmupFraction of 1', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, warmupFraction: 1 })).toThrow(
        new RangeError('oneCycle: `warmupFraction` must be a number in (0, 1); received 1'),
      );
    });
    it('a warmupFraction of 0.5 with three phases', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, warmupFraction: 0.5, threePhase: true })).toThrow(
        new RangeError('oneCycle: `warmupFraction` must be a number in (0, 0.5); received 0.5'),
      );
    });
    it('a NaN warmupFraction', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, warmupFraction: Number.NaN })).toThrow(
        new RangeError('oneCycle: `warmupFraction` must be a number in (0, 1); received NaN'),
      );
    });
    it('a negative initialDivisor', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, initialDivisor: -25 })).toThrow(
        new RangeError('oneCycle: `initialDivisor` must be a positive finite number; received -25'),
      );
    });
    it('an infinite finalDivisor', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, finalDivisor: Infinity })).toThrow(
        new RangeError('oneCycle: `finalDivisor` must be a positive finite number; received Infinity'),
      );
    });
    it('an unknown annealing', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, annealing: 'cosine' as never })).toThrow(
        new RangeError("oneCycle: `annealing` must be one of 'cos', 'linear'; received \"cosine\""),
      );
    });
    it('a non-boolean threePhase', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, threePhase: 1 as never })).toThrow(
        new TypeError('oneCycle: `threePhase` must be a boolean; received 1'),
      );
    });
    it('minMomentum greater than maxMomentum', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, minMomentum: 0.95, maxMomentum: 0.85 })).toThrow(
        new RangeError('oneCycle: `maxMomentum` must be >= `minMomentum` (0.95); received 0.85'),
      );
    });
    it('a missing peakValue', () => {
      expect(() => oneCycle({ totalSteps: 10 } as never)).toThrow(new TypeError('oneCycle: `peakValue` is required; received undefined'));
    });
    it('an unknown key', () => {
      expect(() => oneCycle({ peakValue: 1, totalSteps: 10, pctStart: 0.3 } as never)).toThrow(/oneCycle: unknown option `pctStart`/);
    });
  });
});

describe('oneCycle before 1.0', () => {
  it('refuses the old option `maxValue`, naming `peakValue`', () => {
    expect(() => oneCycle({ maxValue: 1, totalSteps: 100 } as never)).toThrow(
      new TypeError('oneCycle: option `maxValue` was renamed `peakValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `baseMomentum`, naming `minMomentum`', () => {
    expect(() => fromConfig({ type: 'one-cycle', peakValue: 1, totalSteps: 100, baseMomentum: 0.85 })).toThrow(
      new TypeError('oneCycle: option `baseMomentum` was renamed `minMomentum` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
