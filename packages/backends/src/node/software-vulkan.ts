import { existsSync } from 'node:fs';

/** Where Linux distributions' Chromium packages put SwiftShader's Vulkan driver manifest. */
export const softwareVulkanDriverLocations = [
  '/usr/lib/chromium/vk_swiftshader_icd.json',
  '/usr/lib64/chromium/vk_swiftshader_icd.json',
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
  '/snap/chromium/current/usr/lib/chromium-browser/vk_swiftshader_icd.json',
] as const;

/**
 * Finds SwiftShader's Vulkan driver manifest (`vk_swiftshader_icd.json`, shipped by Debian's
 * and most distributions' `chromium` package), for WebGPU on a machine without a GPU: a real,
 * slow WebGPU device that tests can use. `LRKIT_SWIFTSHADER_ICD` overrides the search.
 *
 * @returns the manifest's path, or `undefined` when none is installed.
 * @example
 * const driver = findSoftwareVulkanDriver();
 * if (driver !== undefined) await initializeNodeWebGpu({ vulkanDriverFiles: driver });
 */
export function findSoftwareVulkanDriver(): string | undefined {
  const override = process.env.LRKIT_SWIFTSHADER_ICD;
  if (override !== undefined && override !== '') return existsSync(override) ? override : undefined;
  return softwareVulkanDriverLocations.find((location) => existsSync(location));
}
