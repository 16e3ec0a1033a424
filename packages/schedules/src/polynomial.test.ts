import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { polynomial } from './polynomial.js';

describe('polynomial', () => {
  it('follows the closed form inside the decay, fractional steps included', () => {
    const s = polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10, power: 2 });
    for (const t of [0, 1, 5, 7.25, 9.9]) {
      expect(s(t)).toBeCloseTo(0.09 * (1 - t / 10) ** 2 + 0.01, 12);
    }
    expect(s(5)).toBeCloseTo(0.0325, 12);
  });

  it('defaults to a straight line down to 0', () => {
    const s = polynomial({ initialValue: 2, decaySteps: 8 });
    expect(s(2)).toBeCloseTo(1.5, 12);
    expect(s(6)).toBeCloseTo(0.5, 12);
  });

  it('reaches finalValue at decaySteps and holds it past the horizon', () => {
    const s = polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10, power: 0.5 });
    expect(s(10)).toBe(0.01);
    expect(s(10.5)).toBe(0.01);
    expect(s(1e6)).toBe(0.01);
  });

  it('with cycle reaches finalValue at each multiple of decaySteps (Keras)', () => {
    const s = polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10, power: 0.5, cycle: true });
    expect(s(0)).toBe(0.1);
    expect(s(10)).toBeCloseTo(0.01, 12);
    expect(s(20)).toBeCloseTo(0.01, 12);
    expect(s(30)).toBeCloseTo(0.01, 12);
  });

  it('with cycle decays again over a horizon one decaySteps longer (Keras)', () => {
    const s = polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10, power: 0.5, cycle: true });
    // step 15: horizon ceil(15 / 10) * 10 = 20, p = 0.75
    expect(s(15)).toBeCloseTo(0.09 * Math.sqrt(0.25) + 0.01, 12);
    expect(s(15)).toBeCloseTo(0.055, 12);
    // step 21: horizon 30, p = 0.7
    expect(s(21)).toBeCloseTo(0.09 * Math.sqrt(0.3) + 0.01, 12);
    // fractional step 10.5: horizon 20
    expect(s(10.5)).toBeCloseTo(0.09 * Math.sqrt(1 - 10.5 / 20) + 0.01, 12);
  });

  it('with cycle reaches exactly finalValue where decaySteps * ceil(t / decaySteps) rounds below t', () => {
    // 0.7 * ceil(63203 / 0.7) = 63202.99999999999 < 63203: Keras's form would take a root of a negative number.
    const s = polynomial({ initialValue: 1, finalValue: 0.1, decaySteps: 0.7, power: 0.5, cycle: true });
    expect(s(63203)).toBe(0.1);
  });

  it('with cycle stays finite when t / decaySteps underflows to 0', () => {
    const s = polynomial({ initialValue: 1, finalValue: 0.1, decaySteps: 2, power: 0.5, cycle: true });
    expect(s(Number.MIN_VALUE)).toBe(1);
  });

  it('with cycle matches the non-cycling schedule in the first period', () => {
    const plain = polynomial({ initialValue: 1, finalValue: 0.1, decaySteps: 10, power: 3 });
    const cycling = polynomial({ initialValue: 1, finalValue: 0.1, decaySteps: 10, power: 3, cycle: true });
    for (const t of [0, 0.5, 3, 9.99, 10]) expect(cycling(t)).toBeCloseTo(plain(t), 12);
  });

  it('can rise when finalValue is above initialValue', () => {
    const s = polynomial({ initialValue: 0, finalValue: 1, decaySteps: 4, power: 2 });
    expect(s(2)).toBeCloseTo(0.75, 12);
    expect(s(4)).toBe(1);
  });

  it('fills the defaults into its config and round-trips it', () => {
    const s = polynomial({ initialValue: 0.1, decaySteps: 100 });
    expect(toConfig(s)).toEqual({
      type: 'polynomial',
      initialValue: 0.1,
      finalValue: 0,
      decaySteps: 100,
      power: 1,
      cycle: false,
    });
    const cycling = polynomial({ initialValue: 0.1, finalValue: 0.02, decaySteps: 7, power: 1.5, cycle: true });
    const loaded = fromConfig(toConfig(cycling));
    for (const t of [0, 3, 7, 7.5, 40]) expect(loaded(t)).toBe(cycling(t));
  });

  it('rejects a zero decaySteps', () => {
    expect(() => polynomial({ initialValue: 0.1, decaySteps: 0 })).toThrow(
      new RangeError('polynomial: `decaySteps` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative power', () => {
    expect(() => polynomial({ initialValue: 0.1, decaySteps: 10, power: -1 })).toThrow(
      new RangeError('polynomial: `power` must be a positive finite number; received -1'),
    );
  });

  it('rejects a zero power', () => {
    expect(() => polynomial({ initialValue: 0.1, decaySteps: 10, power: 0 })).toThrow(
      new RangeError('polynomial: `power` must be a positive finite number; received 0'),
    );
  });

  it('rejects a NaN finalValue', () => {
    expect(() => polynomial({ initialValue: 0.1, finalValue: Number.NaN, decaySteps: 10 })).toThrow(
      new RangeError('polynomial: `finalValue` must be a finite number; received NaN'),
    );
  });

  it('rejects an infinite decaySteps', () => {
    expect(() => polynomial({ initialValue: 0.1, decaySteps: Infinity })).toThrow(
      new RangeError('polynomial: `decaySteps` must be a positive finite number; received Infinity'),
    );
  });

  it('rejects a non-boolean cycle', () => {
    expect(() => polynomial({ initialValue: 0.1, decaySteps: 10, cycle: 1 } as never)).toThrow(
      new TypeError('polynomial: `cycle` must be a boolean; received 1'),
    );
  });

  it('rejects a missing initialValue', () => {
    expect(() => polynomial({ decaySteps: 10 } as never)).toThrow(new TypeError('polynomial: `initialValue` is required; received undefined'));
  });

  it('rejects an unknown option and suggests the right one', () => {
    expect(() => polynomial({ initialValue: 0.1, decaySteps: 10, powr: 2 } as never)).toThrow(
      new TypeError(
        'polynomial: unknown option `powr` (did you mean `power`?); ' + 'valid options are `initialValue`, `finalValue`, `decaySteps`, `power`, `cycle`',
      ),
    );
  });

  it('fromConfig rejects a string cycle', () => {
    expect(() => fromConfig({ type: 'polynomial', initialValue: 0.1, decaySteps: 10, cycle: 'true' })).toThrow(
      new TypeError('polynomial: `cycle` must be a boolean; received "true"'),
    );
  });
});
