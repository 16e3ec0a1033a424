import { describe, expect, it } from 'vitest';
import { constant } from '../constant.js';
import { cosine } from '../cosine.js';
import { cosineRestarts } from '../cosine-restarts.js';
import { cyclic } from '../cyclic.js';
import { exponential } from '../exponential.js';
import { inverseSqrt } from '../inverse-sqrt.js';
import { join } from '../join.js';
import { linear } from '../linear.js';
import { multiStep } from '../multi-step.js';
import { oneCycle } from '../one-cycle.js';
import { polynomial } from '../polynomial.js';
import type { Schedule } from '../schedule.js';
import { step } from '../step.js';
import { warmup } from '../warmup.js';
import { expectSameValues, sample } from './reference/compare.js';
import { toTorch } from './to-torch.js';
import { fromTorch } from './torch.js';

const steps = 400;

function expectTorchEquivalent(native: Schedule, count = steps): void {
  const equivalent = toTorch(native);
  const preset = fromTorch(equivalent.name, equivalent.args, equivalent.learningRate === undefined ? {} : { learningRate: equivalent.learningRate });
  const last = equivalent.exactUntil ?? count;
  expectSameValues(sample(preset, last), sample(native, last));
}

describe('toTorch', () => {
  it('maps step to StepLR, with the Python line', () => {
    const native = step({ initialValue: 0.1, periodSteps: 10, factor: 0.5 });
    expect(toTorch(native)).toEqual({
      name: 'StepLR',
      args: { step_size: 10, gamma: 0.5 },
      learningRate: 0.1,
      python: 'StepLR(optimizer, step_size=10, gamma=0.5)',
    });
    expectTorchEquivalent(native);
  });

  it('maps multiStep to MultiStepLR', () => {
    expectTorchEquivalent(multiStep({ initialValue: 0.1, boundaries: [30, 80, 81], factor: 0.3 }));
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
    expectTorchEquivalent(linear({ initialValue: 0.01, finalValue: 0.1, totalSteps: 50 }));
    expectTorchEquivalent(linear({ initialValue: 0.1, finalValue: 0, totalSteps: 50 }));
    expectTorchEquivalent(constant({ value: 0.3 }));
  });

  it('maps cosine to CosineAnnealingLR, identical up to T_max only', () => {
    const native = cosine({ initialValue: 0.1, decaySteps: 300, finalValue: 0.001 });
    const equivalent = toTorch(native);
    expect(equivalent).toMatchObject({ name: 'CosineAnnealingLR', args: { T_max: 300, eta_min: 0.001 }, exactUntil: 300 });
    expectTorchEquivalent(native);
    const preset = fromTorch(equivalent.name, equivalent.args, { learningRate: 0.1 });
    expect(preset(350)).toBeGreaterThan(native(350));
  });

  it('maps cosineRestarts to CosineAnnealingWarmRestarts', () => {
    expectTorchEquivalent(cosineRestarts({ initialValue: 0.1, periodSteps: 10, periodMultiplier: 2, finalValue: 0.01 }));
    expectTorchEquivalent(cosineRestarts({ initialValue: 0.1, periodSteps: 25 }));
  });

  it('maps cyclic to CyclicLR in every built-in mode, with the momentum', () => {
    for (const mode of ['triangular', 'triangular2', 'exp-range'] as const) {
      const native = cyclic({ initialValue: 0.01, peakValue: 0.1, riseSteps: 7, fallSteps: 12, mode, gamma: 0.99, minMomentum: 0.8, maxMomentum: 0.9 });
      const equivalent = toTorch(native);
      const preset = fromTorch(equivalent.name, equivalent.args, {});
      expectSameValues(sample(preset, steps), sample(native, steps));
      expectSameValues(sample(preset.momentum as (step: number) => number, steps), sample(native.momentum as (step: number) => number, steps));
    }
  });

  it('maps cyclic without momentum bounds to cycle_momentum=False', () => {
    const equivalent = toTorch(cyclic({ initialValue: 0.01, peakValue: 0.1, riseSteps: 5 }));
    expect(equivalent.args.cycle_momentum).toBe(false);
    expect(fromTorch(equivalent.name, equivalent.args, {}).momentum).toBeUndefined();
  });

  it('maps oneCycle to OneCycleLR with total_steps + 1 and a shifted pct_start, identical up to totalSteps', () => {
    for (const threePhase of [false, true]) {
      for (const annealing of ['cos', 'linear'] as const) {
        const native = oneCycle({ peakValue: 0.4, totalSteps: 300, warmupFraction: 0.25, annealing, threePhase });
        const equivalent = toTorch(native);
        expect(equivalent).toMatchObject({ name: 'OneCycleLR', exactUntil: 300, args: { total_steps: 301, pct_start: 76 / 301 } });
        const preset = fromTorch(equivalent.name, equivalent.args, {});
        expectSameValues(sample(preset, 300), sample(native, 300));
        expectSameValues(sample(preset.momentum as (step: number) => number, 300), sample(native.momentum as (step: number) => number, 300));
      }
    }
  });

  it('refuses a cyclic whose scaleMode differs from the one PyTorch forces for its mode', () => {
    expect(() => toTorch(cyclic({ initialValue: 0.01, peakValue: 0.1, riseSteps: 5, mode: 'exp-range', gamma: 0.9, scaleMode: 'cycle' }))).toThrow(
      /PyTorch's built-in mode 'exp-range' always scales by iterations/,
    );
  });

  it('maps a linear warm-up then cosine to SequentialLR([LinearLR, CosineAnnealingLR])', () => {
    const native = warmup({ schedule: cosine({ initialValue: 0.1, decaySteps: 200, finalValue: 0.001 }), warmupSteps: 10, initialValue: 0.001 });
    const equivalent = toTorch(native);
    expect(equivalent).toMatchObject({
      name: 'SequentialLR',
      args: {
        schedulers: [
          { name: 'LinearLR', args: { start_factor: 0.01, end_factor: 1, total_iters: 10 } },
          { name: 'CosineAnnealingLR', args: { T_max: 200, eta_min: 0.001 } },
        ],
        milestones: [10],
      },
      learningRate: 0.1,
      exactUntil: 210,
    });
    expect(equivalent.python).toBe(
      'SequentialLR(optimizer, schedulers=[LinearLR(optimizer, start_factor=0.01, end_factor=1, total_iters=10), CosineAnnealingLR(optimizer, T_max=200, eta_min=0.001)], milestones=[10])',
    );
    expectTorchEquivalent(native);
  });

  it('maps join of parts with one base learning rate to SequentialLR', () => {
    const native = join({
      schedules: [constant({ value: 0.1 }), step({ initialValue: 0.1, periodSteps: 30, factor: 0.5 }), exponential({ initialValue: 0.1, decayRate: 0.97 })],
      boundaries: [20, 150],
    });
    expect(toTorch(native).name).toBe('SequentialLR');
    expectTorchEquivalent(native);
  });

  it('refuses a join whose parts need different optimizer learning rates', () => {
    const native = join({ schedules: [constant({ value: 0.1 }), constant({ value: 0.2 })], boundaries: [5] });
    expect(() => toTorch(native)).toThrow(/share the optimizer's lr, but its parts map to different base learning rates \(0.1 and 0.2\)/);
  });

  it('refuses a warm-up from 0, which LinearLR cannot start from', () => {
    const native = warmup({ schedule: cosine({ initialValue: 0.1, decaySteps: 200 }), warmupSteps: 10 });
    expect(() => toTorch(native)).toThrow(/a warm-up from 0 needs start_factor 0, which LinearLR rejects/);
  });

  it('returns a PyTorch preset unchanged', () => {
    expect(toTorch(fromTorch('StepLR', { step_size: 3 }, { learningRate: 1 }))).toMatchObject({
      name: 'StepLR',
      args: { step_size: 3, gamma: 0.1 },
      learningRate: 1,
    });
  });

  it('throws naming why when there is no exact equivalent', () => {
    expect(() => toTorch(exponential({ initialValue: 0.1, decayRate: 0.5, decaySteps: 10 }))).toThrow(
      /toTorch: a 'exponential' schedule has no exact PyTorch equivalent: ExponentialLR multiplies by gamma once per step\(\), so decaySteps must be 1/,
    );
    expect(() => toTorch(inverseSqrt({ initialValue: 1 }))).toThrow(/'inverse-sqrt' schedule has no exact PyTorch equivalent/);
    expect(() => toTorch(polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10 }))).toThrow(/PolynomialLR decays to 0/);
    expect(() => toTorch(fromTorch('LambdaLR', { lr_lambda: () => 1 }, { learningRate: 1 }))).toThrow(/JavaScript function/);
  });
});
