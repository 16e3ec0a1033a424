import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlateauReducer } from '../plateau.js';
import { maxRelativeError } from './reference/compare.js';
import { Optimizer, ReduceLROnPlateau } from './reference/pytorch.js';
import { torchPlateau } from './torch-plateau.js';

function run(reducer: PlateauReducer, metrics: readonly number[], lr = 1): number[] {
  let state = reducer.init();
  return metrics.map((metric) => {
    state = reducer.update(state, metric, lr);
    return reducer.apply(state, lr);
  });
}

function torchReference(options: ConstructorParameters<typeof ReduceLROnPlateau>[1], metrics: readonly number[], lr = 1): number[] {
  const optimizer = new Optimizer(lr);
  const scheduler = new ReduceLROnPlateau(optimizer, options);
  return metrics.map((metric) => {
    scheduler.step(metric);
    return optimizer.group.lr;
  });
}

const golden = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];

describe('torchPlateau', () => {
  it('gives the PyTorch golden sequence (reduces when bad epochs EXCEED patience 2)', () => {
    const values = run(torchPlateau({ factor: 0.1, patience: 2 }), golden);
    [1, 1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01].forEach((value, index) => expect(values[index]).toBeCloseTo(value, 12));
  });

  it('maps patience to native patience + 1 and threshold_mode rel to relative', () => {
    const { config } = torchPlateau({ patience: 2, threshold: 0.01, eps: 1e-6, min_lr: 0.001 });
    expect(config).toMatchObject({ patience: 3, minDelta: 0.01, minDeltaMode: 'relative', minChange: 1e-6, minValue: 0.001, cooldown: 0 });
  });

  it('ignores cooldown epochs after a reduction, as PyTorch does', () => {
    const metrics = [1, 2, 2, 2, 2, 2, 2, 2, 2, 2];
    const options = { factor: 0.5, patience: 1, cooldown: 2 };
    expect(run(torchPlateau(options), metrics)).toEqual(torchReference(options, metrics));
    expect(run(torchPlateau(options), metrics)).toEqual([1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25]);
  });

  it('floors at min_lr', () => {
    const values = run(torchPlateau({ factor: 0.1, patience: 0, min_lr: 0.05 }), [1, 2, 2, 2]);
    expect(values).toEqual([1, 0.1, 0.05, 0.05]);
  });

  it('skips reductions of eps or less', () => {
    const metrics = [1, 2, 2, 2, 2];
    const options = { factor: 0.5, patience: 0, eps: 0.3 };
    expect(run(torchPlateau(options), metrics)).toEqual(torchReference(options, metrics));
    expect(run(torchPlateau(options), metrics)).toEqual([1, 0.5, 0.5, 0.5, 0.5]);
  });

  it('uses a relative threshold by default and an absolute one with threshold_mode abs', () => {
    const metrics = [100, 99.995, 99.99, 99.98];
    expect(run(torchPlateau({ patience: 0, threshold: 1e-4 }), metrics)).toEqual(torchReference({ patience: 0, threshold: 1e-4 }, metrics));
    expect(run(torchPlateau({ patience: 0, threshold: 1e-4, threshold_mode: 'abs' }), metrics)).toEqual([1, 1, 1, 1]);
  });

  it('matches the ported PyTorch ReduceLROnPlateau on random metric sequences and options', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.record({
          mode: fc.constantFrom('min' as const, 'max' as const),
          factor: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          patience: fc.integer({ min: 0, max: 5 }),
          threshold: fc.constantFrom(0, 1e-4, 0.01, 0.1),
          threshold_mode: fc.constantFrom('rel' as const, 'abs' as const),
          cooldown: fc.integer({ min: 0, max: 4 }),
          min_lr: fc.constantFrom(0, 1e-3, 0.05),
          eps: fc.constantFrom(0, 1e-8, 1e-3),
        }),
        fc.constantFrom(1, 0.1, 3e-4),
        (walk, options, lr) => {
          const metrics = walk.map((value, index) => value + (index % 7 === 0 ? 0 : 0.5 * Math.sin(index)));
          expect(maxRelativeError(run(torchPlateau(options), metrics, lr), torchReference(options, metrics, lr))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });
});

describe('torchPlateau errors', () => {
  it('suggest the closest PyTorch argument', () => {
    expect(() => torchPlateau({ treshold: 0.1 } as never)).toThrow(/torchPlateau: unknown option `treshold` \(did you mean `threshold`\?\)/);
  });

  it('rejects a factor >= 1 naming the PyTorch argument', () => {
    expect(() => torchPlateau({ factor: 1 })).toThrow(new RangeError('torchPlateau: `factor` must be a number in (0, 1); received 1'));
  });

  it('rejects an unknown mode or threshold_mode', () => {
    expect(() => torchPlateau({ mode: 'auto' } as never)).toThrow(/`mode` must be one of 'min', 'max'/);
    expect(() => torchPlateau({ threshold_mode: 'relative' } as never)).toThrow(/`threshold_mode` must be one of 'rel', 'abs'/);
  });

  it('rejects a negative patience naming the PyTorch argument', () => {
    expect(() => torchPlateau({ patience: -1 })).toThrow(new RangeError('torchPlateau: `patience` must be an integer >= 0; received -1'));
  });
});
