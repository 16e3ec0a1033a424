import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LrFinderResult } from './lr-finder.bench.js';
import { lrFinderSection } from './sections.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('LR finder benchmark (smoke)', () => {
  it('times the sweep against one epoch and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const result = (await lrFinderSection.run(true)) as LrFinderResult;
    expect(result.batchesPerEpoch).toBe(4);
    expect(result.sweepBatches).toBeGreaterThan(0);
    expect(result.wallRatio.values).toHaveLength(1);
    expect(lrFinderSection.render(result)).toContain('cost in epochs of batches');
    expect(tf.memory().numTensors).toBe(before);
  });
});
