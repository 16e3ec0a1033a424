// selectBackend registers lrkit's webgpu training kernels when it picks webgpu (here on
// SwiftShader through Dawn, which `pnpm test` installs with Chromium), unless told not to.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { unregisterWebGpuTrainingKernels, webGpuTrainingKernelNames } from '../webgpu/register-webgpu-training-kernels.js';
import { createBackendSelector } from './select-backend.js';
import { findSoftwareVulkanDriver } from './software-vulkan.js';

const webGpu = { vulkanDriverFiles: findSoftwareVulkanDriver() ?? '/missing: install Debian chromium (scripts/ensure-chromium.sh)' };
const filterGradientKernel = () => tf.getKernel('Conv2DBackpropFilter', 'webgpu')?.kernelFunc;

describe('selectBackend and the webgpu training kernels', () => {
  it('with webGpuKernels: false keeps tfjs-webgpu’s own kernels', async () => {
    const selected = await createBackendSelector().selectBackend({ preferred: 'webgpu', webGpu, webGpuKernels: false, log: () => {} });
    expect(selected.choice).toBe('webgpu');
    expect(unregisterWebGpuTrainingKernels()).toEqual([]);
  });

  it('registers lrkit’s kernels by default when it picks webgpu', async () => {
    const stock = filterGradientKernel();
    await createBackendSelector().selectBackend({ preferred: 'webgpu', webGpu, log: () => {} });
    expect(filterGradientKernel()).not.toBe(stock);
    expect(unregisterWebGpuTrainingKernels()).toEqual([...webGpuTrainingKernelNames]);
    expect(filterGradientKernel()).toBe(stock);
  });
});
