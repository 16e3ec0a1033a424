// Smoke size of the webgpu kernels benchmark, on SwiftShader through Dawn (`pnpm test`
// installs Chromium, which ships the driver): no timing assertions, only that it runs.

import { unregisterWebGpuTrainingKernels } from '@lrkit/backends';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { webGpuKernelsSection } from './sections.js';
import type { WebGpuKernelsResult } from './webgpu-kernels.bench.js';

describe('webgpu kernels benchmark (smoke)', () => {
  it('steps the demo CNN with and without lrkit’s kernels, profiles both, and leaves things as it found them', async () => {
    const before = tf.memory().numTensors;
    const result = (await webGpuKernelsSection.run(true)) as WebGpuKernelsResult;
    if (result.status !== 'measured') throw new Error(`not measured: ${result.reason}`);
    expect([result.adapter.software, result.model, result.batchSize, result.repetitions]).toEqual([true, 'demo-cnn', 2, 1]);
    for (const variant of [result.lrkit, result.tfjs]) {
      expect(variant.millisecondsPerStep.values).toHaveLength(1);
      expect(variant.profile.kernels.map((kernel) => kernel.name)).toContain('Conv2DBackpropFilter');
      expect(variant.profile.kernelCalls).toBeGreaterThan(20);
      expect(Number.isFinite(variant.finalLoss)).toBe(true);
    }
    // Same seed and data; the timed step's loss follows the warm-up step's update, whose filter gradients came from each kernel.
    expect(Math.abs(result.lrkit.finalLoss - result.tfjs.finalLoss)).toBeLessThan(1e-5);
    expect(result.speedup.values).toHaveLength(1);
    const markdown = webGpuKernelsSection.render(result);
    expect(markdown).toContain('| lrkit |');
    expect(markdown).toContain('| tfjs-webgpu 4.22 |');
    expect(markdown).toContain('software adapter');
    expect(webGpuKernelsSection.targets?.(result)).toHaveLength(1);
    expect(unregisterWebGpuTrainingKernels()).toEqual([]);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
