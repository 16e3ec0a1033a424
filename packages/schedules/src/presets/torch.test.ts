import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from '../config.js';
import type { Schedule } from '../schedule.js';
import { sample } from './reference/compare.js';
import { fromTorch } from './torch.js';

describe('fromTorch errors', () => {
  it('suggests the closest scheduler name', () => {
    expect(() => fromTorch('StepLr', { step_size: 1 }, { learningRate: 1 })).toThrow(/unknown scheduler "StepLr" \(did you mean 'StepLR'\?\)/);
  });

  it('points ReduceLROnPlateau to torchPlateau', () => {
    expect(() => fromTorch('ReduceLROnPlateau', {}, { learningRate: 1 })).toThrow(/use torchPlateau/);
  });

  it('suggests the closest argument for a misspelled one', () => {
    expect(() => fromTorch('StepLR', { step_sise: 10 }, { learningRate: 1 })).toThrow(/StepLR: unknown option `step_sise` \(did you mean `step_size`\?\)/);
  });

  it('names a missing required argument', () => {
    expect(() => fromTorch('CosineAnnealingLR', { eta_min: 0 }, { learningRate: 1 })).toThrow(
      new TypeError('fromTorch: CosineAnnealingLR: `T_max` is required; received undefined'),
    );
  });

  it('names an invalid value with the rule', () => {
    expect(() => fromTorch('StepLR', { step_size: 0 }, { learningRate: 1 })).toThrow(
      new RangeError('fromTorch: StepLR: `step_size` must be an integer >= 1; received 0'),
    );
    expect(() => fromTorch('LinearLR', { start_factor: 1.5 }, { learningRate: 1 })).toThrow(
      /LinearLR: `start_factor` must be a number in \[0, 1\]; received 1.5/,
    );
    expect(() => fromTorch('CyclicLR', { base_lr: 0.1, max_lr: 1, mode: 'triangle' }, {})).toThrow(
      /CyclicLR: `mode` must be one of 'triangular', 'triangular2', 'exp_range'/,
    );
    expect(() => fromTorch('OneCycleLR', { max_lr: 1, total_steps: 100, pct_start: 1.2 }, {})).toThrow(/OneCycleLR: `pct_start` must be a number in \[0, 1\]/);
  });

  it('requires OneCycleLR total_steps or epochs and steps_per_epoch', () => {
    expect(() => fromTorch('OneCycleLR', { max_lr: 1 }, {})).toThrow(/You must define either total_steps OR \(epochs AND steps_per_epoch\)/);
  });

  it('requires learningRate except for CyclicLR and OneCycleLR', () => {
    expect(() => fromTorch('StepLR', { step_size: 1 })).toThrow(
      new TypeError("fromTorch: `learningRate` (the optimizer's learning rate) is required by StepLR; received undefined"),
    );
  });

  it('rejects a resumed last_epoch', () => {
    expect(() => fromTorch('StepLR', { step_size: 1, last_epoch: 5 }, { learningRate: 1 })).toThrow(/StepLR: `last_epoch` must be -1/);
  });

  it('rejects an lr_lambda that is not a function', () => {
    expect(() => fromTorch('LambdaLR', { lr_lambda: 0.5 }, { learningRate: 1 })).toThrow(/LambdaLR: `lr_lambda` must be a function; received 0.5/);
  });

  it('rejects a zero-length OneCycleLR phase as PyTorch does (ZeroDivisionError)', () => {
    expect(() => fromTorch('OneCycleLR', { max_lr: 1, total_steps: 10, pct_start: 0.1 }, {})).toThrow(/phase 1 has zero length/);
  });
});

