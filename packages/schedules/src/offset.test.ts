import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { cosine } from './cosine.js';
import { offset } from './offset.js';

describe('offset', () => {
  const inner = cosine({ initialValue: 1, decaySteps: 100 });
  const s = offset({ schedule: inner, steps: 50 });

  it('holds schedule(0) before the offset', () => {
    expect(s(0)).toBe(1);
    expect(s(49.5)).toBe(1);
    expect(s(50)).toBe(1);
  });

  it('shifts the schedule by steps after the offset', () => {
    expect(s(100)).toBeCloseTo(0.5, 12);
    expect(s(60.25)).toBe(inner(10.25));
    expect(s(500)).toBe(0);
  });

  it('nests the schedule config and round-trips it', () => {
    expect(toConfig(s)).toEqual({
      type: 'offset',
      schedule: { type: 'cosine', initialValue: 1, decaySteps: 100, alpha: 0, exponent: 1 },
      steps: 50,
    });
    expect(fromConfig(toConfig(s))(77)).toBe(s(77));
  });

  describe('rejects invalid options', () => {
    it('negative steps', () => {
      expect(() => offset({ schedule: inner, steps: -2 })).toThrow(new RangeError('offset: `steps` must be a finite number >= 0; received -2'));
    });
    it('NaN steps', () => {
      expect(() => offset({ schedule: inner, steps: Number.NaN })).toThrow(new RangeError('offset: `steps` must be a finite number >= 0; received NaN'));
    });
    it('a missing steps', () => {
      expect(() => offset({ schedule: inner } as never)).toThrow(new TypeError('offset: `steps` is required; received undefined'));
    });
    it('a non-schedule', () => {
      expect(() => offset({ schedule: {} as never, steps: 1 })).toThrow(new TypeError('offset: `schedule` must be an lrkit schedule; received {}'));
    });
    it('an unknown key', () => {
      expect(() => offset({ schedule: inner, steps: 1, delay: 1 } as never)).toThrow(/offset: unknown option `delay`/);
    });
  });
});
