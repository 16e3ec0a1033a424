import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { cyclic } from './cyclic.js';

describe('cyclic', () => {
  it('matches the PyTorch CyclicLR triangular golden values', () => {
    const s = cyclic({ initialValue: 0.001, peakValue: 0.006, riseSteps: 2000 });
    const expected = [0.001, 0.0035, 0.006, 0.0035, 0.001, 0.006];
    [0, 1000, 2000, 3000, 4000, 6000].forEach((step, index) => {
      expect(s(step)).toBeCloseTo(expected[index] as number, 12);
    });
  });

  it('follows the triangle at fractional steps', () => {
    const s = cyclic({ initialValue: 1, peakValue: 3, riseSteps: 4 });
    expect(s(0.5)).toBeCloseTo(1.25, 12);
    expect(s(5.5)).toBeCloseTo(2.25, 12);
    expect(s(8.25)).toBeCloseTo(1.125, 12);
  });

  it('uses asymmetric up and down lengths', () => {
    const s = cyclic({ initialValue: 0, peakValue: 1, riseSteps: 2, fallSteps: 8 });
    expect(s(1)).toBeCloseTo(0.5, 12);
    expect(s(2)).toBeCloseTo(1, 12);
    expect(s(4)).toBeCloseTo(0.75, 12);
    expect(s(10)).toBeCloseTo(0, 12);
    expect(s(11)).toBeCloseTo(0.5, 12);
  });

  it('halves the amplitude every cycle in triangular2', () => {
    const s = cyclic({ initialValue: 0.1, peakValue: 0.5, riseSteps: 5, mode: 'triangular2' });
    expect(s(5)).toBeCloseTo(0.5, 12);
    expect(s(15)).toBeCloseTo(0.3, 12);
    expect(s(25)).toBeCloseTo(0.2, 12);
    expect(s(27.5)).toBeCloseTo(0.15, 12);
    expect(s(20)).toBeCloseTo(0.1, 12);
  });

  it('scales by gamma ** step in exp-range', () => {
    const s = cyclic({ initialValue: 0.1, peakValue: 0.5, riseSteps: 5, mode: 'exp-range', gamma: 0.99 });
    expect(s.config.scaleMode).toBe('iterations');
    expect(s(5)).toBeCloseTo(0.1 + 0.4 * 0.99 ** 5, 12);
    expect(s(17)).toBeCloseTo(0.1 + 0.4 * 0.6 * 0.99 ** 17, 12);
    expect(s(2.5)).toBeCloseTo(0.1 + 0.4 * 0.5 * 0.99 ** 2.5, 12);
  });

  it('applies a custom scale function by cycle', () => {
    const s = cyclic({ initialValue: 0, peakValue: 1, riseSteps: 1, scaleFunction: (x) => 1 / x });
    expect(s(1)).toBeCloseTo(1, 12);
    expect(s(3)).toBeCloseTo(0.5, 12);
    expect(s(5)).toBeCloseTo(1 / 3, 12);
  });

  it('applies a custom scale function by iterations', () => {
    const s = cyclic({ initialValue: 0, peakValue: 1, riseSteps: 2, scaleFunction: (x) => 1 / (1 + x), scaleMode: 'iterations' });
    expect(s(2)).toBeCloseTo(1 / 3, 12);
    expect(s(6)).toBeCloseTo(1 / 7, 12);
  });

  it('marks a custom scale function as a lambda so toConfig throws', () => {
    const s = cyclic({ initialValue: 0, peakValue: 1, riseSteps: 1, scaleFunction: () => 1 });
    expect(s.config.scaleFunction).toEqual({ type: 'lambda' });
    expect(() => toConfig(s)).toThrow(
      new TypeError(
        'toConfig: schedule.scaleFunction is a lambda schedule, whose function cannot be serialised; replace it with a built-in schedule to save this config',
      ),
    );
  });

  it('cycles momentum inversely when both bounds are given', () => {
    const s = cyclic({ initialValue: 0.001, peakValue: 0.006, riseSteps: 2000, minMomentum: 0.8, maxMomentum: 0.9 });
    const momentum = s.momentum;
    expect(momentum).toBeDefined();
    expect(momentum?.(0)).toBeCloseTo(0.9, 12);
    expect(momentum?.(1000)).toBeCloseTo(0.85, 12);
    expect(momentum?.(2000)).toBeCloseTo(0.8, 12);
    expect(momentum?.(4000)).toBeCloseTo(0.9, 12);
  });

  it('scales the momentum amplitude like the value in triangular2', () => {
    const s = cyclic({ initialValue: 0, peakValue: 1, riseSteps: 5, mode: 'triangular2', minMomentum: 0.8, maxMomentum: 0.9 });
    expect(s.momentum?.(15)).toBeCloseTo(0.85, 12);
  });

  it('has no momentum schedule without momentum bounds', () => {
    expect(cyclic({ initialValue: 0, peakValue: 1, riseSteps: 1 }).momentum).toBeUndefined();
  });

  it('fills defaults into its config and round-trips it', () => {
    const s = cyclic({ initialValue: 0.1, peakValue: 0.5, riseSteps: 3, fallSteps: 7, mode: 'triangular2', minMomentum: 0.8, maxMomentum: 0.9 });
    expect(toConfig(s)).toEqual({
      type: 'cyclic',
      initialValue: 0.1,
      peakValue: 0.5,
      riseSteps: 3,
      fallSteps: 7,
      mode: 'triangular2',
      gamma: 1,
      scaleMode: 'cycle',
      minMomentum: 0.8,
      maxMomentum: 0.9,
    });
    const loaded = fromConfig(toConfig(s));
    for (const step of [0, 2.5, 13, 41]) {
      expect(loaded(step)).toBe(s(step));
      expect(loaded.momentum?.(step)).toBe(s.momentum?.(step));
    }
  });

  describe('rejects invalid options', () => {
    const valid = { initialValue: 0.1, peakValue: 1, riseSteps: 10 };
    it('initialValue greater than peakValue', () => {
      expect(() => cyclic({ ...valid, initialValue: 2 })).toThrow(new RangeError('cyclic: `peakValue` must be >= `initialValue` (2); received 1'));
    });
    it('zero riseSteps', () => {
      expect(() => cyclic({ ...valid, riseSteps: 0 })).toThrow(new RangeError('cyclic: `riseSteps` must be a positive finite number; received 0'));
    });
    it('negative fallSteps', () => {
      expect(() => cyclic({ ...valid, fallSteps: -1 })).toThrow(new RangeError('cyclic: `fallSteps` must be a positive finite number; received -1'));
    });
    it('NaN initialValue', () => {
      expect(() => cyclic({ ...valid, initialValue: Number.NaN })).toThrow(new RangeError('cyclic: `initialValue` must be a finite number; received NaN'));
    });
    it('infinite peakValue', () => {
      expect(() => cyclic({ ...valid, peakValue: Infinity })).toThrow(new RangeError('cyclic: `peakValue` must be a finite number; received Infinity'));
    });
    it('unknown mode', () => {
      expect(() => cyclic({ ...valid, mode: 'exp_range' as never })).toThrow(
        new RangeError("cyclic: `mode` must be one of 'triangular', 'triangular2', 'exp-range'; received \"exp_range\""),
      );
    });
    it('zero gamma', () => {
      expect(() => cyclic({ ...valid, gamma: 0 })).toThrow(new RangeError('cyclic: `gamma` must be a positive finite number; received 0'));
    });
    it('unknown scaleMode', () => {
      expect(() => cyclic({ ...valid, scaleMode: 'epoch' as never })).toThrow(
        new RangeError("cyclic: `scaleMode` must be one of 'cycle', 'iterations'; received \"epoch\""),
      );
    });
    it('a scaleFunction that is not a function', () => {
      expect(() => cyclic({ ...valid, scaleFunction: 2 as never })).toThrow(new TypeError('cyclic: `scaleFunction` must be a function; received 2'));
    });
    it('only one momentum bound', () => {
      expect(() => cyclic({ ...valid, minMomentum: 0.8 })).toThrow(
        new TypeError('cyclic: `maxMomentum` is required when `minMomentum` is given; received undefined'),
      );
    });
    it('minMomentum greater than maxMomentum', () => {
      expect(() => cyclic({ ...valid, minMomentum: 0.95, maxMomentum: 0.9 })).toThrow(
        new RangeError('cyclic: `maxMomentum` must be >= `minMomentum` (0.95); received 0.9'),
      );
    });
    it('a missing riseSteps', () => {
      expect(() => cyclic({ initialValue: 0, peakValue: 1 } as never)).toThrow(new TypeError('cyclic: `riseSteps` is required; received undefined'));
    });
    it('a non-number initialValue', () => {
      expect(() => cyclic({ ...valid, initialValue: '0.1' as never })).toThrow(new TypeError('cyclic: `initialValue` must be a finite number; received "0.1"'));
    });
    it('an unknown key', () => {
      expect(() => cyclic({ ...valid, riseStep: 3 } as never)).toThrow(/cyclic: unknown option `riseStep` \(did you mean `riseSteps`\?\)/);
    });
  });
});

describe('cyclic before 1.0', () => {
  it('refuses the old option `baseValue`, naming `initialValue`', () => {
    expect(() => cyclic({ baseValue: 0.001, peakValue: 0.006, riseSteps: 2000 } as never)).toThrow(
      new TypeError('cyclic: option `baseValue` was renamed `initialValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `stepSizeUp`, naming `riseSteps`', () => {
    expect(() => fromConfig({ type: 'cyclic', initialValue: 0.001, peakValue: 0.006, stepSizeUp: 2000 })).toThrow(
      new TypeError('cyclic: option `stepSizeUp` was renamed `riseSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
