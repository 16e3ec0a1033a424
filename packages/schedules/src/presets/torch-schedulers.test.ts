import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameValues, sample } from './reference/compare.js';
import * as torch from './reference/pytorch.js';
import { fromTorch } from './torch.js';

const steps = 400;

function reference(build: (optimizer: torch.Optimizer) => torch.LRScheduler, lr = 0.1, count = steps): number[] {
  const optimizer = new torch.Optimizer(lr);
  return torch.runScheduler(build(optimizer), optimizer, count);
}

describe('fromTorch single schedulers against the ported PyTorch stepping', () => {
  it('StepLR matches over 400 steps', () => {
    const s = fromTorch('StepLR', { step_size: 7, gamma: 0.7 }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.StepLR(o, 7, 0.7)),
    );
  });

  it('StepLR switches AT the boundary: step_size 10 drops at step 10', () => {
    const s = fromTorch('StepLR', { step_size: 10, gamma: 0.5 }, { learningRate: 0.1 });
    expect(s(9)).toBe(0.1);
    expect(s(10)).toBeCloseTo(0.05, 15);
  });

  it('StepLR defaults gamma to 0.1', () => {
    expect(fromTorch('StepLR', { step_size: 3 }, { learningRate: 1 }).config.args).toEqual({ step_size: 3, gamma: 0.1 });
  });

  it('MultiStepLR matches with unsorted, repeated milestones (a Counter in PyTorch)', () => {
    const milestones = [120, 30, 80, 80];
    const s = fromTorch('MultiStepLR', { milestones, gamma: 0.5 }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.MultiStepLR(o, milestones, 0.5)),
    );
    expect(s(80)).toBeCloseTo(0.1 * 0.5 ** 3, 15);
  });

  it('ConstantLR matches with its defaults (factor 1/3, total_iters 5)', () => {
    const s = fromTorch('ConstantLR', {}, { learningRate: 0.05 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.ConstantLR(o), 0.05),
    );
  });

  it('ConstantLR with total_iters 0 keeps the factor forever, as the recursion does', () => {
    const s = fromTorch('ConstantLR', { factor: 0.5, total_iters: 0 }, { learningRate: 1 });
    expectSameValues(
      sample(s, 50),
      reference((o) => new torch.ConstantLR(o, 0.5, 0), 1, 50),
    );
    expect(s(50)).toBe(0.5);
  });

  it('LinearLR matches (warm-up from start_factor, then holds)', () => {
    const s = fromTorch('LinearLR', { start_factor: 0.05, end_factor: 0.9, total_iters: 40 }, { learningRate: 0.05 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.LinearLR(o, 0.05, 0.9, 40), 0.05),
    );
  });

  it('ExponentialLR matches', () => {
    const s = fromTorch('ExponentialLR', { gamma: 0.99 }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.ExponentialLR(o, 0.99)),
    );
  });

  it('PolynomialLR matches and holds 0 after total_iters', () => {
    const s = fromTorch('PolynomialLR', { total_iters: 50, power: 0.9 }, { learningRate: 0.05 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.PolynomialLR(o, 50, 0.9), 0.05),
    );
    expect(s(300)).toBe(0);
  });

  it('CosineAnnealingLR matches the recursive form over four periods', () => {
    const s = fromTorch('CosineAnnealingLR', { T_max: 100, eta_min: 0.001 }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.CosineAnnealingLR(o, 100, 0.001)),
    );
  });

  it('CosineAnnealingLR rises again past T_max (back to the base at 2 * T_max)', () => {
    const s = fromTorch('CosineAnnealingLR', { T_max: 100 }, { learningRate: 0.1 });
    expect(s(100)).toBe(0);
    expect(s(150)).toBeCloseTo(0.05, 12);
    expect(s(200)).toBeCloseTo(0.1, 12);
  });

  it('CosineAnnealingWarmRestarts matches with T_mult 1', () => {
    const s = fromTorch('CosineAnnealingWarmRestarts', { T_0: 30, eta_min: 0.002 }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.CosineAnnealingWarmRestarts(o, 30, 1, 0.002)),
    );
  });

  it('CosineAnnealingWarmRestarts matches with T_mult 2 and restarts at 10, 30, 70, 150', () => {
    const s = fromTorch('CosineAnnealingWarmRestarts', { T_0: 10, T_mult: 2 }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.CosineAnnealingWarmRestarts(o, 10, 2)),
    );
    for (const restart of [10, 30, 70, 150]) expect(s(restart)).toBe(0.1);
  });

  it('CosineAnnealingWarmRestarts follows the epoch form at fractional steps', () => {
    const s = fromTorch('CosineAnnealingWarmRestarts', { T_0: 10, T_mult: 2 }, { learningRate: 0.1 });
    const optimizer = new torch.Optimizer(0.1);
    const scheduler = new torch.CosineAnnealingWarmRestarts(optimizer, 10, 2);
    for (const epoch of [0.5, 12.25, 47.5, 101.75]) {
      scheduler.step(epoch);
      expect(s(epoch)).toBeCloseTo(optimizer.group.lr, 12);
    }
  });

  it('LambdaLR matches with a JavaScript lr_lambda', () => {
    const lambda = (epoch: number): number => 0.95 ** epoch + Math.floor(epoch / 30);
    const s = fromTorch('LambdaLR', { lr_lambda: lambda }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.LambdaLR(o, lambda)),
    );
  });

  it('MultiplicativeLR matches (no factor at construction)', () => {
    const lambda = (epoch: number): number => (epoch % 3 === 0 ? 0.9 : 1.01);
    const s = fromTorch('MultiplicativeLR', { lr_lambda: lambda }, { learningRate: 0.1 });
    expectSameValues(
      sample(s, steps),
      reference((o) => new torch.MultiplicativeLR(o, lambda)),
    );
  });
});

