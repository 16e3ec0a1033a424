import { describe, expect, it } from 'vitest';
import { constant } from '../constant.js';
import { cosine } from '../cosine.js';
import { exponential } from '../exponential.js';
import { inverseSqrt } from '../inverse-sqrt.js';
import { inverseTime } from '../inverse-time.js';
import { linear } from '../linear.js';
import { multiStep } from '../multi-step.js';
import { piecewiseConstant } from '../piecewise-constant.js';
import { polynomial } from '../polynomial.js';
import { defineSchedule, type Schedule } from '../schedule.js';
import { step } from '../step.js';
import { fromKeras } from './keras.js';
import { expectSameValues, sample } from './reference/compare.js';
import { toKeras } from './to-keras.js';
import { toTorch } from './to-torch.js';
import { fromTorch } from './torch.js';

const steps = 400;

function expectTorchEquivalent(native: Schedule, count = steps): void {
  const equivalent = toTorch(native);
  const preset = fromTorch(equivalent.name, equivalent.args, equivalent.baseLr === undefined ? {} : { baseLr: equivalent.baseLr });
  const last = equivalent.exactUntil ?? count;
  expectSameValues(sample(preset, last), sample(native, last));
}

function expectKerasEquivalent(native: Schedule, count = steps): void {
  const equivalent = toKeras(native);
  expectSameValues(sample(fromKeras(equivalent), count), sample(native, count));
}

describe('toTorch', () => {
  it('maps step to StepLR, with the Python line', () => {
    const native = step({ initialValue: 0.1, stepSize: 10, factor: 0.5 });
    expect(toTorch(native)).toEqual({
      name: 'StepLR',
      args: { step_size: 10, gamma: 0.5 },
      baseLr: 0.1,
      python: 'StepLR(optimizer, step_size=10, gamma=0.5)',
    });
    expectTorchEquivalent(native);
  });

  it('maps multiStep to MultiStepLR', () => {
    expectTorchEquivalent(multiStep({ initialValue: 0.1, milestones: [30, 80, 81], factor: 0.3 }));
  });

  it('maps exponential with decaySteps 1 to ExponentialLR', () => {
    const native = exponential({ initialValue: 0.1, decayRate: 0.99 });
    expect(toTorch(native).name).toBe('ExponentialLR');
    expectTorchEquivalent(native);
  });

  it('maps a staircase exponential with integer decaySteps to StepLR', () => {
    const native = exponential({ initialValue: 0.1, decayRate: 0.5, decaySteps: 25, staircase: true });
    expect(toTorch(native).name).toBe('StepLR');
    expectTorchEquivalent(native);
  });

  it('maps polynomial to PolynomialLR, linear to LinearLR and constant to ConstantLR', () => {
    expectTorchEquivalent(polynomial({ initialValue: 0.1, decaySteps: 200, power: 2 }));
    expectTorchEquivalent(linear({ initialValue: 0.01, finalValue: 0.1, steps: 50 }));
    expectTorchEquivalent(linear({ initialValue: 0.1, finalValue: 0, steps: 50 }));
    expectTorchEquivalent(constant({ value: 0.3 }));
  });

  it('maps cosine to CosineAnnealingLR, identical up to T_max only', () => {
    const native = cosine({ initialValue: 0.1, decaySteps: 300, alpha: 0.01 });
    const equivalent = toTorch(native);
    expect(equivalent).toMatchObject({ name: 'CosineAnnealingLR', args: { T_max: 300, eta_min: 0.001 }, exactUntil: 300 });
    expectTorchEquivalent(native);
    const preset = fromTorch(equivalent.name, equivalent.args, { baseLr: 0.1 });
    expect(preset(350)).toBeGreaterThan(native(350));
  });

  it('maps cosine restarts, cyclic and one-cycle configs to their PyTorch classes', () => {
    const restarts = defineSchedule(
      { type: 'cosine-restarts', initialValue: 0.1, firstPeriod: 10, periodMultiplier: 2, peakMultiplier: 1, alpha: 0.1, cycleLimit: 0 },
      () => 0,
    );
    expect(toTorch(restarts)).toMatchObject({ name: 'CosineAnnealingWarmRestarts', args: { T_0: 10, T_mult: 2, eta_min: 0.010000000000000002 } });
    const cyclic = defineSchedule(
      { type: 'cyclic', baseValue: 0.01, maxValue: 0.1, stepSizeUp: 5, stepSizeDown: 8, mode: 'exp-range', gamma: 0.99, scaleMode: 'cycle', baseMomentum: 0.8, maxMomentum: 0.9 },
      () => 0,
    );
    expect(toTorch(cyclic)).toMatchObject({ name: 'CyclicLR', args: { mode: 'exp_range', cycle_momentum: true, base_momentum: 0.8 } });
    const oneCycle = defineSchedule(
      { type: 'one-cycle', maxValue: 1, totalSteps: 99, warmupFraction: 0.3, annealing: 'cos', initialDivisor: 25, finalDivisor: 1e4, threePhase: false, baseMomentum: 0.85, maxMomentum: 0.95, cycleMomentum: true },
      () => 0,
    );
    const equivalent = toTorch(oneCycle);
    expect(equivalent).toMatchObject({ name: 'OneCycleLR', args: { total_steps: 100 }, exactUntil: 99 });
    // PyTorch's peak lands on the native peak step warmupFraction * totalSteps = 29.7.
    const preset = fromTorch(equivalent.name, equivalent.args, {});
    expect(preset(29)).toBeLessThan(1);
    expect(preset(99)).toBeCloseTo(1 / 25 / 1e4, 15);
  });

  it('returns a PyTorch preset unchanged', () => {
    expect(toTorch(fromTorch('StepLR', { step_size: 3 }, { baseLr: 1 }))).toMatchObject({ name: 'StepLR', args: { step_size: 3, gamma: 0.1 }, baseLr: 1 });
  });

  it('throws naming why when there is no exact equivalent', () => {
    expect(() => toTorch(exponential({ initialValue: 0.1, decayRate: 0.5, decaySteps: 10 }))).toThrow(
      /toTorch: a 'exponential' schedule has no exact PyTorch equivalent: ExponentialLR multiplies by gamma once per step\(\), so decaySteps must be 1/,
    );
    expect(() => toTorch(inverseSqrt({ initialValue: 1 }))).toThrow(/'inverse-sqrt' schedule has no exact PyTorch equivalent/);
    expect(() => toTorch(polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10 }))).toThrow(/PolynomialLR decays to 0/);
    expect(() => toTorch(fromTorch('LambdaLR', { lr_lambda: () => 1 }, { baseLr: 1 }))).toThrow(/JavaScript function/);
  });
});

