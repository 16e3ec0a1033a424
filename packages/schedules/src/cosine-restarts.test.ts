import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { cosineRestarts } from './cosine-restarts.js';

const half = (progress: number): number => 0.5 * (1 + Math.cos(Math.PI * progress));

describe('cosineRestarts', () => {
  it('restarts every periodSteps steps with the default multipliers', () => {
    const s = cosineRestarts({ initialValue: 2, periodSteps: 10 });
    expect(s(0)).toBe(2);
    expect(s(5)).toBeCloseTo(1, 12);
    expect(s(9.5)).toBeCloseTo(2 * half(0.95), 12);
    expect(s(10)).toBe(2);
    expect(s(27.5)).toBeCloseTo(2 * half(0.75), 12);
  });

  it('lengthens each period by periodMultiplier and restarts exactly at the cycle starts', () => {
    const s = cosineRestarts({ initialValue: 1, periodSteps: 10, periodMultiplier: 2 });
    expect(s(10)).toBe(1);
    expect(s(12.5)).toBeCloseTo(half(0.125), 12);
    expect(s(20)).toBeCloseTo(0.5, 12);
    expect(s(30)).toBe(1);
    expect(s(50)).toBeCloseTo(0.5, 12);
    expect(s(70)).toBe(1);
  });

  it('finds the restart points exactly for a non-integer period multiplier', () => {
    const s = cosineRestarts({ initialValue: 1, periodSteps: 1, periodMultiplier: 3 });
    for (const start of [1, 4, 13, 40, 121, 364]) expect(s(start)).toBe(1);
    expect(s(363.999999)).toBeCloseTo(half(1 - 0.000001 / 243), 12);
  });

  it('scales each cycle height above finalValue by peakMultiplier (Keras m_mul)', () => {
    const s = cosineRestarts({ initialValue: 1, periodSteps: 10, peakMultiplier: 0.5, finalValue: 0.1 });
    expect(s(5)).toBeCloseTo(0.9 * 0.5 + 0.1, 12);
    expect(s(10)).toBeCloseTo(0.9 * 0.5 + 0.1, 12);
    expect(s(20)).toBeCloseTo(0.9 * 0.25 + 0.1, 12);
    expect(s(25)).toBeCloseTo(0.9 * 0.25 * 0.5 + 0.1, 12);
  });

  it('holds the floor after cycleLimit cycles', () => {
    const s = cosineRestarts({ initialValue: 1, periodSteps: 10, periodMultiplier: 2, finalValue: 0.1, cycleLimit: 2 });
    expect(s(29.5)).toBeCloseTo(0.9 * half(19.5 / 20) + 0.1, 12);
    expect(s(30)).toBeCloseTo(0.1, 15);
    expect(s(1000)).toBeCloseTo(0.1, 15);
  });

  it('follows the closed form far past the first thousand cycles', () => {
    const s = cosineRestarts({ initialValue: 1, periodSteps: 1, peakMultiplier: 0.999 });
    expect(s(2000.25)).toBeCloseTo(0.999 ** 2000 * half(0.25), 12);
    const g = cosineRestarts({ initialValue: 1, periodSteps: 1, periodMultiplier: 1.001 });
    const cycle = Math.floor(Math.log(1 + 5000 * 0.001) / Math.log(1.001));
    const start = (1.001 ** cycle - 1) / 0.001;
    expect(cycle).toBeGreaterThan(1024);
    expect(g(5000)).toBeCloseTo(half((5000 - start) / 1.001 ** cycle), 9);
  });

  it('gives the same value whatever was evaluated before', () => {
    const s = cosineRestarts({ initialValue: 1, periodSteps: 3, periodMultiplier: 1.5 });
    const fresh = cosineRestarts({ initialValue: 1, periodSteps: 3, periodMultiplier: 1.5 });
    s(1000);
    expect(s(4.5)).toBe(fresh(4.5));
    s(0);
    expect(s(800)).toBe(fresh(800));
  });

  it('fills defaults into its config and round-trips it', () => {
    const s = cosineRestarts({ initialValue: 0.1, periodSteps: 7 });
    expect(toConfig(s)).toEqual({
      type: 'cosine-restarts',
      initialValue: 0.1,
      periodSteps: 7,
      periodMultiplier: 1,
      peakMultiplier: 1,
      finalValue: 0,
      cycleLimit: 0,
    });
    expect(fromConfig(toConfig(s))(15.5)).toBe(s(15.5));
  });

  describe('rejects invalid options', () => {
    it('a zero periodSteps', () => {
      expect(() => cosineRestarts({ initialValue: 1, periodSteps: 0 })).toThrow(
        new RangeError('cosineRestarts: `periodSteps` must be a positive finite number; received 0'),
      );
    });
    it('a periodMultiplier below 1', () => {
      expect(() => cosineRestarts({ initialValue: 1, periodSteps: 5, periodMultiplier: 0.5 })).toThrow(
        new RangeError('cosineRestarts: `periodMultiplier` must be a finite number >= 1; received 0.5'),
      );
    });
    it('an infinite periodMultiplier', () => {
      expect(() => cosineRestarts({ initialValue: 1, periodSteps: 5, periodMultiplier: Infinity })).toThrow(
        new RangeError('cosineRestarts: `periodMultiplier` must be a finite number; received Infinity'),
      );
    });
    it('a negative peakMultiplier', () => {
      expect(() => cosineRestarts({ initialValue: 1, periodSteps: 5, peakMultiplier: -1 })).toThrow(
        new RangeError('cosineRestarts: `peakMultiplier` must be a positive finite number; received -1'),
      );
    });
    it('a NaN finalValue', () => {
      expect(() => cosineRestarts({ initialValue: 1, periodSteps: 5, finalValue: Number.NaN })).toThrow(
        new RangeError('cosineRestarts: `finalValue` must be a finite number; received NaN'),
      );
    });
    it('a non-integer cycleLimit', () => {
      expect(() => cosineRestarts({ initialValue: 1, periodSteps: 5, cycleLimit: 1.5 })).toThrow(
        new RangeError('cosineRestarts: `cycleLimit` must be an integer >= 0; received 1.5'),
      );
    });
    it('a missing initialValue', () => {
      expect(() => cosineRestarts({ periodSteps: 5 } as never)).toThrow(new TypeError('cosineRestarts: `initialValue` is required; received undefined'));
    });
    it('an unknown key', () => {
      expect(() => cosineRestarts({ initialValue: 1, periodSteps: 5, tMul: 2 } as never)).toThrow(/cosineRestarts: unknown option `tMul`/);
    });
  });
});

describe('cosineRestarts before 1.0', () => {
  it('refuses the old option `firstPeriod`, naming `periodSteps`', () => {
    expect(() => cosineRestarts({ initialValue: 1, firstPeriod: 10 } as never)).toThrow(
      new TypeError('cosineRestarts: option `firstPeriod` was renamed `periodSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `alpha`, naming `finalValue`', () => {
    expect(() => fromConfig({ type: 'cosine-restarts', initialValue: 1, periodSteps: 10, alpha: 0.1 })).toThrow(
      new TypeError('cosineRestarts: option `alpha` was renamed `finalValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
