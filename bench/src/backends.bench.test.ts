import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendsResult } from './backends.bench.js';
import { backendsSection } from './sections.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('backends benchmark (smoke)', () => {
  it('trains the demo CNN on cpu, wasm and webgpu (SwiftShader here), reports the native packages as absent, and returns to cpu', async () => {
    const before = tf.memory().numTensors;
    const result = (await backendsSection.run(true)) as BackendsResult;
    expect(result.benchmark.timings.map((timing) => timing.backend)).toEqual(['cpu', 'wasm', 'webgpu']);
    expect(result.adapter?.software).toBe(true);
    expect(backendsSection.render(result)).toContain('| webgpu (google swiftshader (SwiftShader driver 5.0.0), software adapter) |');
    expect(result.native).toEqual([
      { packageName: '@tensorflow/tfjs-node-gpu', status: 'not installed' },
      { packageName: '@tensorflow/tfjs-node', status: 'not installed' },
    ]);
    expect(backendsSection.render(result)).toContain('| @tensorflow/tfjs-node | not installed |');
    expect(backendsSection.targets?.(result)).toHaveLength(1);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
