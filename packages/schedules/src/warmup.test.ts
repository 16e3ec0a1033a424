import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { warmup } from './warmup.js';

describe('warmup', () => {
  it('matches the Keras warm-up + cosine golden values', () => {
    const s = warmup({ schedule: cosine({ initialValue: 1, decaySteps: 15 }), warmupSteps: 5 });
    const steps = [0, 1, 4, 5, 6, 19, 20, 25];
    const expected = [0, 0.2, 0.8, 1, 0.989074, 0.0109262, 0, 0];
    steps.forEach((step, index) => expect(s(step)).toBeCloseTo(expected[index] as number, 6));
  });

  it('rises linearly from initialValue at fractional steps', () => {
    const s = warmup({ schedule: constant({ value: 1 }), warmupSteps: 4, initialValue: 0.2 });
    expect(s(0)).toBe(0.2);
    expect(s(1.5)).toBeCloseTo(0.5, 12);
    expect(s(4)).toBe(1);
  });

  it('eases in along a half cosine with the cosine shape', () => {
    const s = warmup({ schedule: constant({ value: 2 }), warmupSteps: 10, shape: 'cosine' });
    expect(s(5)).toBeCloseTo(1, 12);
    expect(s(2.5)).toBeCloseTo(1 - Math.cos(Math.PI / 4), 12);
  });

  it('grows geometrically with the exponential shape', () => {
    const s = warmup({ schedule: constant({ value: 1 }), warmupSteps: 4, initialValue: 0.01, shape: 'exponential' });
    expect(s(2)).toBeCloseTo(0.1, 12);
    expect(s(3)).toBeCloseTo(0.01 * 100 ** 0.75, 12);
    expect(s(4)).toBe(1);
  });

  it('passes the local step to the wrapped schedule after the warm-up', () => {
    const inner = cosine({ initialValue: 1, decaySteps: 100 });
    const s = warmup({ schedule: inner, warmupSteps: 10 });
    expect(s(60)).toBe(inner(50));
    expect(s(10.5)).toBe(inner(0.5));
  });

  it('is the wrapped schedule itself when warmupSteps is 0', () => {
    const inner = cosine({ initialValue: 1, decaySteps: 10 });
    const s = warmup({ schedule: inner, warmupSteps: 0 });
    expect(s(0)).toBe(1);
    expect(s(3)).toBe(inner(3));
  });

  it('nests the wrapped config and round-trips it', () => {
    const s = warmup({ schedule: cosine({ initialValue: 1, decaySteps: 15 }), warmupSteps: 5 });
    expect(toConfig(s)).toEqual({
      type: 'warmup',
      schedule: { type: 'cosine', initialValue: 1, decaySteps: 15, finalValue: 0, exponent: 1 },
      warmupSteps: 5,
      initialValue: 0,
      shape: 'linear',
    });
    expect(fromConfig(toConfig(s))(7.25)).toBe(s(7.25));
  });

  describe('rejects invalid options', () => {
    const schedule = constant({ value: 1 });
    it('a negative warmupSteps', () => {
      expect(() => warmup({ schedule, warmupSteps: -1 })).toThrow(new RangeError('warmup: `warmupSteps` must be a finite number >= 0; received -1'));
    });
    it('an infinite warmupSteps', () => {
      expect(() => warmup({ schedule, warmupSteps: Infinity })).toThrow(
        new RangeError('warmup: `warmupSteps` must be a finite number >= 0; received Infinity'),
      );
    });
    it('a NaN initialValue', () => {
      expect(() => warmup({ schedule, warmupSteps: 3, initialValue: Number.NaN })).toThrow(
        new RangeError('warmup: `initialValue` must be a finite number; received NaN'),
      );
    });
    it('a zero initialValue with the exponential shape', () => {
      expect(() => warmup({ schedule, warmupSteps: 3, shape: 'exponential' })).toThrow(
        new RangeError("warmup: `initialValue` must be a positive finite number when shape is 'exponential'; received 0"),
      );
    });
    it('a schedule starting at 0 with the exponential shape', () => {
      expect(() => warmup({ schedule: constant({ value: 0 }), warmupSteps: 3, initialValue: 0.1, shape: 'exponential' })).toThrow(
        new RangeError("warmup: `schedule` must start at a positive value when shape is 'exponential'; received schedule(0) = 0"),
      );
    });
    it('an unknown shape', () => {
      expect(() => warmup({ schedule, warmupSteps: 3, shape: 'step' as never })).toThrow(
        new RangeError("warmup: `shape` must be one of 'linear', 'cosine', 'exponential'; received \"step\""),
      );
    });
    it('a plain function as the schedule', () => {
      expect(() => warmup({ schedule: ((step: number) => step) as never, warmupSteps: 3 })).toThrow(
        new TypeError('warmup: `schedule` must be an lrkit schedule (wrap a plain function with lambda(fn)); received a function'),
      );
    });
    it('a config object as the schedule', () => {
      expect(() => warmup({ schedule: { type: 'constant', value: 1 } as never, warmupSteps: 3 })).toThrow(
        new TypeError('warmup: `schedule` must be an lrkit schedule; received {"type":"constant","value":1}'),
      );
    });
    it('a missing schedule', () => {
      expect(() => warmup({ warmupSteps: 3 } as never)).toThrow(new TypeError('warmup: `schedule` is required; received undefined'));
    });
    it('an unknown key', () => {
      expect(() => warmup({ schedule, warmupSteps: 3, warmupStep: 2 } as never)).toThrow(
        /warmup: unknown option `warmupStep` \(did you mean `warmupSteps`\?\)/,
      );
    });
  });
});
