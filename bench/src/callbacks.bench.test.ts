import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { callbackVariantNames } from './callbacks.bench.js';
import { hookCostVariantNames } from './hook-cost.bench.js';
import { type CallbacksSectionResult, callbacksSection } from './sections.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('callback overhead benchmark (smoke)', () => {
  it('times every configuration on the three models and the hook driver, renders, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const section = (await callbacksSection.run(true)) as CallbacksSectionResult;
    const results = section.models;
    expect(section.hookCost.variants.map((variant) => variant.name)).toEqual([...hookCostVariantNames]);
    expect(results.map((result) => [result.model, result.backend])).toEqual([
      ['MLP 32-64-10', 'cpu'],
      ['CNN 12x12 conv8-pool-dense10', 'cpu'],
      ['demo CNN 28x28 conv8-pool-conv16-pool-dense10', 'wasm'],
    ]);
    for (const result of results) {
      expect(result.variants.map((variant) => variant.name)).toEqual([...callbackVariantNames]);
      expect(result.variants.every((variant) => variant.cpuRatio.values.length === 1)).toBe(true);
    }
    expect(callbacksSection.render(section)).toContain('| all three, per-batch scheduling |');
    expect(callbacksSection.targets?.(section).map((verdict) => verdict.target)).toEqual([
      'all callbacks together <= 1% overhead on the CNN (CNN 12x12 conv8-pool-dense10, cpu)',
      'all callbacks together <= 1% overhead on the CNN (demo CNN 28x28 conv8-pool-conv16-pool-dense10, wasm)',
    ]);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
