import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { multiStep } from './multi-step.js';

describe('multiStep', () => {
  it('holds initialValue before the first boundary', () => {
    const s = multiStep({ initialValue: 0.1, boundaries: [30, 80], factor: 0.1 });
    expect(s(0)).toBe(0.1);
    expect(s(29.99)).toBe(0.1);
  });

  it('applies the new value AT each boundary', () => {
    const s = multiStep({ initialValue: 0.1, boundaries: [30, 80], factor: 0.1 });
    expect(s(30)).toBeCloseTo(0.01, 12);
    expect(s(79)).toBeCloseTo(0.01, 12);
    expect(s(80)).toBeCloseTo(0.001, 12);
  });

  it('holds the last value past the last boundary', () => {
    const s = multiStep({ initialValue: 1, boundaries: [2, 5], factor: 0.5 });
    expect(s(5.5)).toBe(0.25);
    expect(s(1e7)).toBe(0.25);
  });

  it('accepts fractional boundaries and a boundary at step 0', () => {
    const s = multiStep({ initialValue: 1, boundaries: [0, 1.5], factor: 0.5 });
    expect(s(0)).toBe(0.5);
    expect(s(1.49)).toBe(0.5);
    expect(s(1.5)).toBe(0.25);
  });

  it('round-trips its config', () => {
    const s = multiStep({ initialValue: 0.1, boundaries: [30, 80], factor: 0.1 });
    expect(toConfig(s)).toEqual({ type: 'multi-step', initialValue: 0.1, boundaries: [30, 80], factor: 0.1 });
    const loaded = fromConfig(toConfig(s));
    for (const t of [0, 30, 50.5, 80, 1000]) expect(loaded(t)).toBe(s(t));
  });

  it('keeps its own copy of the boundaries', () => {
    const boundaries = [10, 20];
    const s = multiStep({ initialValue: 1, boundaries, factor: 0.5 });
    boundaries[0] = 1;
    expect(s(5)).toBe(1);
    expect(Object.isFrozen(s.config.boundaries)).toBe(true);
  });

  it('rejects a negative step at evaluation, naming its config type', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [30], factor: 0.1 })(-1)).toThrow(
      new RangeError('multiStep: `step` must be a finite number in [0, 9007199254740991]; received -1'),
    );
  });

  it('rejects empty boundaries', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [], factor: 0.1 })).toThrow(
      new RangeError('multiStep: `boundaries` must be a non-empty array of finite numbers; received []'),
    );
  });

  it('rejects unsorted boundaries', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [80, 30], factor: 0.1 })).toThrow(
      new RangeError('multiStep: `boundaries` must be strictly increasing; received [80,30]'),
    );
  });

  it('rejects repeated boundaries', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [30, 30], factor: 0.1 })).toThrow(
      new RangeError('multiStep: `boundaries` must be strictly increasing; received [30,30]'),
    );
  });

  it('rejects a negative boundary', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [-1, 30], factor: 0.1 })).toThrow(
      new RangeError('multiStep: `boundaries[0]` must be >= 0; received -1'),
    );
  });

  it('rejects a NaN boundary', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [10, Number.NaN], factor: 0.1 })).toThrow(
      new RangeError('multiStep: `boundaries[1]` must be a finite number; received NaN'),
    );
  });

  it('rejects an infinite boundary', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [10, Infinity], factor: 0.1 })).toThrow(
      new RangeError('multiStep: `boundaries[1]` must be a finite number; received Infinity'),
    );
  });

  it('rejects boundaries that are not an array', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: 30, factor: 0.1 } as never)).toThrow(
      new TypeError('multiStep: `boundaries` must be a non-empty array of finite numbers; received 30'),
    );
  });

  it('rejects a zero factor', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [10], factor: 0 })).toThrow(
      new RangeError('multiStep: `factor` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative factor', () => {
    expect(() => multiStep({ initialValue: 0.1, boundaries: [10], factor: -2 })).toThrow(
      new RangeError('multiStep: `factor` must be a positive finite number; received -2'),
    );
  });

  it('rejects a NaN initialValue', () => {
    expect(() => multiStep({ initialValue: Number.NaN, boundaries: [10], factor: 0.5 })).toThrow(
      new RangeError('multiStep: `initialValue` must be a finite number; received NaN'),
    );
  });

  it('rejects missing boundaries', () => {
    expect(() => multiStep({ initialValue: 0.1, factor: 0.1 } as never)).toThrow(new TypeError('multiStep: `boundaries` is required; received undefined'));
  });

  it('rejects an unknown option and suggests the right one', () => {
    expect(() => multiStep({ initialValue: 0.1, boundries: [10], factor: 0.1 } as never)).toThrow(
      new TypeError('multiStep: unknown option `boundries` (did you mean `boundaries`?); ' + 'valid options are `initialValue`, `boundaries`, `factor`'),
    );
  });

  it('fromConfig rejects a string inside boundaries', () => {
    expect(() => fromConfig({ type: 'multi-step', initialValue: 0.1, boundaries: [10, '20'], factor: 0.1 })).toThrow(
      new TypeError('multiStep: `boundaries[1]` must be a finite number; received "20"'),
    );
  });
});

describe('multiStep before 1.0', () => {
  it('refuses the old option `milestones`, naming `boundaries`', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [30, 80], factor: 0.1 } as never)).toThrow(
      new TypeError('multiStep: option `milestones` was renamed `boundaries` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `milestones`, naming `boundaries`', () => {
    expect(() => fromConfig({ type: 'multi-step', initialValue: 0.1, milestones: [30, 80], factor: 0.1 })).toThrow(
      new TypeError('multiStep: option `milestones` was renamed `boundaries` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
