import { cosine, fromKeras, fromOptax, fromTorch } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { nativeEquivalent } from './native-equivalent.js';

describe('nativeEquivalent', () => {
  it('returns a native schedule config unchanged', () => {
    const schedule = cosine({ initialValue: 0.1, decaySteps: 10 });
    expect(nativeEquivalent(schedule)).toEqual({ config: schedule.config, plain: true });
  });

  it('maps Keras CosineDecayRestarts to cosine-restarts after checking it evaluates equal', () => {
    const keras = fromKeras({ class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 0.1, first_decay_steps: 100 } });
    const result = nativeEquivalent(keras);
    expect(result.plain).toBe(true);
    expect(result.config).toEqual({
      type: 'cosine-restarts',
      initialValue: 0.1,
      periodSteps: 100,
      periodMultiplier: 2,
      peakMultiplier: 1,
      finalValue: 0,
      cycleLimit: 0,
    });
  });

  it('reads the fraction alpha of Keras and optax cosines as the absolute finalValue = alpha * initial', () => {
    const keras = nativeEquivalent(fromKeras({ class_name: 'CosineDecay', config: { initial_learning_rate: 0.5, decay_steps: 100, alpha: 0.1 } }));
    expect(keras).toMatchObject({ plain: true, config: { type: 'cosine', initialValue: 0.5, decaySteps: 100, finalValue: 0.05, exponent: 1 } });
    const restarts = nativeEquivalent(
      fromKeras({ class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 2, first_decay_steps: 10, t_mul: 1, alpha: 0.25 } }),
    );
    expect(restarts).toMatchObject({ plain: true, config: { type: 'cosine-restarts', initialValue: 2, periodSteps: 10, finalValue: 0.5 } });
    const optax = nativeEquivalent(fromOptax('cosine_decay_schedule', { init_value: 0.5, decay_steps: 100, alpha: 0.1, exponent: 2 }));
    expect(optax).toMatchObject({ plain: true, config: { type: 'cosine', initialValue: 0.5, finalValue: 0.05, exponent: 2 } });
    const torch = nativeEquivalent(fromTorch('CosineAnnealingLR', { T_max: 100, eta_min: 0.01 }, { learningRate: 0.1 }), 100);
    expect(torch).toMatchObject({ plain: true, config: { type: 'cosine', initialValue: 0.1, decaySteps: 100, finalValue: 0.01 } });
  });

  it('keeps the preset config of a scheduler without a native counterpart (OneCycleLR phases end one step early)', () => {
    const torch = fromTorch('OneCycleLR', { max_lr: 0.1, total_steps: 100 });
    const result = nativeEquivalent(torch);
    expect(result.plain).toBe(false);
    expect(result.config).toBe(torch.config);
  });
});
