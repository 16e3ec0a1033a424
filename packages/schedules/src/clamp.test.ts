import { describe, expect, it } from 'vitest';
import { clamp } from './clamp.js';
import { fromConfig, toConfig } from './config.js';
import { cosine } from './cosine.js';

describe('clamp', () => {
  const inner = cosine({ initialValue: 1, decaySteps: 100 });

  it('raises values below minValue to minValue', () => {
    const s = clamp({ schedule: inner, minValue: 0.1 });
    expect(s(100)).toBe(0.1);
    expect(s(10)).toBe(inner(10));
  });

  it('lowers values above maxValue to maxValue', () => {
    const s = clamp({ schedule: inner, maxValue: 0.5 });
    expect(s(0)).toBe(0.5);
    expect(s(75.5)).toBe(inner(75.5));
  });

  it('applies both bounds', () => {
    const s = clamp({ schedule: inner, minValue: 0.2, maxValue: 0.8 });
    expect(s(0)).toBe(0.8);
    expect(s(50)).toBeCloseTo(0.5, 12);
    expect(s(99)).toBe(0.2);
  });

  it('keeps only the given bounds in its config and round-trips it', () => {
    const s = clamp({ schedule: inner, minValue: 0.1 });
    expect(toConfig(s)).toEqual({
      type: 'clamp',
      schedule: { type: 'cosine', initialValue: 1, decaySteps: 100, finalValue: 0, exponent: 1 },
      minValue: 0.1,
    });
    expect(fromConfig(toConfig(s))(95)).toBe(s(95));
  });

  describe('rejects invalid options', () => {
    it('minValue greater than maxValue', () => {
      expect(() => clamp({ schedule: inner, minValue: 0.5, maxValue: 0.1 })).toThrow(
        new RangeError('clamp: `maxValue` must be >= `minValue` (0.5); received 0.1'),
      );
    });
    it('a NaN minValue', () => {
      expect(() => clamp({ schedule: inner, minValue: Number.NaN })).toThrow(new RangeError('clamp: `minValue` must be a finite number; received NaN'));
    });
    it('an infinite maxValue', () => {
      expect(() => clamp({ schedule: inner, maxValue: Infinity })).toThrow(new RangeError('clamp: `maxValue` must be a finite number; received Infinity'));
    });
    it('a non-schedule', () => {
      expect(() => clamp({ schedule: 'cosine' as never, minValue: 0 })).toThrow(
        new TypeError('clamp: `schedule` must be an lrkit schedule; received "cosine"'),
      );
    });
    it('an unknown key', () => {
      expect(() => clamp({ schedule: inner, min: 0 } as never)).toThrow(/clamp: unknown option `min`/);
    });
  });
});
