import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlateauReducer } from '../plateau.js';
import { kerasPlateau } from './keras-plateau.js';
import { maxRelativeError } from './reference/compare.js';
import { KerasReduceLROnPlateau } from './reference/keras.js';

function run(reducer: PlateauReducer, metrics: readonly number[], lr = 1): number[] {
  let state = reducer.init();
  return metrics.map((metric) => {
    state = reducer.update(state, metric, lr);
    return reducer.apply(state, lr);
  });
}

function kerasReference(options: ConstructorParameters<typeof KerasReduceLROnPlateau>[1], metrics: readonly number[], lr = 1): number[] {
  const callback = new KerasReduceLROnPlateau(lr, options);
  return metrics.map((metric) => {
    callback.onEpochEnd(metric);
    return callback.lr;
  });
}

const golden = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];

describe('kerasPlateau', () => {
  it('gives the Keras golden sequence (reduces when the wait REACHES patience 2)', () => {
    const values = run(kerasPlateau({ factor: 0.1, patience: 2 }), golden);
    [1, 1, 1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001].forEach((value, index) => expect(values[index]).toBeCloseTo(value, 12));
  });

  it('ignores one cooldown epoch fewer than PyTorch (native cooldown = cooldown - 1)', () => {
    const metrics = [1, 2, 2, 2, 2, 2, 2, 2, 2, 2];
    const options = { factor: 0.5, patience: 1, cooldown: 2 };
    expect(kerasPlateau(options).config.cooldown).toBe(1);
    expect(run(kerasPlateau(options), metrics)).toEqual(kerasReference(options, metrics));
    expect(run(kerasPlateau(options), metrics)).toEqual([1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.0625, 0.0625, 0.03125]);
  });

  it('treats cooldown 1 exactly like cooldown 0', () => {
    const metrics = [1, 2, 2, 2, 2, 2];
    expect(run(kerasPlateau({ patience: 1, cooldown: 1 }), metrics)).toEqual(run(kerasPlateau({ patience: 1, cooldown: 0 }), metrics));
    expect(run(kerasPlateau({ patience: 1, cooldown: 1 }), metrics)).toEqual(kerasReference({ patience: 1, cooldown: 1 }, metrics));
  });

  it('uses an absolute min_delta', () => {
    const metrics = [100, 99.995, 99.99, 99.98];
    expect(run(kerasPlateau({ patience: 1, min_delta: 1e-4 }), metrics)).toEqual([1, 1, 1, 1]);
  });

  it('floors at min_lr', () => {
    expect(run(kerasPlateau({ factor: 0.1, patience: 1, min_lr: 0.05 }), [1, 2, 2, 2])).toEqual([1, 0.1, 0.05, 0.05]);
  });

  it('infers max mode in auto mode when the monitor name contains acc', () => {
    expect(kerasPlateau({ monitor: 'val_accuracy' }).config.mode).toBe('max');
    expect(kerasPlateau({ monitor: 'val_loss' }).config.mode).toBe('min');
    expect(kerasPlateau({ monitor: 'val_accuracy' }).monitor).toBe('val_accuracy');
  });

  it('matches the ported Keras callback on random metric sequences and options', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.record({
          monitor: fc.constantFrom('val_loss', 'val_acc', 'loss'),
          mode: fc.constantFrom('auto' as const, 'min' as const, 'max' as const),
          factor: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          patience: fc.integer({ min: 0, max: 5 }),
          min_delta: fc.constantFrom(0, 1e-4, 0.01, 0.1),
          cooldown: fc.integer({ min: 0, max: 4 }),
          min_lr: fc.constantFrom(0, 0.001, 0.05),
        }),
        fc.constantFrom(1, 0.1, 0.25),
        (walk, options, lr) => {
          const metrics = walk.map((value, index) => value + (index % 5 === 0 ? 0 : 0.5 * Math.cos(index)));
          expect(maxRelativeError(run(kerasPlateau(options), metrics, lr), kerasReference(options, metrics, lr))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });
});

describe('kerasPlateau errors', () => {
  it('suggest the closest Keras argument', () => {
    expect(() => kerasPlateau({ min_detla: 0.1 } as never)).toThrow(/kerasPlateau: unknown option `min_detla` \(did you mean `min_delta`\?\)/);
  });

  it('rejects a factor >= 1 naming the Keras argument', () => {
    expect(() => kerasPlateau({ factor: 2 })).toThrow(new RangeError('kerasPlateau: `factor` must be a number in (0, 1); received 2'));
  });

  it('rejects an unknown mode (Keras would warn and fall back to auto)', () => {
    expect(() => kerasPlateau({ mode: 'lowest' } as never)).toThrow(/`mode` must be one of 'auto', 'min', 'max'/);
  });

  it('rejects a negative min_delta naming the Keras argument', () => {
    expect(() => kerasPlateau({ min_delta: -0.1 })).toThrow(new RangeError('kerasPlateau: `min_delta` must be a finite number >= 0; received -0.1'));
  });
});
