import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { exponential } from './exponential.js';

describe('exponential', () => {
  it('decays by decayRate per step by default (PyTorch ExponentialLR)', () => {
    const s = exponential({ initialValue: 0.1, decayRate: 0.9 });
    expect(s(0)).toBe(0.1);
    expect(s(1)).toBeCloseTo(0.09, 12);
    expect(s(10)).toBeCloseTo(0.1 * 0.9 ** 10, 12);
  });

  it('applies decayRate per decaySteps, continuously between them (Keras ExponentialDecay)', () => {
    const s = exponential({ initialValue: 1, decayRate: 0.5, decaySteps: 10 });
    expect(s(10)).toBeCloseTo(0.5, 12);
    expect(s(15)).toBeCloseTo(0.5 ** 1.5, 12);
    expect(s(2.5)).toBeCloseTo(0.5 ** 0.25, 12);
  });

  it('with staircase drops AT each multiple of decaySteps', () => {
    const s = exponential({ initialValue: 1, decayRate: 0.5, decaySteps: 10, staircase: true });
    expect(s(9.99)).toBe(1);
    expect(s(10)).toBe(0.5);
    expect(s(19)).toBe(0.5);
    expect(s(20)).toBe(0.25);
  });

  it('holds initialValue until transitionBegin, then decays from there (optax)', () => {
    const s = exponential({ initialValue: 1, decayRate: 0.5, decaySteps: 4, transitionBegin: 6 });
    expect(s(0)).toBe(1);
    expect(s(6)).toBe(1);
    expect(s(8)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(s(10)).toBeCloseTo(0.5, 12);
  });

  it('combines transitionBegin and staircase', () => {
    const s = exponential({ initialValue: 1, decayRate: 0.1, decaySteps: 5, transitionBegin: 3, staircase: true });
    expect(s(7.9)).toBe(1);
    expect(s(8)).toBeCloseTo(0.1, 12);
    expect(s(13)).toBeCloseTo(0.01, 12);
  });

  it('clamps at finalValue from below when decaying', () => {
    const s = exponential({ initialValue: 1, decayRate: 0.5, decaySteps: 10, finalValue: 0.2 });
    expect(s(20)).toBeCloseTo(0.25, 12);
    expect(s(30)).toBe(0.2);
    expect(s(1e6)).toBe(0.2);
  });

  it('clamps at finalValue from above when growing', () => {
    const s = exponential({ initialValue: 1, decayRate: 2, decaySteps: 10, finalValue: 3 });
    expect(s(10)).toBeCloseTo(2, 12);
    expect(s(15)).toBeCloseTo(2 ** 1.5, 12);
    expect(s(20)).toBe(3);
    expect(s(1e6)).toBe(3);
  });

  it('applies the clamp before transitionBegin too, as optax', () => {
    const s = exponential({ initialValue: 1, decayRate: 0.5, transitionBegin: 10, finalValue: 2 });
    expect(s(0)).toBe(2);
  });

  it('omits finalValue from the config when not given and round-trips', () => {
    const s = exponential({ initialValue: 0.1, decayRate: 0.96 });
    expect(toConfig(s)).toEqual({
      type: 'exponential',
      initialValue: 0.1,
      decayRate: 0.96,
      decaySteps: 1,
      staircase: false,
      transitionBegin: 0,
    });
    expect(Object.hasOwn(s.config, 'finalValue')).toBe(false);
    const loaded = fromConfig(toConfig(s));
    for (const t of [0, 1, 17.5, 400]) expect(loaded(t)).toBe(s(t));
  });

  it('keeps finalValue in the config and round-trips it', () => {
    const s = exponential({
      initialValue: 1,
      decayRate: 0.5,
      decaySteps: 3,
      staircase: true,
      transitionBegin: 2,
      finalValue: 0.1,
    });
    expect(toConfig(s)).toEqual({
      type: 'exponential',
      initialValue: 1,
      decayRate: 0.5,
      decaySteps: 3,
      staircase: true,
      transitionBegin: 2,
      finalValue: 0.1,
    });
    const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(s))));
    for (const t of [0, 2, 5, 7.5, 100]) expect(loaded(t)).toBe(s(t));
  });

  it('rejects a zero decayRate', () => {
    expect(() => exponential({ initialValue: 1, decayRate: 0 })).toThrow(
      new RangeError('exponential: `decayRate` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative decayRate', () => {
    expect(() => exponential({ initialValue: 1, decayRate: -0.5 })).toThrow(
      new RangeError('exponential: `decayRate` must be a positive finite number; received -0.5'),
    );
  });

  it('rejects an infinite decayRate', () => {
    expect(() => exponential({ initialValue: 1, decayRate: Infinity })).toThrow(
      new RangeError('exponential: `decayRate` must be a positive finite number; received Infinity'),
    );
  });

  it('rejects a zero decaySteps', () => {
    expect(() => exponential({ initialValue: 1, decayRate: 0.5, decaySteps: 0 })).toThrow(
      new RangeError('exponential: `decaySteps` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative transitionBegin', () => {
    expect(() => exponential({ initialValue: 1, decayRate: 0.5, transitionBegin: -1 })).toThrow(
      new RangeError('exponential: `transitionBegin` must be a finite number >= 0; received -1'),
    );
  });

  it('rejects a NaN finalValue', () => {
    expect(() => exponential({ initialValue: 1, decayRate: 0.5, finalValue: Number.NaN })).toThrow(
      new RangeError('exponential: `finalValue` must be a finite number; received NaN'),
    );
  });

  it('rejects a non-boolean staircase', () => {
    expect(() => exponential({ initialValue: 1, decayRate: 0.5, staircase: 'yes' } as never)).toThrow(
      new TypeError('exponential: `staircase` must be a boolean; received "yes"'),
    );
  });

  it('rejects a missing decayRate', () => {
    expect(() => exponential({ initialValue: 1 } as never)).toThrow(new TypeError('exponential: `decayRate` is required; received undefined'));
  });

  it('rejects an unknown option and suggests the right one', () => {
    expect(() => exponential({ initialValue: 1, decay_rate: 0.5 } as never)).toThrow(
      new TypeError(
        'exponential: unknown option `decay_rate` (did you mean `decayRate`?); valid options are ' +
          '`initialValue`, `decayRate`, `decaySteps`, `staircase`, `transitionBegin`, `finalValue`',
      ),
    );
  });

  it('fromConfig rejects a null finalValue', () => {
    expect(() => fromConfig({ type: 'exponential', initialValue: 1, decayRate: 0.5, finalValue: null })).toThrow(
      new TypeError('exponential: `finalValue` must be left out (for its default) or given a value; received null'),
    );
  });
});

describe('exponential before 1.0', () => {
  it('refuses the old option `endValue`, naming `finalValue`', () => {
    expect(() => exponential({ initialValue: 1, decayRate: 0.5, endValue: 0.2 } as never)).toThrow(
      new TypeError('exponential: option `endValue` was renamed `finalValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `endValue`, naming `finalValue`', () => {
    expect(() => fromConfig({ type: 'exponential', initialValue: 1, decayRate: 0.5, endValue: 0.2 })).toThrow(
      new TypeError('exponential: option `endValue` was renamed `finalValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
