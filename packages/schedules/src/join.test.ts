import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { join } from './join.js';
import { warmup } from './warmup.js';

describe('join', () => {
  const first = cosine({ initialValue: 1, decaySteps: 10 });
  const second = cosine({ initialValue: 0.5, decaySteps: 20 });
  const third = constant({ value: 0.01 });
  const s = join({ schedules: [first, second, third], boundaries: [10, 30] });

  it('uses the first part before the first boundary', () => {
    expect(s(0)).toBe(1);
    expect(s(9.5)).toBe(first(9.5));
  });

  it('switches at the boundary step and passes the local step', () => {
    expect(s(10)).toBe(0.5);
    expect(s(20)).toBe(second(10));
    expect(s(29.75)).toBe(second(19.75));
    expect(s(30)).toBe(0.01);
  });

  it('keeps the last part past the last boundary', () => {
    expect(s(1e6)).toBe(0.01);
  });

  it('round-trips a nested warm-up of a join through toConfig and fromConfig', () => {
    const nested = warmup({ schedule: s, warmupSteps: 5, shape: 'cosine' });
    const config = toConfig(nested);
    expect(config).toEqual({
      type: 'warmup',
      schedule: {
        type: 'join',
        schedules: [
          { type: 'cosine', initialValue: 1, decaySteps: 10, finalValue: 0, exponent: 1 },
          { type: 'cosine', initialValue: 0.5, decaySteps: 20, finalValue: 0, exponent: 1 },
          { type: 'constant', value: 0.01 },
        ],
        boundaries: [10, 30],
      },
      warmupSteps: 5,
      initialValue: 0,
      shape: 'cosine',
    });
    const loaded = fromConfig(JSON.parse(JSON.stringify(config)));
    for (const step of [0, 2.5, 5, 14.9, 15, 27, 35, 100]) expect(loaded(step)).toBe(nested(step));
  });

  it('rejects a negative step at evaluation', () => {
    expect(() => s(-0.5)).toThrow(new RangeError('join: `step` must be a finite number in [0, 9007199254740991]; received -0.5'));
  });

  it('reports the path of an invalid nested config at fromConfig', () => {
    expect(() =>
      fromConfig({
        type: 'warmup',
        warmupSteps: 2,
        schedule: { type: 'join', schedules: [{ type: 'cosin' }, { type: 'constant', value: 1 }], boundaries: [3] },
      }),
    ).toThrow(/fromConfig: config\.schedule\.schedules\[0\]\.type "cosin" is not a known schedule \(did you mean 'cosine'\?\)/);
  });

  it('rejects an invalid nested option at fromConfig with the part that failed', () => {
    expect(() =>
      fromConfig({
        type: 'join',
        schedules: [
          { type: 'constant', value: 1 },
          { type: 'constant', value: 2 },
        ],
        boundaries: [5, 1],
      }),
    ).toThrow(new RangeError('join: `boundaries` must be strictly increasing; received [5,1]'));
  });

  describe('rejects invalid options', () => {
    it('a single schedule', () => {
      expect(() => join({ schedules: [first], boundaries: [] })).toThrow(
        new RangeError('join: `schedules` must be an array of at least 2 schedules; received an array of 1'),
      );
    });
    it('empty boundaries', () => {
      expect(() => join({ schedules: [first, second], boundaries: [] })).toThrow(
        new RangeError('join: `boundaries` must be a non-empty array of finite numbers; received []'),
      );
    });
    it('unsorted boundaries', () => {
      expect(() => join({ schedules: [first, second, third], boundaries: [30, 10] })).toThrow(
        new RangeError('join: `boundaries` must be strictly increasing; received [30,10]'),
      );
    });
    it('a negative boundary', () => {
      expect(() => join({ schedules: [first, second], boundaries: [-1] })).toThrow(new RangeError('join: `boundaries[0]` must be >= 0; received -1'));
    });
    it('a NaN boundary', () => {
      expect(() => join({ schedules: [first, second], boundaries: [Number.NaN] })).toThrow(
        new RangeError('join: `boundaries[0]` must be a finite number; received NaN'),
      );
    });
    it('mismatched lengths', () => {
      expect(() => join({ schedules: [first, second, third], boundaries: [10] })).toThrow(
        new RangeError('join: `boundaries` must have one entry fewer than `schedules` (2); received [10]'),
      );
    });
    it('a non-schedule among the parts', () => {
      expect(() => join({ schedules: [first, 0.1 as never], boundaries: [10] })).toThrow(
        new TypeError('join: `schedules[1]` must be an lrkit schedule; received 0.1'),
      );
    });
    it('schedules that are not an array', () => {
      expect(() => join({ schedules: first as never, boundaries: [10] })).toThrow(
        new TypeError('join: `schedules` must be an array of at least 2 schedules; received a function'),
      );
    });
    it('a missing boundaries', () => {
      expect(() => join({ schedules: [first, second] } as never)).toThrow(new TypeError('join: `boundaries` is required; received undefined'));
    });
    it('an unknown key', () => {
      expect(() => join({ schedules: [first, second], boundaries: [1], milestones: [1] } as never)).toThrow(/join: unknown option `milestones`/);
    });
  });
});
