// Real Dawn with SwiftShader added to the system's Vulkan drivers (VK_ADD_DRIVER_FILES): on a
// machine without a GPU (CI) the software adapter is what Dawn finds; on one with a GPU the GPU
// would rank first.
import { describe, expect, it } from 'vitest';
import { initializeNodeWebGpu } from './node-webgpu.js';
import { findSoftwareVulkanDriver } from './software-vulkan.js';

describe('initializeNodeWebGpu with SwiftShader as an additional driver', () => {
  it('finds an adapter, and on a machine without a GPU it is the software one', async () => {
    const driver = findSoftwareVulkanDriver();
    if (driver === undefined) throw new Error('SwiftShader Vulkan driver not found: install Debian chromium (scripts/ensure-chromium.sh)');
    const { adapter } = await initializeNodeWebGpu({ additionalVulkanDriverFiles: driver });
    expect(process.env.VK_ADD_DRIVER_FILES).toBe(driver);
    // A GPU machine finds its GPU; every other machine SwiftShader.
    expect(adapter === undefined ? 'none' : adapter.software ? adapter.architecture : 'a hardware adapter').toMatch(/^(swiftshader|a hardware adapter)$/);
  });
});