describe('fromTorch CyclicLR', () => {
  function cyclicReference(args: ConstructorParameters<typeof torch.CyclicLR>, kind: 'sgd' | 'adam' = 'sgd') {
    const optimizer = new torch.Optimizer(123, kind);
    const [, ...rest] = args;
    const scheduler = new torch.CyclicLR(optimizer, ...rest);
    const lrOptimizer = new torch.Optimizer(123, kind);
    const lrScheduler = new torch.CyclicLR(lrOptimizer, ...rest);
    return {
      lr: torch.runScheduler(lrScheduler, lrOptimizer, steps),
      momentum: torch.runMomentum(scheduler, optimizer, steps),
    };
  }

  it('reproduces the documented triangular values at 0, 1000, 2000, 3000, 4000, 6000', () => {
    const s = fromTorch('CyclicLR', { base_lr: 0.001, max_lr: 0.006, step_size_up: 2000 }, {});
    expect([0, 1000, 2000, 3000, 4000, 6000].map((step) => s(step))).toEqual(
      [0.001, 0.0035, 0.006, 0.0035, 0.001, 0.006].map((value, index) => expect.closeTo(value, 12 + index * 0)),
    );
  });

  it('matches triangular with asymmetric steps, and its momentum', () => {
    const s = fromTorch('CyclicLR', { base_lr: 0.01, max_lr: 0.1, step_size_up: 7, step_size_down: 19 }, {});
    const expected = cyclicReference([undefined as never, 0.01, 0.1, 7, 19]);
    expectSameValues(sample(s, steps), expected.lr);
    expectSameValues(sample(s.momentum as (step: number) => number, steps), expected.momentum);
  });

  it('matches triangular2 (amplitude halves every cycle)', () => {
    const s = fromTorch('CyclicLR', { base_lr: 0.01, max_lr: 0.1, step_size_up: 10, mode: 'triangular2' }, {});
    expectSameValues(sample(s, steps), cyclicReference([undefined as never, 0.01, 0.1, 10, null, 'triangular2']).lr);
  });

  it('matches exp_range, which scales by gamma ** iterations', () => {
    const args = { base_lr: 0.01, max_lr: 0.1, step_size_up: 10, step_size_down: 5, mode: 'exp_range', gamma: 0.995 };
    const s = fromTorch('CyclicLR', args, {});
    const expected = cyclicReference([undefined as never, 0.01, 0.1, 10, 5, 'exp_range', 0.995]);
    expectSameValues(sample(s, steps), expected.lr);
    expectSameValues(sample(s.momentum as (step: number) => number, steps), expected.momentum);
  });

  it('matches a custom scale_fn on cycles and on iterations', () => {
    const scale = (x: number): number => 1 / (1 + 0.1 * x);
    for (const scaleMode of ['cycle', 'iterations'] as const) {
      const s = fromTorch('CyclicLR', { base_lr: 0.01, max_lr: 0.1, step_size_up: 6, scale_fn: scale, scale_mode: scaleMode }, {});
      const expected = cyclicReference([undefined as never, 0.01, 0.1, 6, null, 'triangular', 1, scale, scaleMode]);
      expectSameValues(sample(s, steps), expected.lr);
    }
  });

  it('writes the same momentum values to Adam beta1 (the betas case)', () => {
    const s = fromTorch('CyclicLR', { base_lr: 0.01, max_lr: 0.1, step_size_up: 9, base_momentum: 0.85, max_momentum: 0.95 }, {});
    const expected = cyclicReference([undefined as never, 0.01, 0.1, 9, null, 'triangular', 1, null, 'cycle', true, 0.85, 0.95], 'adam');
    expectSameValues(sample(s.momentum as (step: number) => number, steps), expected.momentum);
  });

  it('has no momentum schedule when cycle_momentum is false', () => {
    const s = fromTorch('CyclicLR', { base_lr: 0.01, max_lr: 0.1, cycle_momentum: false }, {});
    expect(s.momentum).toBeUndefined();
  });
});

