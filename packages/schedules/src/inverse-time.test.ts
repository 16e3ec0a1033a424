import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { inverseTime } from './inverse-time.js';

describe('inverseTime', () => {
  it('follows initialValue / (1 + decayRate * t / decaySteps), fractional steps included', () => {
    const s = inverseTime({ initialValue: 0.1, decayRate: 0.5, decaySteps: 10 });
    for (const t of [0, 1, 10, 12.5, 1000]) {
      expect(s(t)).toBeCloseTo(0.1 / (1 + (0.5 * t) / 10), 12);
    }
    expect(s(10)).toBeCloseTo(0.1 / 1.5, 12);
  });

  it('with staircase changes only AT multiples of decaySteps', () => {
    const s = inverseTime({ initialValue: 0.1, decayRate: 0.5, decaySteps: 10, staircase: true });
    expect(s(9.99)).toBe(0.1);
    expect(s(10)).toBeCloseTo(0.1 / 1.5, 12);
    expect(s(19)).toBeCloseTo(0.1 / 1.5, 12);
    expect(s(20)).toBeCloseTo(0.05, 12);
  });

  it("expresses Keras 2's decay= per batch: lr / (1 + decay * iterations)", () => {
    const s = inverseTime({ initialValue: 0.01, decayRate: 1e-4 });
    expect(s(0)).toBe(0.01);
    expect(s(10000)).toBeCloseTo(0.005, 12);
    expect(s(123)).toBeCloseTo(0.01 / (1 + 1e-4 * 123), 12);
  });

  it('stays constant with a zero decayRate', () => {
    expect(inverseTime({ initialValue: 0.3, decayRate: 0 })(1e6)).toBe(0.3);
  });

  it('fills the defaults into its config and round-trips it', () => {
    const s = inverseTime({ initialValue: 0.1, decayRate: 0.5 });
    expect(toConfig(s)).toEqual({
      type: 'inverse-time',
      initialValue: 0.1,
      decayRate: 0.5,
      decaySteps: 1,
      staircase: false,
    });
    const stairs = inverseTime({ initialValue: 0.1, decayRate: 0.5, decaySteps: 4, staircase: true });
    const loaded = fromConfig(toConfig(stairs));
    for (const t of [0, 3.9, 4, 11, 1e4]) expect(loaded(t)).toBe(stairs(t));
  });

  it('rejects a negative decayRate', () => {
    expect(() => inverseTime({ initialValue: 0.1, decayRate: -0.5 })).toThrow(
      new RangeError('inverseTime: `decayRate` must be a finite number >= 0; received -0.5'),
    );
  });

  it('rejects an infinite decayRate', () => {
    expect(() => inverseTime({ initialValue: 0.1, decayRate: Infinity })).toThrow(
      new RangeError('inverseTime: `decayRate` must be a finite number >= 0; received Infinity'),
    );
  });

  it('rejects a zero decaySteps', () => {
    expect(() => inverseTime({ initialValue: 0.1, decayRate: 0.5, decaySteps: 0 })).toThrow(
      new RangeError('inverseTime: `decaySteps` must be a positive finite number; received 0'),
    );
  });

  it('rejects a NaN initialValue', () => {
    expect(() => inverseTime({ initialValue: Number.NaN, decayRate: 0.5 })).toThrow(
      new RangeError('inverseTime: `initialValue` must be a finite number; received NaN'),
    );
  });

  it('rejects a missing decayRate', () => {
    expect(() => inverseTime({ initialValue: 0.1 } as never)).toThrow(new TypeError('inverseTime: `decayRate` is required; received undefined'));
  });

  it('rejects an unknown option and lists the valid ones', () => {
    expect(() => inverseTime({ initialValue: 0.1, decayRate: 0.5, decay: 1e-4 } as never)).toThrow(
      new TypeError('inverseTime: unknown option `decay`; valid options are `initialValue`, `decayRate`, `decaySteps`, `staircase`'),
    );
  });

  it('fromConfig rejects a boolean decaySteps', () => {
    expect(() => fromConfig({ type: 'inverse-time', initialValue: 0.1, decayRate: 0.5, decaySteps: true })).toThrow(
      new TypeError('inverseTime: `decaySteps` must be a positive finite number; received true'),
    );
  });
});
