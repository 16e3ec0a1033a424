import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryResult } from './memory.bench.js';
import { memorySection } from './sections.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('memory benchmark (smoke)', () => {
  it('reads tf.memory() after every fit and reports the growth', async () => {
    const result = (await memorySection.run(true)) as MemoryResult;
    expect(result.points.map((point) => point.batches)).toEqual([0, 20, 40]);
    expect(result.historyRows).toBe(40);
    expect(memorySection.targets?.(result).map((verdict) => verdict.met)).toEqual([true]);
  });
});
