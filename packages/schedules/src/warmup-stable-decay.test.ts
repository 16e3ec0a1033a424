import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { warmupStableDecay } from './warmup-stable-decay.js';

describe('warmupStableDecay', () => {
  const base = { peakValue: 1, warmupSteps: 10, stableSteps: 80, decaySteps: 10 } as const;

  it('warms up linearly from initialValue to the peak', () => {
    const s = warmupStableDecay({ ...base, initialValue: 0.2 });
    expect(s(0)).toBe(0.2);
    expect(s(2.5)).toBeCloseTo(0.4, 12);
    expect(s(10)).toBe(1);
  });

  it('holds the peak through the stable phase', () => {
    const s = warmupStableDecay(base);
    expect(s(10)).toBe(1);
    expect(s(50.5)).toBe(1);
    expect(s(90)).toBe(1);
  });

  it('decays linearly by default and holds finalValue after', () => {
    const s = warmupStableDecay({ ...base, finalValue: 0.1 });
    expect(s(92.5)).toBeCloseTo(0.775, 12);
    expect(s(100)).toBeCloseTo(0.1, 15);
    expect(s(1e4)).toBeCloseTo(0.1, 15);
  });

  it('decays along a half cosine with the cosine shape', () => {
    const s = warmupStableDecay({ ...base, decayShape: 'cosine' });
    expect(s(92.5)).toBeCloseTo((1 + Math.cos(Math.PI / 4)) / 2, 12);
    expect(s(95)).toBeCloseTo(0.5, 12);
  });

  it('decays as 1 - sqrt(p) with the sqrt shape', () => {
    const s = warmupStableDecay({ ...base, decayShape: 'sqrt' });
    expect(s(92.5)).toBeCloseTo(0.5, 12);
    expect(s(91)).toBeCloseTo(1 - Math.sqrt(0.1), 12);
  });

  it('goes straight to the decay when warmupSteps and stableSteps are 0', () => {
    const s = warmupStableDecay({ peakValue: 2, warmupSteps: 0, stableSteps: 0, decaySteps: 4 });
    expect(s(0)).toBe(2);
    expect(s(1)).toBeCloseTo(1.5, 12);
  });

  it('fills defaults into its config and round-trips it', () => {
    const s = warmupStableDecay(base);
    expect(toConfig(s)).toEqual({ type: 'warmup-stable-decay', ...base, initialValue: 0, finalValue: 0, decayShape: 'linear' });
    expect(fromConfig(toConfig(s))(93.3)).toBe(s(93.3));
  });

  describe('rejects invalid options', () => {
    it('a zero decaySteps', () => {
      expect(() => warmupStableDecay({ ...base, decaySteps: 0 })).toThrow(
        new RangeError('warmupStableDecay: `decaySteps` must be a positive finite number; received 0'),
      );
    });
    it('a negative stableSteps', () => {
      expect(() => warmupStableDecay({ ...base, stableSteps: -5 })).toThrow(
        new RangeError('warmupStableDecay: `stableSteps` must be a finite number >= 0; received -5'),
      );
    });
    it('a NaN warmupSteps', () => {
      expect(() => warmupStableDecay({ ...base, warmupSteps: Number.NaN })).toThrow(
        new RangeError('warmupStableDecay: `warmupSteps` must be a finite number >= 0; received NaN'),
      );
    });
    it('an infinite peakValue', () => {
      expect(() => warmupStableDecay({ ...base, peakValue: Infinity })).toThrow(
        new RangeError('warmupStableDecay: `peakValue` must be a finite number; received Infinity'),
      );
    });
    it('an unknown decayShape', () => {
      expect(() => warmupStableDecay({ ...base, decayShape: 'exp' as never })).toThrow(
        new RangeError("warmupStableDecay: `decayShape` must be one of 'linear', 'cosine', 'sqrt'; received \"exp\""),
      );
    });
    it('a missing stableSteps', () => {
      expect(() => warmupStableDecay({ peakValue: 1, warmupSteps: 1, decaySteps: 1 } as never)).toThrow(
        new TypeError('warmupStableDecay: `stableSteps` is required; received undefined'),
      );
    });
    it('an unknown key', () => {
      expect(() => warmupStableDecay({ ...base, peak: 1 } as never)).toThrow(/warmupStableDecay: unknown option `peak`/);
    });
  });
});
