import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { piecewiseConstant } from './piecewise-constant.js';

describe('piecewiseConstant', () => {
  it('returns values[0] before the first boundary', () => {
    const s = piecewiseConstant({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
    expect(s(0)).toBe(1);
    expect(s(99)).toBe(1);
    expect(s(99.999)).toBe(1);
  });

  it('switches AT each boundary step', () => {
    const s = piecewiseConstant({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
    expect(s(100)).toBe(0.5);
    expect(s(150.5)).toBe(0.5);
    expect(s(199)).toBe(0.5);
    expect(s(200)).toBe(0.1);
  });

  it('holds the last value past the last boundary', () => {
    const s = piecewiseConstant({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
    expect(s(1e9)).toBe(0.1);
  });

  it('reproduces Keras PiecewiseConstantDecay (step > boundary) with each boundary moved up by 1', () => {
    const keras = (t: number) => (t > 100 ? (t > 200 ? 0.1 : 0.5) : 1);
    const s = piecewiseConstant({ boundaries: [101, 201], values: [1, 0.5, 0.1] });
    for (let t = 0; t <= 300; t += 1) expect(s(t)).toBe(keras(t));
  });

  it('allows values that rise as well as fall', () => {
    const s = piecewiseConstant({ boundaries: [1, 2.5], values: [0.1, 1, 0.3] });
    expect(s(1)).toBe(1);
    expect(s(2.5)).toBe(0.3);
  });

  it('round-trips its config', () => {
    const s = piecewiseConstant({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
    expect(toConfig(s)).toEqual({ type: 'piecewise-constant', boundaries: [100, 200], values: [1, 0.5, 0.1] });
    const loaded = fromConfig(toConfig(s));
    for (const t of [0, 100, 150, 200, 300]) expect(loaded(t)).toBe(s(t));
  });

  it('rejects empty boundaries', () => {
    expect(() => piecewiseConstant({ boundaries: [], values: [1] })).toThrow(
      new RangeError('piecewiseConstant: `boundaries` must be a non-empty array of finite numbers; received []'),
    );
  });

  it('rejects unsorted boundaries', () => {
    expect(() => piecewiseConstant({ boundaries: [200, 100], values: [1, 0.5, 0.1] })).toThrow(
      new RangeError('piecewiseConstant: `boundaries` must be strictly increasing; received [200,100]'),
    );
  });

  it('rejects a negative boundary', () => {
    expect(() => piecewiseConstant({ boundaries: [-5], values: [1, 0.5] })).toThrow(
      new RangeError('piecewiseConstant: `boundaries[0]` must be >= 0; received -5'),
    );
  });

  it('rejects one value too many', () => {
    expect(() => piecewiseConstant({ boundaries: [100], values: [1, 0.5, 0.1] })).toThrow(
      new RangeError('piecewiseConstant: `values` must have boundaries.length + 1 = 2 entries; received 3 entries [1,0.5,0.1]'),
    );
  });

  it('rejects one value too few', () => {
    expect(() => piecewiseConstant({ boundaries: [100, 200], values: [1, 0.5] })).toThrow(
      new RangeError('piecewiseConstant: `values` must have boundaries.length + 1 = 3 entries; received 2 entries [1,0.5]'),
    );
  });

  it('rejects an infinite value', () => {
    expect(() => piecewiseConstant({ boundaries: [100], values: [1, Infinity] })).toThrow(
      new RangeError('piecewiseConstant: `values[1]` must be a finite number; received Infinity'),
    );
  });

  it('rejects a NaN boundary', () => {
    expect(() => piecewiseConstant({ boundaries: [Number.NaN], values: [1, 2] })).toThrow(
      new RangeError('piecewiseConstant: `boundaries[0]` must be a finite number; received NaN'),
    );
  });

  it('rejects missing values', () => {
    expect(() => piecewiseConstant({ boundaries: [100] } as never)).toThrow(new TypeError('piecewiseConstant: `values` is required; received undefined'));
  });

  it('rejects an unknown option and suggests the right one', () => {
    expect(() => piecewiseConstant({ boundaries: [100], value: [1, 2] } as never)).toThrow(
      new TypeError('piecewiseConstant: unknown option `value` (did you mean `values`?); valid options are `boundaries`, `values`'),
    );
  });

  it('fromConfig rejects values given as an object', () => {
    expect(() => fromConfig({ type: 'piecewise-constant', boundaries: [100], values: { a: 1 } })).toThrow(
      new TypeError('piecewiseConstant: `values` must be a non-empty array of finite numbers; received {"a":1}'),
    );
  });
});
