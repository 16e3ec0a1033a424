import { describe, expect, it } from 'vitest';
import { constant } from '../constant.js';
import { cosine } from '../cosine.js';
import { cosineRestarts } from '../cosine-restarts.js';
import { exponential } from '../exponential.js';
import { inverseSqrt } from '../inverse-sqrt.js';
import { inverseTime } from '../inverse-time.js';
import { linear } from '../linear.js';
import { multiStep } from '../multi-step.js';
import { piecewiseConstant } from '../piecewise-constant.js';
import { polynomial } from '../polynomial.js';
import type { Schedule } from '../schedule.js';
import { step } from '../step.js';
import { warmup } from '../warmup.js';
import { fromKeras } from './keras.js';
import { expectSameValues, sample } from './reference/compare.js';
import { toKeras } from './to-keras.js';

const steps = 400;

function expectKerasEquivalent(native: Schedule, count = steps): void {
  const equivalent = toKeras(native);
  expectSameValues(sample(fromKeras(equivalent), count), sample(native, count));
}

describe('toKeras', () => {
  it('maps step to a staircase ExponentialDecay in the serialize() shape', () => {
    const native = step({ initialValue: 0.1, periodSteps: 10, factor: 0.5 });
    expect(toKeras(native)).toEqual({
      module: 'keras.optimizers.schedules',
      class_name: 'ExponentialDecay',
      config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, staircase: true },
      registered_name: null,
    });
    expectKerasEquivalent(native);
  });

  it('maps multiStep and piecewiseConstant to PiecewiseConstantDecay with boundaries one step earlier', () => {
    const native = multiStep({ initialValue: 0.1, boundaries: [30, 80], factor: 0.1 });
    expect(toKeras(native).config.boundaries).toEqual([29, 79]);
    expectKerasEquivalent(native);
    expectKerasEquivalent(piecewiseConstant({ boundaries: [10, 20.5, 300], values: [1, 0.5, 0.25, 0.125] }));
  });

  it('maps exponential, inverseTime, polynomial (with cycle), linear, cosine and constant', () => {
    expectKerasEquivalent(exponential({ initialValue: 0.1, decayRate: 0.96, decaySteps: 7 }));
    expectKerasEquivalent(exponential({ initialValue: 0.1, decayRate: 0.5, decaySteps: 7, staircase: true }));
    expectKerasEquivalent(inverseTime({ initialValue: 0.1, decayRate: 0.5, decaySteps: 3 }));
    expectKerasEquivalent(polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 40, power: 0.5, cycle: true }));
    expectKerasEquivalent(linear({ initialValue: 0.1, finalValue: 0.02, totalSteps: 90 }));
    expectKerasEquivalent(cosine({ initialValue: 0.1, decaySteps: 300, finalValue: 0.01 }));
    expectKerasEquivalent(constant({ value: 0.01 }));
  });

  it('maps a linear warm-up of a cosine to CosineDecay with warmup_target (the golden warm-up example)', () => {
    const native = warmup({ schedule: cosine({ initialValue: 1, decaySteps: 15 }), warmupSteps: 5, initialValue: 0 });
    expect(toKeras(native).config).toEqual({ initial_learning_rate: 0, decay_steps: 15, alpha: 0, warmup_target: 1, warmup_steps: 5 });
    expectKerasEquivalent(native);
    expectKerasEquivalent(warmup({ schedule: cosine({ initialValue: 0.1, decaySteps: 300, finalValue: 0.005 }), warmupSteps: 40, initialValue: 0.001 }));
  });

  it('gives the cosine floor as the fraction alpha = finalValue / initialValue', () => {
    expect(toKeras(cosine({ initialValue: 0.5, decaySteps: 10, finalValue: 0.05 })).config).toEqual({
      initial_learning_rate: 0.5,
      decay_steps: 10,
      alpha: 0.1,
    });
    expect(toKeras(cosineRestarts({ initialValue: 2, periodSteps: 10, finalValue: 0.5 })).config.alpha).toBe(0.25);
    expect(toKeras(cosine({ initialValue: 0, decaySteps: 10 })).config.alpha).toBe(0);
    expect(() => toKeras(cosine({ initialValue: 0, decaySteps: 10, finalValue: 0.1 }))).toThrow(
      /^toKeras: a 'cosine' schedule has no exact Keras equivalent: Keras gives the final value as a fraction alpha of initial_learning_rate, and initialValue is 0/,
    );
  });

  it('maps cosineRestarts to CosineDecayRestarts', () => {
    expectKerasEquivalent(cosineRestarts({ initialValue: 0.1, periodSteps: 10, periodMultiplier: 2, peakMultiplier: 0.8, finalValue: 0.01 }));
    expectKerasEquivalent(cosineRestarts({ initialValue: 0.1, periodSteps: 13, periodMultiplier: 1, peakMultiplier: 0.9 }));
  });

  it('refuses a cosine warm-up shape Keras does not have', () => {
    expect(() => toKeras(warmup({ schedule: cosine({ initialValue: 1, decaySteps: 15 }), warmupSteps: 5, shape: 'cosine' }))).toThrow(
      /Keras warms up only linearly/,
    );
  });

  it('throws naming why when there is no exact equivalent', () => {
    expect(() => toKeras(exponential({ initialValue: 0.1, decayRate: 0.5, finalValue: 0.01 }))).toThrow(
      /toKeras: a 'exponential' schedule has no exact Keras equivalent: ExponentialDecay has no transitionBegin or finalValue/,
    );
    expect(() => toKeras(cosine({ initialValue: 0.1, decaySteps: 10, exponent: 2 }))).toThrow(/CosineDecay has no exponent/);
    expect(() => toKeras(inverseSqrt({ initialValue: 1 }))).toThrow(/'inverse-sqrt' schedule has no exact Keras equivalent/);
    expect(() => toKeras(piecewiseConstant({ boundaries: [1.2, 1.5], values: [1, 2, 3] }))).toThrow(/two boundaries fall between the same integer steps/);
  });
});