describe('toKeras', () => {
  it('maps step to a staircase ExponentialDecay in the serialize() shape', () => {
    const native = step({ initialValue: 0.1, stepSize: 10, factor: 0.5 });
    expect(toKeras(native)).toEqual({
      module: 'keras.optimizers.schedules',
      class_name: 'ExponentialDecay',
      config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, staircase: true },
      registered_name: null,
    });
    expectKerasEquivalent(native);
  });

  it('maps multiStep and piecewiseConstant to PiecewiseConstantDecay with boundaries one step earlier', () => {
    const native = multiStep({ initialValue: 0.1, milestones: [30, 80], factor: 0.1 });
    expect(toKeras(native).config.boundaries).toEqual([29, 79]);
    expectKerasEquivalent(native);
    expectKerasEquivalent(piecewiseConstant({ boundaries: [10, 20.5, 300], values: [1, 0.5, 0.25, 0.125] }));
  });

  it('maps exponential, inverseTime, polynomial (with cycle), linear, cosine and constant', () => {
    expectKerasEquivalent(exponential({ initialValue: 0.1, decayRate: 0.96, decaySteps: 7 }));
    expectKerasEquivalent(exponential({ initialValue: 0.1, decayRate: 0.5, decaySteps: 7, staircase: true }));
    expectKerasEquivalent(inverseTime({ initialValue: 0.1, decayRate: 0.5, decaySteps: 3 }));
    expectKerasEquivalent(polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 40, power: 0.5, cycle: true }));
    expectKerasEquivalent(linear({ initialValue: 0.1, finalValue: 0.02, steps: 90 }));
    expectKerasEquivalent(cosine({ initialValue: 0.1, decaySteps: 300, alpha: 0.1 }));
    expectKerasEquivalent(constant({ value: 0.01 }));
  });

  it('maps a linear warm-up of a cosine to CosineDecay with warmup_target', () => {
    const warm = defineSchedule(
      { type: 'warmup', schedule: { type: 'cosine', initialValue: 1, decaySteps: 15, alpha: 0, exponent: 1 }, warmupSteps: 5, initialValue: 0, shape: 'linear' },
      () => 0,
    );
    expect(toKeras(warm).config).toEqual({ initial_learning_rate: 0, decay_steps: 15, alpha: 0, warmup_target: 1, warmup_steps: 5 });
  });

  it('maps cosine restarts to CosineDecayRestarts', () => {
    const restarts = defineSchedule(
      { type: 'cosine-restarts', initialValue: 0.1, firstPeriod: 10, periodMultiplier: 2, peakMultiplier: 0.5, alpha: 0.1, cycleLimit: 0 },
      () => 0,
    );
    expect(toKeras(restarts).config).toEqual({ initial_learning_rate: 0.1, first_decay_steps: 10, t_mul: 2, m_mul: 0.5, alpha: 0.1 });
  });

  it('throws naming why when there is no exact equivalent', () => {
    expect(() => toKeras(exponential({ initialValue: 0.1, decayRate: 0.5, endValue: 0.01 }))).toThrow(
      /toKeras: a 'exponential' schedule has no exact Keras equivalent: ExponentialDecay has no transitionBegin or endValue/,
    );
    expect(() => toKeras(cosine({ initialValue: 0.1, decaySteps: 10, exponent: 2 }))).toThrow(/CosineDecay has no exponent/);
    expect(() => toKeras(inverseSqrt({ initialValue: 1 }))).toThrow(/'inverse-sqrt' schedule has no exact Keras equivalent/);
    expect(() => toKeras(piecewiseConstant({ boundaries: [1.2, 1.5], values: [1, 2, 3] }))).toThrow(/two boundaries fall between the same integer steps/);
  });
});
