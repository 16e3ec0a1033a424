import { fromHuggingFace, fromOptax, fromTimm } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { lrkit } from './binary-test-support.js';
import { collectFrameworkSchedules } from './framework-sources.js';

describe('--optax, --hf and --timm sources', () => {
  it('builds each preset from NAME:args in the framework spelling', () => {
    const [optax, hf, timm] = collectFrameworkSchedules(
      {
        optax: ['warmup_cosine_decay_schedule:init_value=0,peak_value=1,warmup_steps=10,decay_steps=100'],
        hf: ['cosine_with_min_lr:num_warmup_steps=10,num_training_steps=100,min_lr_rate=0.1,lr=0.5'],
        timm: ['cosine:num_epochs=20,cycle_limit=2,cycle_decay=0.5,noise=[0.2,0.6],decay_milestones=(3,4)'],
      },
      0.1,
    );
    const expectedOptax = fromOptax('warmup_cosine_decay_schedule', { init_value: 0, peak_value: 1, warmup_steps: 10, decay_steps: 100 });
    const expectedHf = fromHuggingFace('cosine_with_min_lr', {
      learningRate: 0.5,
      num_warmup_steps: 10,
      num_training_steps: 100,
      scheduler_specific_kwargs: { min_lr_rate: 0.1 },
    });
    const expectedTimm = fromTimm(
      { sched: 'cosine', num_epochs: 20, cycle_limit: 2, cycle_decay: 0.5, noise: [0.2, 0.6], decay_milestones: [3, 4] },
      { learningRate: 0.1 },
    );
    for (let step = 0; step < 60; step += 1) {
      expect(optax!.schedule(step)).toBe(expectedOptax(step));
      expect(hf!.schedule(step)).toBe(expectedHf(step));
      expect(timm!.schedule(step)).toBe(expectedTimm(step));
    }
    expect([optax!.origin, hf!.origin, timm!.origin]).toEqual(['optax', 'hugging-face', 'timm']);
  });

  it('needs the learning rate for --hf and --timm, and names the flag in errors', () => {
    expect(() => collectFrameworkSchedules({ hf: ['linear:num_warmup_steps=1,num_training_steps=10'] }, undefined)).toThrow(
      /--hf linear: the optimizer's learning rate is needed/,
    );
    expect(() => collectFrameworkSchedules({ timm: ['cosine:lr=-1'] }, undefined)).toThrow('--timm cosine: lr must be a positive number; received -1');
    expect(() => collectFrameworkSchedules({ optax: ['cosine_decay_schedule:init_value=1,decay_steps=0'] }, undefined)).toThrow(
      /--optax cosine_decay_schedule: .*requires positive decay_steps/,
    );
    expect(() => collectFrameworkSchedules({ optax: ['not a name'] }, undefined)).toThrow(/--optax must be NAME or NAME:key=value/);
  });
});

describe('lrkit with framework presets', () => {
  it('previews an --hf schedule as CSV', () => {
    const { status, stdout } = lrkit('preview', '--hf', 'linear:num_warmup_steps=2,num_training_steps=4,lr=0.1', '--steps', '0:5', '--csv');
    expect(status).toBe(0);
    expect(stdout.trim().split('\n').slice(1)).toEqual(['linear,0,0', 'linear,1,0.05', 'linear,2,0.1', 'linear,3,0.05', 'linear,4,0']);
  });

  it('converts an optax one-cycle into the native piecewise-interpolate schedule and back to optax', () => {
    const native = lrkit('convert', '--optax', 'linear_onecycle_schedule:transition_steps=100,peak_value=1');
    expect(native.status).toBe(0);
    const config = JSON.parse(native.stdout) as { type: string; boundaries: number[] };
    expect([config.type, config.boundaries]).toEqual(['piecewise-interpolate', [0, 30, 85, 100]]);
    const optax = lrkit('convert', native.stdout.trim(), '--to', 'optax');
    expect(optax.status).toBe(0);
    expect((JSON.parse(optax.stdout) as { name: string }).name).toBe('piecewise_interpolate_schedule');
  });

  it('keeps a timm preset with warm-up and noise as its own exact config, with a note', () => {
    const { status, stdout, stderr } = lrkit('convert', '--timm', 'cosine:num_epochs=10,warmup_epochs=2,noise=0.5', '--learning-rate', '0.1');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ type: 'timm', learningRate: 0.1, args: { sched: 'cosine', warmup_epochs: 2, noise: 0.5 } });
    expect(stderr).toContain('no plain native schedule reproduces this timm schedule');
  });
});
