import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { step } from './step.js';

describe('step', () => {
  it('holds initialValue before the first boundary', () => {
    const s = step({ initialValue: 0.1, periodSteps: 30, factor: 0.1 });
    expect(s(0)).toBe(0.1);
    expect(s(29)).toBe(0.1);
    expect(s(29.999)).toBe(0.1);
  });

  it('applies the new value AT each boundary step', () => {
    const s = step({ initialValue: 0.1, periodSteps: 30, factor: 0.1 });
    expect(s(30)).toBeCloseTo(0.01, 12);
    expect(s(59)).toBeCloseTo(0.01, 12);
    expect(s(60)).toBeCloseTo(0.001, 12);
    expect(s(90)).toBeCloseTo(0.0001, 12);
  });

  it('follows initialValue * factor ** floor(t / periodSteps) at fractional steps', () => {
    const s = step({ initialValue: 2, periodSteps: 3, factor: 0.5 });
    for (const t of [0.5, 2.9, 3, 4.5, 6.01, 8.99, 300.5]) {
      expect(s(t)).toBeCloseTo(2 * 0.5 ** Math.floor(t / 3), 12);
    }
  });

  it('drops one step after the classic Keras idiom 0.1 * 0.5 ** floor((1 + epoch) / 10)', () => {
    const s = step({ initialValue: 0.1, periodSteps: 10, factor: 0.5 });
    const kerasIdiom = (epoch: number) => 0.1 * 0.5 ** Math.floor((1 + epoch) / 10);
    expect(kerasIdiom(9)).toBe(0.05);
    expect(s(9)).toBe(0.1);
    expect(s(10)).toBe(0.05);
    for (let epoch = 0; epoch < 40; epoch += 1) expect(s(epoch + 1)).toBe(kerasIdiom(epoch));
  });

  it('refuses a factor above 1, whose growth overflows a float64 within the step domain', () => {
    expect(() => step({ initialValue: 1, periodSteps: 2, factor: 3 })).toThrow(
      /^step: these options give a non-finite value \(Infinity\) at step 2048; a schedule must stay finite over steps 0 … 9007199254740991/,
    );
  });

  it('round-trips its config', () => {
    const s = step({ initialValue: 0.1, periodSteps: 30, factor: 0.1 });
    expect(toConfig(s)).toEqual({ type: 'step', initialValue: 0.1, periodSteps: 30, factor: 0.1 });
    const loaded = fromConfig(toConfig(s));
    for (const t of [0, 30, 45.5, 1000]) expect(loaded(t)).toBe(s(t));
  });

  it('rejects a non-integer periodSteps', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: 2.5, factor: 0.5 })).toThrow(
      new RangeError('step: `periodSteps` must be an integer >= 1; received 2.5'),
    );
  });

  it('rejects a zero periodSteps', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: 0, factor: 0.5 })).toThrow(new RangeError('step: `periodSteps` must be an integer >= 1; received 0'));
  });

  it('rejects a negative periodSteps', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: -10, factor: 0.5 })).toThrow(
      new RangeError('step: `periodSteps` must be an integer >= 1; received -10'),
    );
  });

  it('rejects an infinite periodSteps', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: Infinity, factor: 0.5 })).toThrow(
      new RangeError('step: `periodSteps` must be an integer >= 1; received Infinity'),
    );
  });

  it('rejects a zero factor', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: 10, factor: 0 })).toThrow(
      new RangeError('step: `factor` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative factor', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: 10, factor: -0.5 })).toThrow(
      new RangeError('step: `factor` must be a positive finite number; received -0.5'),
    );
  });

  it('rejects a NaN factor', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: 10, factor: Number.NaN })).toThrow(
      new RangeError('step: `factor` must be a positive finite number; received NaN'),
    );
  });

  it('rejects an infinite initialValue', () => {
    expect(() => step({ initialValue: -Infinity, periodSteps: 10, factor: 0.5 })).toThrow(
      new RangeError('step: `initialValue` must be a finite number; received -Infinity'),
    );
  });

  it('rejects a missing factor', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: 10 } as never)).toThrow(new TypeError('step: `factor` is required; received undefined'));
  });

  it('rejects an unknown option and lists the valid ones', () => {
    expect(() => step({ initialValue: 0.1, periodSteps: 10, factor: 0.5, gama: 0.1 } as never)).toThrow(
      new TypeError('step: unknown option `gama`; valid options are `initialValue`, `periodSteps`, `factor`'),
    );
  });

  it('rejects a misspelled option and suggests the right one', () => {
    expect(() => step({ initialValue: 0.1, periodStep: 10, factor: 0.5 } as never)).toThrow(
      new TypeError('step: unknown option `periodStep` (did you mean `periodSteps`?); valid options are `initialValue`, `periodSteps`, `factor`'),
    );
  });

  it('fromConfig rejects a string periodSteps', () => {
    expect(() => fromConfig({ type: 'step', initialValue: 0.1, periodSteps: '10', factor: 0.5 })).toThrow(
      new TypeError('step: `periodSteps` must be an integer >= 1; received "10"'),
    );
  });
});

describe('step before 1.0', () => {
  it('refuses the old option `stepSize`, naming `periodSteps`', () => {
    expect(() => step({ initialValue: 0.1, stepSize: 30, factor: 0.1 } as never)).toThrow(
      new TypeError('step: option `stepSize` was renamed `periodSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `stepSize`, naming `periodSteps`', () => {
    expect(() => fromConfig({ type: 'step', initialValue: 0.1, stepSize: 30, factor: 0.1 })).toThrow(
      new TypeError('step: option `stepSize` was renamed `periodSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
