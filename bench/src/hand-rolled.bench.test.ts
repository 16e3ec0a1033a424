import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HandRolledResult } from './hand-rolled.bench.js';
import { handRolledSection } from './sections.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('hand-rolled comparison (smoke)', () => {
  it('trains both ways from the same start and compares the losses at each boundary', async () => {
    const before = tf.memory().numTensors;
    const result = (await handRolledSection.run(true)) as HandRolledResult;
    expect(result.boundaries.map((boundary) => boundary.epoch)).toEqual([1]);
    // Same seeds, same data, same learning rate in epoch 0: identical first epochs.
    expect(result.handRolledEpochLoss[0]).toBe(result.lrkitEpochLoss[0]);
    expect(handRolledSection.render(result)).toContain('hand-rolled after / lrkit after');
    expect(tf.memory().numTensors).toBe(before);
  });
});