describe('fromTorch OneCycleLR', () => {
  const golden = fromTorch('OneCycleLR', { max_lr: 1, total_steps: 100 }, {});

  it('reproduces the golden learning rates at steps 0, 10, 29, 30, 50, 99', () => {
    [0.04, 0.295164, 1, 0.999497, 0.793893, 4e-6].forEach((value, index) => expect(golden([0, 10, 29, 30, 50, 99][index] as number)).toBeCloseTo(value, 6));
  });

  it('reproduces the golden momenta at steps 0, 10, 29, 30, 50, 99', () => {
    [0.95, 0.92342, 0.85, 0.85005, 0.870611, 0.95].forEach((value, index) =>
      expect(golden.momentum?.([0, 10, 29, 30, 50, 99][index] as number)).toBeCloseTo(value, 6),
    );
  });

  it('peaks at pct_start * total_steps - 1 and reaches its minimum at total_steps - 1', () => {
    expect(golden(29)).toBe(1);
    expect(golden(99)).toBeCloseTo(1 / 25 / 1e4, 18);
  });

  it("throws PyTorch's message past total_steps, and allows step total_steps itself", () => {
    expect(golden(100)).toBeGreaterThan(golden(99));
    expect(() => golden(101)).toThrow('OneCycleLR: Tried to step 101 times. The specified number of total steps is 100');
    expect(() => golden.momentum?.(101)).toThrow(/Tried to step 101 times/);
  });

  it('matches the port for every option combination, learning rate and momentum', () => {
    const cases = [
      { max_lr: 0.1, total_steps: 300 },
      { max_lr: 0.1, total_steps: 300, anneal_strategy: 'linear' as const },
      { max_lr: 0.5, total_steps: 250, three_phase: true },
      { max_lr: 0.5, total_steps: 250, three_phase: true, anneal_strategy: 'linear' as const, pct_start: 0.25 },
      { max_lr: 2, total_steps: 333, div_factor: 10, final_div_factor: 100, base_momentum: 0.8, max_momentum: 0.99 },
    ];
    for (const args of cases) {
      const s = fromTorch('OneCycleLR', args, {});
      const lrOptimizer = new torch.Optimizer(0);
      const lr = torch.runScheduler(new torch.OneCycleLR(lrOptimizer, args), lrOptimizer, args.total_steps);
      const momentumOptimizer = new torch.Optimizer(0);
      const momentum = torch.runMomentum(new torch.OneCycleLR(momentumOptimizer, args), momentumOptimizer, args.total_steps);
      expectSameValues(sample(s, args.total_steps), lr);
      expectSameValues(sample(s.momentum as (step: number) => number, args.total_steps), momentum);
    }
  });

  it('gives Adam beta1 the same cycled values (the betas case)', () => {
    const optimizer = new torch.Optimizer(0, 'adam');
    const betas = torch.runMomentum(new torch.OneCycleLR(optimizer, { max_lr: 1, total_steps: 100 }), optimizer, 100);
    expectSameValues(sample(golden.momentum as (step: number) => number, 100), betas);
  });

  it('derives total_steps from epochs * steps_per_epoch, or from the totalSteps option', () => {
    const fromEpochs = fromTorch('OneCycleLR', { max_lr: 1, epochs: 10, steps_per_epoch: 10 }, {});
    const fromOption = fromTorch('OneCycleLR', { max_lr: 1 }, { totalSteps: 100 });
    expect(fromEpochs(50)).toBe(golden(50));
    expect(fromOption(50)).toBe(golden(50));
  });

  it('has no momentum schedule when cycle_momentum is false', () => {
    expect(fromTorch('OneCycleLR', { max_lr: 1, total_steps: 10, cycle_momentum: false }, {}).momentum).toBeUndefined();
  });

  it('returns the momentum itself with output: momentum', () => {
    const momentum = fromTorch('OneCycleLR', { max_lr: 1, total_steps: 100 }, { output: 'momentum' });
    expect(momentum(29)).toBe(0.85);
  });
});