describe('fromTorch configs', () => {
  const presets = [
    fromTorch('StepLR', { step_size: 7, gamma: 0.7 }, { learningRate: 0.1 }),
    fromTorch('MultiStepLR', { milestones: [30, 80] }, { learningRate: 0.1 }),
    fromTorch('ConstantLR', {}, { learningRate: 0.1 }),
    fromTorch('LinearLR', {}, { learningRate: 0.1 }),
    fromTorch('ExponentialLR', { gamma: 0.9 }, { learningRate: 0.1 }),
    fromTorch('PolynomialLR', {}, { learningRate: 0.1 }),
    fromTorch('CosineAnnealingLR', { T_max: 50 }, { learningRate: 0.1 }),
    fromTorch('CosineAnnealingWarmRestarts', { T_0: 10, T_mult: 2 }, { learningRate: 0.1 }),
    fromTorch('CyclicLR', { base_lr: 0.01, max_lr: 0.1, step_size_up: 10 }, {}),
    fromTorch('OneCycleLR', { max_lr: 1, total_steps: 300 }, {}),
    fromTorch('SequentialLR', { schedulers: [{ name: 'LinearLR' }, { name: 'ExponentialLR', args: { gamma: 0.9 } }], milestones: [5] }, { learningRate: 0.1 }),
    fromTorch('ChainedScheduler', { schedulers: [{ name: 'ConstantLR' }, { name: 'ExponentialLR', args: { gamma: 0.9 } }] }, { learningRate: 0.1 }),
  ];

  it('reload from JSON into the same numbers (and the same momentum)', () => {
    for (const preset of presets) {
      const reloaded = fromConfig(JSON.parse(JSON.stringify(toConfig(preset))));
      expect(sample(reloaded, 300)).toEqual(sample(preset, 300));
      if (preset.momentum !== undefined) expect(sample(reloaded.momentum as (step: number) => number, 300)).toEqual(sample(preset.momentum, 300));
    }
  });

  it('save the momentum schedule itself with output: momentum', () => {
    const momentum = fromTorch('OneCycleLR', { max_lr: 1, total_steps: 100 }, {}).momentum as Schedule;
    expect(toConfig(momentum)).toMatchObject({ type: 'torch', name: 'OneCycleLR', output: 'momentum' });
    expect(sample(fromConfig(toConfig(momentum)), 100)).toEqual(sample(momentum, 100));
  });

  it('carry PyTorch argument names with the defaults filled in', () => {
    expect(toConfig(fromTorch('OneCycleLR', { max_lr: 1, total_steps: 100 }, {}))).toEqual({
      type: 'torch',
      name: 'OneCycleLR',
      args: {
        max_lr: 1,
        total_steps: 100,
        epochs: null,
        steps_per_epoch: null,
        pct_start: 0.3,
        anneal_strategy: 'cos',
        cycle_momentum: true,
        base_momentum: 0.85,
        max_momentum: 0.95,
        div_factor: 25,
        final_div_factor: 1e4,
        three_phase: false,
      },
    });
  });

  it('refuse to serialise a LambdaLR, whose function is stored as { type: lambda }', () => {
    const s = fromTorch('LambdaLR', { lr_lambda: (epoch: number) => 0.9 ** epoch }, { learningRate: 1 });
    expect(s.config.args.lr_lambda).toEqual({ type: 'lambda' });
    expect(() => toConfig(s)).toThrow(/lambda schedule, whose function cannot be serialised/);
  });

  it('explain that a hand-made config with a { type: lambda } placeholder cannot be loaded', () => {
    expect(() => fromConfig({ type: 'torch', name: 'LambdaLR', args: { lr_lambda: { type: 'lambda' } }, learningRate: 1 })).toThrow(
      /LambdaLR: `lr_lambda` is a saved \{ type: 'lambda' \} placeholder/,
    );
  });

  it('refuse the old option name baseLr, naming learningRate, in options and in an old JSON config', () => {
    const renamed = new TypeError('fromTorch: option `baseLr` was renamed `learningRate` before 1.0 (same meaning unless the changelog says otherwise)');
    expect(() => fromTorch('StepLR', { step_size: 10 }, { baseLr: 0.1 } as never)).toThrow(renamed);
    expect(() => fromConfig({ type: 'torch', name: 'StepLR', args: { step_size: 10, gamma: 0.5 }, baseLr: 0.1 })).toThrow(renamed);
  });

  it('refuse to serialise a CyclicLR with a custom scale_fn', () => {
    const s = fromTorch('CyclicLR', { base_lr: 0.01, max_lr: 0.1, scale_fn: () => 1 }, {});
    expect(() => toConfig(s)).toThrow(/cannot be serialised/);
  });
});
