import { fromConfig } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { findPreset, presets } from './presets.js';

describe('presets', () => {
  it.each(presets.map((preset) => preset.name))('%s builds a valid schedule even for a 1-update run', (name) => {
    const preset = findPreset(name)!;
    for (const totalSteps of [1, 7, 1000]) {
      const schedule = fromConfig(preset.build({ learningRate: 0.01, totalSteps }));
      for (let step = 0; step < totalSteps; step += Math.max(1, Math.floor(totalSteps / 10))) {
        const value = schedule(step);
        expect(Number.isFinite(value) && value >= 0 && value <= 0.01 + 1e-15).toBe(true);
      }
    }
  });

  it('one-cycle peaks at the learning rate at 30% of the run', () => {
    const schedule = fromConfig(findPreset('one-cycle')!.build({ learningRate: 0.01, totalSteps: 100 }));
    expect(schedule(30)).toBeCloseTo(0.01, 12);
  });

  it('step-decay divides by 10 at half the run and again at three quarters', () => {
    const schedule = fromConfig(findPreset('step-decay')!.build({ learningRate: 0.01, totalSteps: 100 }));
    expect(schedule(49)).toBeCloseTo(0.01, 12);
    expect(schedule(50)).toBeCloseTo(0.001, 12);
    expect(schedule(75)).toBeCloseTo(0.0001, 12);
  });

  it('exponential reaches a tenth of the learning rate at the end of the run', () => {
    const schedule = fromConfig(findPreset('exponential')!.build({ learningRate: 0.01, totalSteps: 100 }));
    expect(schedule(100)).toBeCloseTo(0.001, 12);
  });

  it('has unique names', () => {
    expect(new Set(presets.map((preset) => preset.name)).size).toBe(presets.length);
  });
});
