import { describe, expect, it } from 'vitest';
import { expectSameValues, sample } from './reference/compare.js';
import * as torch from './reference/pytorch.js';
import { fromTorch } from './torch.js';

const steps = 400;

describe('fromTorch SequentialLR and ChainedScheduler', () => {
  it('reproduces the documented SequentialLR example (ConstantLR then ExponentialLR at 20)', () => {
    const s = fromTorch(
      'SequentialLR',
      {
        schedulers: [
          { name: 'ConstantLR', args: { factor: 0.1, total_iters: 20 } },
          { name: 'ExponentialLR', args: { gamma: 0.9 } },
        ],
        milestones: [20],
      },
      { learningRate: 0.05 },
    );
    expect(s(0)).toBeCloseTo(0.005, 15);
    expect(s(19)).toBeCloseTo(0.005, 15);
    expect(s(20)).toBeCloseTo(0.05, 15);
    expect(s(21)).toBeCloseTo(0.045, 15);
    expect(s(22)).toBeCloseTo(0.0405, 15);
  });

  it('matches linear warm-up then cosine: the next child starts from its closed form at the milestone', () => {
    const s = fromTorch(
      'SequentialLR',
      {
        schedulers: [
          fromTorch('LinearLR', { start_factor: 0.1, total_iters: 10 }, { learningRate: 0.1 }),
          fromTorch('CosineAnnealingLR', { T_max: 150, eta_min: 0.001 }, { learningRate: 0.1 }),
        ],
        milestones: [10],
      },
      { learningRate: 0.1 },
    );
    const optimizer = new torch.Optimizer(0.1);
    const first = new torch.LinearLR(optimizer, 0.1, 1, 10);
    const second = new torch.CosineAnnealingLR(optimizer, 150, 0.001);
    const expected = torch.runScheduler(new torch.SequentialLR(optimizer, [first, second], [10]), optimizer, steps);
    expectSameValues(sample(s, steps), expected);
    expect(s(9)).toBeCloseTo(0.1 * (0.1 + 0.9 * 0.9), 15);
    expect(s(10)).toBeCloseTo(0.1, 15);
  });

  it('matches three children including StepLR, MultiplicativeLR (which carries the previous lr) and warm restarts', () => {
    const lambda = (epoch: number): number => (epoch === 0 ? 0.5 : 0.98);
    const s = fromTorch(
      'SequentialLR',
      {
        schedulers: [
          { name: 'StepLR', args: { step_size: 5, gamma: 0.8 } },
          { name: 'MultiplicativeLR', args: { lr_lambda: lambda } },
          { name: 'CosineAnnealingWarmRestarts', args: { T_0: 20, T_mult: 2 } },
        ],
        milestones: [37, 120],
      },
      { learningRate: 0.2 },
    );
    const optimizer = new torch.Optimizer(0.2);
    const children = [
      new torch.StepLR(optimizer, 5, 0.8),
      new torch.MultiplicativeLR(optimizer, lambda),
      new torch.CosineAnnealingWarmRestarts(optimizer, 20, 2),
    ];
    const expected = torch.runScheduler(new torch.SequentialLR(optimizer, children, [37, 120]), optimizer, steps);
    expectSameValues(sample(s, steps), expected);
    expect(s(37)).toBeCloseTo(s(36) * 0.5, 15);
  });

  it('matches ChainedScheduler of ConstantLR and ExponentialLR (the documented pair)', () => {
    const s = fromTorch(
      'ChainedScheduler',
      {
        schedulers: [
          { name: 'ConstantLR', args: { factor: 0.1, total_iters: 20 } },
          { name: 'ExponentialLR', args: { gamma: 0.9 } },
        ],
      },
      { learningRate: 0.05 },
    );
    const optimizer = new torch.Optimizer(0.05);
    const children = [new torch.ConstantLR(optimizer, 0.1, 20), new torch.ExponentialLR(optimizer, 0.9)];
    expectSameValues(sample(s, steps), torch.runScheduler(new torch.ChainedScheduler(children, optimizer), optimizer, steps));
    expect(s(20)).toBeCloseTo(0.05 * 0.9 ** 20, 14);
  });

  it('matches ChainedScheduler of four chainable schedulers including the recursive cosine', () => {
    const s = fromTorch(
      'ChainedScheduler',
      {
        schedulers: [
          { name: 'LinearLR', args: { start_factor: 0.2, total_iters: 15 } },
          { name: 'CosineAnnealingLR', args: { T_max: 90 } },
          { name: 'MultiStepLR', args: { milestones: [0, 100, 250], gamma: 0.5 } },
          { name: 'PolynomialLR', args: { total_iters: 300, power: 0.5 } },
        ],
      },
      { learningRate: 0.3 },
    );
    const optimizer = new torch.Optimizer(0.3);
    const children = [
      new torch.LinearLR(optimizer, 0.2, 1, 15),
      new torch.CosineAnnealingLR(optimizer, 90),
      new torch.MultiStepLR(optimizer, [0, 100, 250], 0.5),
      new torch.PolynomialLR(optimizer, 300, 0.5),
    ];
    expectSameValues(sample(s, steps), torch.runScheduler(new torch.ChainedScheduler(children, optimizer), optimizer, steps));
  });

  it('rejects CyclicLR and OneCycleLR children, naming why', () => {
    expect(() => fromTorch('ChainedScheduler', { schedulers: [{ name: 'OneCycleLR', args: { max_lr: 1, total_steps: 10 } }] }, { learningRate: 1 })).toThrow(
      /ChainedScheduler: `schedulers\[0\]` is a OneCycleLR, which is not supported inside ChainedScheduler: OneCycleLR overwrites/,
    );
  });

  it("rejects a milestone count that does not match the schedulers, with PyTorch's words", () => {
    expect(() => fromTorch('SequentialLR', { schedulers: [{ name: 'ExponentialLR', args: { gamma: 0.9 } }], milestones: [3] }, { learningRate: 1 })).toThrow(
      /number of schedulers 1 and the number of milestones to be equal to 1/,
    );
  });
});
