import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { linear } from './linear.js';

describe('linear', () => {
  it('starts at initialValue at step 0', () => {
    expect(linear({ initialValue: 0.1, finalValue: 0.01, totalSteps: 90 })(0)).toBe(0.1);
  });

  it('follows the straight line inside the ramp, fractional steps included', () => {
    const s = linear({ initialValue: 0.1, finalValue: 0.01, totalSteps: 90 });
    for (const t of [1, 10, 45, 62.5, 89.75]) {
      expect(s(t)).toBeCloseTo(0.1 - (0.09 * t) / 90, 12);
    }
    expect(s(45)).toBeCloseTo(0.055, 12);
  });

  it('reaches exactly finalValue at step `totalSteps`', () => {
    expect(linear({ initialValue: 0.1, finalValue: 0.3, totalSteps: 7 })(7)).toBe(0.3);
  });

  it('holds finalValue past the horizon', () => {
    const s = linear({ initialValue: 1, finalValue: 0.25, totalSteps: 10 });
    expect(s(10.5)).toBe(0.25);
    expect(s(1e9)).toBe(0.25);
  });

  it('rises when finalValue is above initialValue', () => {
    const s = linear({ initialValue: 0, finalValue: 2, totalSteps: 4 });
    expect(s(1)).toBeCloseTo(0.5, 12);
    expect(s(3.5)).toBeCloseTo(1.75, 12);
  });

  it('accepts a fractional number of steps', () => {
    const s = linear({ initialValue: 1, finalValue: 0, totalSteps: 2.5 });
    expect(s(1)).toBeCloseTo(0.6, 12);
    expect(s(2.5)).toBe(0);
  });

  it('round-trips its config', () => {
    const s = linear({ initialValue: 0.1, finalValue: 0.01, totalSteps: 90 });
    expect(toConfig(s)).toEqual({ type: 'linear', initialValue: 0.1, finalValue: 0.01, totalSteps: 90 });
    const loaded = fromConfig(toConfig(s));
    for (const t of [0, 33.3, 90, 200]) expect(loaded(t)).toBe(s(t));
  });

  it('rejects a negative totalSteps with name, rule and value', () => {
    expect(() => linear({ initialValue: 1, finalValue: 0, totalSteps: -5 })).toThrow(
      new RangeError('linear: `totalSteps` must be a positive finite number; received -5'),
    );
  });

  it('rejects a zero totalSteps', () => {
    expect(() => linear({ initialValue: 1, finalValue: 0, totalSteps: 0 })).toThrow(
      new RangeError('linear: `totalSteps` must be a positive finite number; received 0'),
    );
  });

  it('rejects a NaN initialValue', () => {
    expect(() => linear({ initialValue: Number.NaN, finalValue: 0, totalSteps: 5 })).toThrow(
      new RangeError('linear: `initialValue` must be a finite number; received NaN'),
    );
  });

  it('rejects an infinite finalValue', () => {
    expect(() => linear({ initialValue: 1, finalValue: Infinity, totalSteps: 5 })).toThrow(
      new RangeError('linear: `finalValue` must be a finite number; received Infinity'),
    );
  });

  it('rejects an infinite totalSteps', () => {
    expect(() => linear({ initialValue: 1, finalValue: 0, totalSteps: Infinity })).toThrow(
      new RangeError('linear: `totalSteps` must be a positive finite number; received Infinity'),
    );
  });

  it('rejects a missing finalValue', () => {
    expect(() => linear({ initialValue: 1, totalSteps: 5 } as never)).toThrow(new TypeError('linear: `finalValue` is required; received undefined'));
  });

  it('rejects an unknown option and suggests the right one', () => {
    expect(() => linear({ initialValue: 1, finalValue: 0, totalStep: 5 } as never)).toThrow(
      new TypeError('linear: unknown option `totalStep` (did you mean `totalSteps`?); valid options are `initialValue`, `finalValue`, `totalSteps`'),
    );
  });

  it('fromConfig rejects a string where a number is required', () => {
    expect(() => fromConfig({ type: 'linear', initialValue: 1, finalValue: 0, totalSteps: '10' })).toThrow(
      new TypeError('linear: `totalSteps` must be a positive finite number; received "10"'),
    );
  });
});

describe('linear before 1.0', () => {
  it('refuses the old option `steps`, naming `totalSteps`', () => {
    expect(() => linear({ initialValue: 0.1, finalValue: 0.01, steps: 90 } as never)).toThrow(
      new TypeError('linear: option `steps` was renamed `totalSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `steps`, naming `totalSteps`', () => {
    expect(() => fromConfig({ type: 'linear', initialValue: 0.1, finalValue: 0.01, steps: 90 })).toThrow(
      new TypeError('linear: option `steps` was renamed `totalSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
