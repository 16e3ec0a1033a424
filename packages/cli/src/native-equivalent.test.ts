import { cosine, fromKeras, fromTorch } from '@lrkit/schedules';
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
      firstPeriod: 100,
      periodMultiplier: 2,
      peakMultiplier: 1,
      alpha: 0,
      cycleLimit: 0,
    });
  });

  it('keeps the preset config of a scheduler without a native counterpart (OneCycleLR phases end one step early)', () => {
    const torch = fromTorch('OneCycleLR', { max_lr: 0.1, total_steps: 100 });
    const result = nativeEquivalent(torch);
    expect(result.plain).toBe(false);
    expect(result.config).toBe(torch.config);
  });
});
