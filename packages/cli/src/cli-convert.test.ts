import { afterAll, describe, expect, it } from 'vitest';
import { cosineConfig, fixtureDirectory, lrkit } from './binary-test-support.js';

const { pairFile, remove } = fixtureDirectory();
afterAll(remove);

describe('lrkit convert', () => {
  it('prints a native config with every default filled in', () => {
    const { status, stdout } = lrkit('convert', '{"type":"cosine","initialValue":0.1,"decaySteps":10}');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ type: 'cosine', initialValue: 0.1, decaySteps: 10, finalValue: 0, exponent: 1 });
  });

  it('turns a PyTorch StepLR into the native step schedule', () => {
    const { status, stdout, stderr } = lrkit('convert', '--torch', 'StepLR', '--args', 'step_size=10,gamma=0.5', '--learning-rate', '0.1');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ type: 'step', initialValue: 0.1, periodSteps: 10, factor: 0.5 });
  });

  it('turns a Keras PiecewiseConstantDecay into piecewise-constant with the boundaries one step later', () => {
    const { status, stdout } = lrkit('convert', '--keras', '{"class_name":"PiecewiseConstantDecay","config":{"boundaries":[10,20],"values":[1,0.5,0.1]}}');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ type: 'piecewise-constant', boundaries: [11, 21], values: [1, 0.5, 0.1] });
  });

  it('keeps the preset config, with a note, when no plain native schedule matches (CosineAnnealingLR rises past T_max)', () => {
    const { status, stdout, stderr } = lrkit('convert', '--torch', 'CosineAnnealingLR', '--args', 'T_max=100', '--learning-rate', '0.1');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ type: 'torch', name: 'CosineAnnealingLR', args: { T_max: 100, eta_min: 0 }, learningRate: 0.1 });
    expect(stderr).toBe(
      'lrkit: note: no plain native schedule reproduces this PyTorch schedule on every checked step; printed its preset config (exact; fromConfig loads it)\n',
    );
  });

  it('turns CosineAnnealingLR into native cosine when checked only over the training length', () => {
    const { status, stdout } = lrkit('convert', '--torch', 'CosineAnnealingLR', '--args', 'T_max=100', '--learning-rate', '0.1', '--total-steps', '100');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ type: 'cosine', initialValue: 0.1, decaySteps: 100, finalValue: 0, exponent: 1 });
  });

  it('turns a native step schedule into PyTorch StepLR with its Python line', () => {
    const { status, stdout } = lrkit('convert', '{"type":"step","initialValue":0.1,"periodSteps":10,"factor":0.5}', '--to', 'torch');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      name: 'StepLR',
      args: { step_size: 10, gamma: 0.5 },
      learningRate: 0.1,
      python: 'StepLR(optimizer, step_size=10, gamma=0.5)',
    });
  });

  it('turns native cosine into Keras CosineDecay', () => {
    const { status, stdout } = lrkit('convert', cosineConfig, '--to', 'keras');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 100, alpha: 0 } });
  });

  it('fails with the reason when a conversion would not be exact', () => {
    const { status, stderr } = lrkit('convert', '{"type":"inverse-sqrt","initialValue":0.1}', '--to', 'keras');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^lrkit: cannot convert to keras: toKeras: [^\n]+\n$/);
  });

  it('rejects an unknown target form', () => {
    const { status, stderr } = lrkit('convert', cosineConfig, '--to', 'jax');
    expect(status).toBe(1);
    expect(stderr).toBe('lrkit: --to must be one of native, torch, keras, optax; received "jax"\n');
  });

  it('rejects two schedules', () => {
    const { status, stderr } = lrkit('convert', cosineConfig, '--config', pairFile);
    expect(status).toBe(1);
    expect(stderr).toBe('lrkit: convert takes exactly one schedule; received 3\n');
  });
});
