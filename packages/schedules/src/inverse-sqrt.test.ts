import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { inverseSqrt } from './inverse-sqrt.js';

describe('inverseSqrt', () => {
  it('follows initialValue / sqrt(1 + t / timescale), fractional steps included', () => {
    const s = inverseSqrt({ initialValue: 1, timescale: 100 });
    expect(s(0)).toBe(1);
    expect(s(300)).toBeCloseTo(0.5, 12);
    expect(s(100)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(s(12.5)).toBeCloseTo(1 / Math.sqrt(1.125), 12);
  });

  it('uses a timescale of 1 by default', () => {
    const s = inverseSqrt({ initialValue: 0.2 });
    expect(s(3)).toBeCloseTo(0.1, 12);
    expect(s.config.timescale).toBe(1);
  });

  it('round-trips its config', () => {
    const s = inverseSqrt({ initialValue: 0.01, timescale: 4000 });
    expect(toConfig(s)).toEqual({ type: 'inverse-sqrt', initialValue: 0.01, timescale: 4000 });
    const loaded = fromConfig(toConfig(s));
    for (const t of [0, 1, 3999.5, 1e6]) expect(loaded(t)).toBe(s(t));
  });

  it('rejects a zero timescale', () => {
    expect(() => inverseSqrt({ initialValue: 1, timescale: 0 })).toThrow(
      new RangeError('inverseSqrt: `timescale` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative timescale', () => {
    expect(() => inverseSqrt({ initialValue: 1, timescale: -100 })).toThrow(
      new RangeError('inverseSqrt: `timescale` must be a positive finite number; received -100'),
    );
  });

  it('rejects an infinite timescale', () => {
    expect(() => inverseSqrt({ initialValue: 1, timescale: Infinity })).toThrow(
      new RangeError('inverseSqrt: `timescale` must be a positive finite number; received Infinity'),
    );
  });

  it('rejects a NaN initialValue', () => {
    expect(() => inverseSqrt({ initialValue: Number.NaN })).toThrow(new RangeError('inverseSqrt: `initialValue` must be a finite number; received NaN'));
  });

  it('rejects a missing initialValue', () => {
    expect(() => inverseSqrt({} as never)).toThrow(new TypeError('inverseSqrt: `initialValue` is required; received undefined'));
  });

  it('rejects an unknown option and suggests the right one', () => {
    expect(() => inverseSqrt({ initialValue: 1, timeScale: 10 } as never)).toThrow(
      new TypeError('inverseSqrt: unknown option `timeScale` (did you mean `timescale`?); valid options are `initialValue`, `timescale`'),
    );
  });

  it('fromConfig rejects a string initialValue', () => {
    expect(() => fromConfig({ type: 'inverse-sqrt', initialValue: '1' })).toThrow(
      new TypeError('inverseSqrt: `initialValue` must be a finite number; received "1"'),
    );
  });
});
