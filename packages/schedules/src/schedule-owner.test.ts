import { describe, expect, it } from 'vitest';
import { scheduleFactories } from './registry.js';
import { scheduleOwner } from './schedule-owner.js';

describe('scheduleOwner', () => {
  it('names the builder of every core schedule type', () => {
    expect(scheduleOwner('one-cycle')).toBe('oneCycle');
    expect(scheduleOwner('cosine-restarts')).toBe('cosineRestarts');
    expect(scheduleOwner('warmup-stable-decay')).toBe('warmupStableDecay');
    expect(scheduleOwner('tanh')).toBe('tanhDecay');
    expect(scheduleOwner('cyclic-momentum')).toBe('cyclic');
    expect(scheduleOwner('one-cycle-momentum')).toBe('oneCycle');
    expect(scheduleOwner('cosine')).toBe('cosine');
  });

  it('keeps the type of a preset, whose message names the framework class', () => {
    expect(scheduleOwner('torch')).toBe('torch');
    expect(scheduleOwner('hugging-face')).toBe('hugging-face');
  });

  it('gives a registered factory name for every core type', async () => {
    const index = (await import('./index.js')) as Record<string, unknown>;
    const presets = new Set(['torch', 'keras', 'optax', 'hugging-face', 'timm']);
    for (const type of Object.keys(scheduleFactories).filter((name) => !presets.has(name))) {
      expect(typeof index[scheduleOwner(type)], type).toBe('function');
      expect(index[scheduleOwner(type)], type).toBe(scheduleFactories[type]);
    }
  });
});
