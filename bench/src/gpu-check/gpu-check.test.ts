// The GPU check's measurements on a real WebGPU device: Dawn (npm `webgpu`) on SwiftShader's
// Vulkan driver, which Debian's chromium package ships (`pnpm test` installs it through
// scripts/ensure-chromium.sh), so this runs on machines without a GPU.

import { findSoftwareVulkanDriver, selectBackend } from '@lrkit/backends/node';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLearningRateExactness } from './learning-rate-exactness.js';
import { countEpochReads } from './read-count.js';

describe('on webgpu (SwiftShader through Dawn)', () => {
  beforeAll(async () => {
    const driver = findSoftwareVulkanDriver();
    if (driver === undefined) throw new Error('SwiftShader Vulkan driver not found: install Debian chromium (scripts/ensure-chromium.sh)');
    await selectBackend({ preferred: 'webgpu', webGpu: { vulkanDriverFiles: driver }, log: () => {} });
    expect(tf.getBackend()).toBe('webgpu');
  });

  it('LearningRateScheduler applies the schedule exactly (float32) at every batch', async () => {
    const result = await checkLearningRateExactness(12);
    expect(result.backend).toBe('webgpu');
    expect(result.applied).toHaveLength(12);
    expect(result.largestRelativeError).toBeLessThan(1e-5);
    expect(result.applied[0]).toBeCloseTo(0.1, 6);
  });

  it('lrkit callbacks add one read per epoch, not one per batch: the same counts for 3 and 6 batches', async () => {
    const short = await countEpochReads(3);
    const long = await countEpochReads(6);
    // tfjs' own epoch logs take one read; LossHistory's per-batch losses are read back together
    // once per epoch; the scheduler and the plateau read nothing from the device.
    expect(
      [short, long].map(({ backend, batches, withoutCallbacks, withCallbacks, added }) => [backend, batches, withoutCallbacks, withCallbacks, added]),
    ).toEqual([
      ['webgpu', 3, 1, 2, 1],
      ['webgpu', 6, 1, 2, 1],
    ]);
  });
});
