import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchSizeResult } from './batch-size.bench.js';
import { batchSizeSection } from './sections.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batch-size benchmark (smoke)', () => {
  it('runs the three arms of the example, counts their updates, and returns to cpu', async () => {
    const before = tf.memory().numTensors;
    const result = (await batchSizeSection.run(true)) as BatchSizeResult;
    expect(result.schedules.map((entry) => entry.schedule)).toEqual(['lr-decay', 'increase-batch', 'hybrid']);
    // 64 samples, 2 epochs: batch 16 throughout (4 + 4 updates), 16 then 32 (4 + 2), 16 then the cap 24 (4 + 3).
    expect(result.schedules.map((entry) => entry.updates)).toEqual([8, 6, 7]);
    expect(result.schedules.map((entry) => entry.batchSizes)).toEqual([
      [16, 16],
      [16, 32],
      [16, 24],
    ]);
    expect(batchSizeSection.render(result)).toContain('| increase-batch |');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