describe('fromTorch on random configurations', () => {
  it('matches the ported stepping for random chainable schedulers over 300 steps', () => {
    const scheduler = fc.oneof(
      fc.record({ name: fc.constant('StepLR'), step_size: fc.integer({ min: 1, max: 50 }), gamma: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
      fc.record({ name: fc.constant('ExponentialLR'), gamma: fc.double({ min: 0.9, max: 1, noNaN: true }) }),
      fc.record({
        name: fc.constant('LinearLR'),
        start_factor: fc.double({ min: 0.01, max: 1, noNaN: true }),
        end_factor: fc.double({ min: 0, max: 1, noNaN: true }),
        total_iters: fc.integer({ min: 1, max: 200 }),
      }),
      fc.record({ name: fc.constant('PolynomialLR'), total_iters: fc.integer({ min: 1, max: 300 }), power: fc.double({ min: 0.1, max: 3, noNaN: true }) }),
      fc.record({ name: fc.constant('CosineAnnealingLR'), T_max: fc.integer({ min: 1, max: 120 }), eta_min: fc.double({ min: 0, max: 0.01, noNaN: true }) }),
      fc.record({
        name: fc.constant('CosineAnnealingWarmRestarts'),
        T_0: fc.integer({ min: 1, max: 60 }),
        T_mult: fc.integer({ min: 1, max: 3 }),
        eta_min: fc.double({ min: 0, max: 0.01, noNaN: true }),
      }),
      fc.record({ name: fc.constant('ConstantLR'), factor: fc.double({ min: 0.01, max: 1, noNaN: true }), total_iters: fc.integer({ min: 0, max: 100 }) }),
    );
    fc.assert(
      fc.property(scheduler, fc.double({ min: 1e-4, max: 1, noNaN: true }), (config, lr) => {
        const { name, ...args } = config;
        const preset = fromTorch(name, args, { learningRate: lr });
        const build = (o: torch.Optimizer): torch.LRScheduler => {
          const a = args as Record<string, number>;
          switch (name) {
            case 'StepLR':
              return new torch.StepLR(o, a.step_size as number, a.gamma);
            case 'ExponentialLR':
              return new torch.ExponentialLR(o, a.gamma as number);
            case 'LinearLR':
              return new torch.LinearLR(o, a.start_factor, a.end_factor, a.total_iters);
            case 'PolynomialLR':
              return new torch.PolynomialLR(o, a.total_iters, a.power);
            case 'CosineAnnealingLR':
              return new torch.CosineAnnealingLR(o, a.T_max as number, a.eta_min);
            case 'CosineAnnealingWarmRestarts':
              return new torch.CosineAnnealingWarmRestarts(o, a.T_0 as number, a.T_mult, a.eta_min);
            default:
              return new torch.ConstantLR(o, a.factor, a.total_iters);
          }
        };
        expectSameValues(sample(preset, 300), reference(build, lr, 300));
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('fromTorch at fractional steps', () => {
  it('uses the closed form for LinearLR, CosineAnnealingLR and ExponentialLR', () => {
    expect(fromTorch('LinearLR', { start_factor: 0.5, total_iters: 10 }, { learningRate: 1 })(2.5)).toBeCloseTo(0.625, 15);
    expect(fromTorch('CosineAnnealingLR', { T_max: 10 }, { learningRate: 1 })(2.5)).toBeCloseTo((1 + Math.cos(Math.PI / 4)) / 2, 15);
    expect(fromTorch('ExponentialLR', { gamma: 0.25 }, { learningRate: 1 })(0.5)).toBeCloseTo(0.5, 15);
  });

  it('floors the step for LambdaLR and StepLR', () => {
    expect(fromTorch('LambdaLR', { lr_lambda: (epoch: number) => epoch }, { learningRate: 1 })(2.9)).toBe(2);
    expect(fromTorch('StepLR', { step_size: 3, gamma: 0.5 }, { learningRate: 1 })(2.9)).toBe(1);
  });
});
