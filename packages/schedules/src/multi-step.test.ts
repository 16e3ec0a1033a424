import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { multiStep } from './multi-step.js';

describe('multiStep', () => {
  it('holds initialValue before the first milestone', () => {
    const s = multiStep({ initialValue: 0.1, milestones: [30, 80], factor: 0.1 });
    expect(s(0)).toBe(0.1);
    expect(s(29.99)).toBe(0.1);
  });

  it('applies the new value AT each milestone', () => {
    const s = multiStep({ initialValue: 0.1, milestones: [30, 80], factor: 0.1 });
    expect(s(30)).toBeCloseTo(0.01, 12);
    expect(s(79)).toBeCloseTo(0.01, 12);
    expect(s(80)).toBeCloseTo(0.001, 12);
  });

  it('holds the last value past the last milestone', () => {
    const s = multiStep({ initialValue: 1, milestones: [2, 5], factor: 0.5 });
    expect(s(5.5)).toBe(0.25);
    expect(s(1e7)).toBe(0.25);
  });

  it('accepts fractional milestones and a milestone at step 0', () => {
    const s = multiStep({ initialValue: 1, milestones: [0, 1.5], factor: 0.5 });
    expect(s(0)).toBe(0.5);
    expect(s(1.49)).toBe(0.5);
    expect(s(1.5)).toBe(0.25);
  });

  it('round-trips its config', () => {
    const s = multiStep({ initialValue: 0.1, milestones: [30, 80], factor: 0.1 });
    expect(toConfig(s)).toEqual({ type: 'multi-step', initialValue: 0.1, milestones: [30, 80], factor: 0.1 });
    const loaded = fromConfig(toConfig(s));
    for (const t of [0, 30, 50.5, 80, 1000]) expect(loaded(t)).toBe(s(t));
  });

  it('keeps its own copy of the milestones', () => {
    const milestones = [10, 20];
    const s = multiStep({ initialValue: 1, milestones, factor: 0.5 });
    milestones[0] = 1;
    expect(s(5)).toBe(1);
    expect(Object.isFrozen(s.config.milestones)).toBe(true);
  });

  it('rejects a negative step at evaluation, naming its config type', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [30], factor: 0.1 })(-1)).toThrow(
      new RangeError('multi-step: `step` must be a finite number in [0, 9007199254740991]; received -1'),
    );
  });

  it('rejects empty milestones', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [], factor: 0.1 })).toThrow(
      new RangeError('multi-step: `milestones` must be a non-empty array of finite numbers; received []'),
    );
  });

  it('rejects unsorted milestones', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [80, 30], factor: 0.1 })).toThrow(
      new RangeError('multi-step: `milestones` must be strictly increasing; received [80,30]'),
    );
  });

  it('rejects repeated milestones', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [30, 30], factor: 0.1 })).toThrow(
      new RangeError('multi-step: `milestones` must be strictly increasing; received [30,30]'),
    );
  });

  it('rejects a negative milestone', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [-1, 30], factor: 0.1 })).toThrow(
      new RangeError('multi-step: `milestones[0]` must be >= 0; received -1'),
    );
  });

  it('rejects a NaN milestone', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [10, Number.NaN], factor: 0.1 })).toThrow(
      new RangeError('multi-step: `milestones[1]` must be a finite number; received NaN'),
    );
  });

  it('rejects an infinite milestone', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [10, Infinity], factor: 0.1 })).toThrow(
      new RangeError('multi-step: `milestones[1]` must be a finite number; received Infinity'),
    );
  });

  it('rejects milestones that are not an array', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: 30, factor: 0.1 } as never)).toThrow(
      new TypeError('multi-step: `milestones` must be a non-empty array of finite numbers; received 30'),
    );
  });

  it('rejects a zero factor', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [10], factor: 0 })).toThrow(
      new RangeError('multi-step: `factor` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative factor', () => {
    expect(() => multiStep({ initialValue: 0.1, milestones: [10], factor: -2 })).toThrow(
      new RangeError('multi-step: `factor` must be a positive finite number; received -2'),
    );
  });

  it('rejects a NaN initialValue', () => {
    expect(() => multiStep({ initialValue: Number.NaN, milestones: [10], factor: 0.5 })).toThrow(
      new RangeError('multi-step: `initialValue` must be a finite number; received NaN'),
    );
  });

  it('rejects missing milestones', () => {
    expect(() => multiStep({ initialValue: 0.1, factor: 0.1 } as never)).toThrow(new TypeError('multi-step: `milestones` is required; received undefined'));
  });

  it('rejects an unknown option and suggests the right one', () => {
    expect(() => multiStep({ initialValue: 0.1, milestone: [10], factor: 0.1 } as never)).toThrow(
      new TypeError('multi-step: unknown option `milestone` (did you mean `milestones`?); ' + 'valid options are `initialValue`, `milestones`, `factor`'),
    );
  });

  it('fromConfig rejects a string inside milestones', () => {
    expect(() => fromConfig({ type: 'multi-step', initialValue: 0.1, milestones: [10, '20'], factor: 0.1 })).toThrow(
      new TypeError('multi-step: `milestones[1]` must be a finite number; received "20"'),
    );
  });
});
