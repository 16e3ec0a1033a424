import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { cosine } from './cosine.js';

describe('cosine', () => {
  it('follows the closed form inside the decay', () => {
    const s = cosine({ initialValue: 0.1, decaySteps: 100, finalValue: 0.01 });
    for (const step of [0, 1, 25, 50, 99.5]) {
      const expected = 0.1 * (0.9 * 0.5 * (1 + Math.cos((Math.PI * step) / 100)) + 0.1);
      expect(s(step)).toBeCloseTo(expected, 12);
    }
  });

  it('holds finalValue past decaySteps', () => {
    const s = cosine({ initialValue: 1, decaySteps: 10, finalValue: 0.2 });
    expect(s(10)).toBeCloseTo(0.2, 12);
    expect(s(1000)).toBeCloseTo(0.2, 12);
  });

  it('applies optax exponent to the cosine factor', () => {
    const s = cosine({ initialValue: 1, decaySteps: 10, exponent: 2 });
    expect(s(5)).toBeCloseTo(0.25, 12);
  });

  it('round-trips its config', () => {
    const s = cosine({ initialValue: 0.1, decaySteps: 100 });
    expect(toConfig(s)).toEqual({ type: 'cosine', initialValue: 0.1, decaySteps: 100, finalValue: 0, exponent: 1 });
    expect(fromConfig(toConfig(s))(37)).toBe(s(37));
  });

  it('rejects a non-positive decaySteps with name, rule and value', () => {
    expect(() => cosine({ initialValue: 0.1, decaySteps: -3 })).toThrow(new RangeError('cosine: `decaySteps` must be a positive finite number; received -3'));
  });

  it('rejects a misspelled option and suggests the right one', () => {
    expect(() => cosine({ initialValue: 0.1, decaySteps: 3, finalValeu: 0 } as never)).toThrow(/did you mean `finalValue`/);
  });

  it('rejects a negative step at evaluation', () => {
    expect(() => cosine({ initialValue: 0.1, decaySteps: 3 })(-1)).toThrow(RangeError);
  });
});

describe('cosine before 1.0', () => {
  it('refuses the old option `alpha`, naming `finalValue`', () => {
    expect(() => cosine({ initialValue: 0.1, decaySteps: 100, alpha: 0.1 } as never)).toThrow(
      new TypeError('cosine: option `alpha` was renamed `finalValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `alpha`, naming `finalValue`', () => {
    expect(() => fromConfig({ type: 'cosine', initialValue: 0.1, decaySteps: 100, alpha: 0.1, exponent: 1 })).toThrow(
      new TypeError('cosine: option `alpha` was renamed `finalValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
