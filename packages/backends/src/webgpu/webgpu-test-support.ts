// Test helpers for the webgpu kernels: a real WebGPU device through Dawn on SwiftShader's
// Vulkan driver (Debian's chromium package ships it; `pnpm test` installs Chromium).
import * as tf from '@tensorflow/tfjs';
import { initializeNodeWebGpu } from '../node/node-webgpu.js';
import { findSoftwareVulkanDriver } from '../node/software-vulkan.js';

/** Starts WebGPU through Dawn on SwiftShader once and registers tfjs' webgpu backend. */
export async function prepareWebGpu(): Promise<void> {
  const driver = findSoftwareVulkanDriver();
  if (driver === undefined) throw new Error('SwiftShader Vulkan driver not found: install Debian chromium (scripts/ensure-chromium.sh)');
  const { adapter } = await initializeNodeWebGpu({ vulkanDriverFiles: driver });
  if (adapter === undefined) throw new Error('Dawn found no WebGPU adapter on SwiftShader');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tf.setBackend("webgpu") failed');
}

/** Runs one kernel by name on `backendName` with fresh inputs and returns its values. */
export async function kernelValues(
  backendName: string,
  kernelName: string,
  inputs: Record<string, { values: Float32Array; shape: number[] }>,
  attrs: object,
): Promise<Float32Array> {
  if (!(await tf.setBackend(backendName))) throw new Error(`could not switch to ${backendName}`);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([name, { values, shape }]) => [name, tf.tensor(values, shape)]));
  const result = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = (await result.data()) as Float32Array;
  tf.dispose([result, ...Object.values(tensors)]);
  return values;
}
