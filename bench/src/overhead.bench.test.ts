import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runOverheadBenchmark, smokeOptions } from './overhead.bench.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('overhead benchmark (smoke)', () => {
  it('times both models in both configurations and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const results = await runOverheadBenchmark(smokeOptions);
    expect(results.map((result) => [result.model, result.batchesPerFit, result.ratios.length])).toEqual([
      ['mlp 32-64-10', 4, 2],
      ['cnn 12x12 conv8-pool-dense10', 1, 2],
    ]);
    expect(results.every((result) => result.ratios.every((ratio) => Number.isFinite(ratio) && ratio > 0))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
