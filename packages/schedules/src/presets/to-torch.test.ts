import { describe, expect, it } from 'vitest';
import { constant } from '../constant.js';
import { cosine } from '../cosine.js';
import { exponential } from '../exponential.js';
import { inverseSqrt } from '../inverse-sqrt.js';
import { linear } from '../linear.js';
import { multiStep } from '../multi-step.js';
import { polynomial } from '../polynomial.js';
import { defineSchedule, type Schedule } from '../schedule.js';
import { step } from '../step.js';
import { expectSameValues, sample } from './reference/compare.js';
import { toTorch } from './to-torch.js';
import { fromTorch } from './torch.js';

const steps = 400;

function expectTorchEquivalent(native: Schedule, count = steps): void {
  const equivalent = toTorch(native);
  const preset = fromTorch(equivalent.name, equivalent.args, equivalent.baseLr === undefined ? {} : { baseLr: equivalent.baseLr });
  const last = equivalent.exactUntil ?? count;
  expectSameValues(sample(preset, last), sample(native, last));
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

