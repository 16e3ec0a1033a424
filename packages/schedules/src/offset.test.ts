import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { cosine } from './cosine.js';
import { offset } from './offset.js';

describe('offset', () => {
  const inner = cosine({ initialValue: 1, decaySteps: 100 });
  const s = offset({ schedule: inner, delaySteps: 50 });

  it('holds schedule(0) before the offset', () => {
    expect(s(0)).toBe(1);
    expect(s(49.5)).toBe(1);
    expect(s(50)).toBe(1);
  });

  it('shifts the schedule by delaySteps after the offset', () => {
    expect(s(100)).toBeCloseTo(0.5, 12);
    expect(s(60.25)).toBe(inner(10.25));
    expect(s(500)).toBe(0);
  });

  it('nests the schedule config and round-trips it', () => {
    expect(toConfig(s)).toEqual({
      type: 'offset',
      schedule: { type: 'cosine', initialValue: 1, decaySteps: 100, finalValue: 0, exponent: 1 },
      delaySteps: 50,
    });
    expect(fromConfig(toConfig(s))(77)).toBe(s(77));
  });

  describe('rejects invalid options', () => {
    it('negative delaySteps', () => {
      expect(() => offset({ schedule: inner, delaySteps: -2 })).toThrow(new RangeError('offset: `delaySteps` must be a finite number >= 0; received -2'));
    });
    it('NaN delaySteps', () => {
      expect(() => offset({ schedule: inner, delaySteps: Number.NaN })).toThrow(
        new RangeError('offset: `delaySteps` must be a finite number >= 0; received NaN'),
      );
    });
    it('a missing delaySteps', () => {
      expect(() => offset({ schedule: inner } as never)).toThrow(new TypeError('offset: `delaySteps` is required; received undefined'));
    });
    it('a non-schedule', () => {
      expect(() => offset({ schedule: {} as never, delaySteps: 1 })).toThrow(new TypeError('offset: `schedule` must be an lrkit schedule; received {}'));
    });
    it('an unknown key', () => {
      expect(() => offset({ schedule: inner, delaySteps: 1, delay: 1 } as never)).toThrow(/offset: unknown option `delay`/);
    });
  });
});

describe('offset before 1.0', () => {
  it('refuses the old option `steps`, naming `delaySteps`', () => {
    expect(() => offset({ schedule: cosine({ initialValue: 1, decaySteps: 10 }), steps: 5 } as never)).toThrow(
      new TypeError('offset: option `steps` was renamed `delaySteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `steps`, naming `delaySteps`', () => {
    expect(() => fromConfig({ type: 'offset', schedule: { type: 'constant', value: 1 }, steps: 5 })).toThrow(
      new TypeError('offset: option `steps` was renamed `delaySteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
