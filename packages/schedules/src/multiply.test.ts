import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { multiply } from './multiply.js';

describe('multiply', () => {
  it('multiplies the parts at the same step', () => {
    const s = multiply({ schedules: [constant({ value: 0.1 }), cosine({ initialValue: 1, decaySteps: 100 })] });
    expect(s(0)).toBeCloseTo(0.1, 15);
    expect(s(50)).toBeCloseTo(0.05, 12);
    expect(s(25.5)).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos((Math.PI * 25.5) / 100)), 12);
    expect(s(200)).toBe(0);
  });

  it('is the single part when given one schedule', () => {
    const inner = cosine({ initialValue: 2, decaySteps: 10 });
    expect(multiply({ schedules: [inner] })(3)).toBe(inner(3));
  });

  it('nests the parts configs and round-trips them', () => {
    const s = multiply({ schedules: [constant({ value: 0.5 }), cosine({ initialValue: 1, decaySteps: 8 })] });
    expect(toConfig(s)).toEqual({
      type: 'multiply',
      schedules: [
        { type: 'constant', value: 0.5 },
        { type: 'cosine', initialValue: 1, decaySteps: 8, finalValue: 0, exponent: 1 },
      ],
    });
    expect(fromConfig(toConfig(s))(3.5)).toBe(s(3.5));
  });

  describe('rejects invalid options', () => {
    it('empty schedules', () => {
      expect(() => multiply({ schedules: [] })).toThrow(new RangeError('multiply: `schedules` must be a non-empty array of schedules; received an array of 0'));
    });
    it('a non-schedule among the parts', () => {
      expect(() => multiply({ schedules: [null as never] })).toThrow(new TypeError('multiply: `schedules[0]` must be an lrkit schedule; received null'));
    });
    it('a missing schedules', () => {
      expect(() => multiply({} as never)).toThrow(new TypeError('multiply: `schedules` is required; received undefined'));
    });
    it('an unknown key', () => {
      expect(() => multiply({ schedules: [constant({ value: 1 })], factor: 2 } as never)).toThrow(/multiply: unknown option `factor`/);
    });
  });
});
