import * as tf from '@tensorflow/tfjs';
import { type AdapterDescription, type AdapterLike, describeAdapter } from '../webgpu/adapter.js';
import { importOptionalPackage, type ModuleLoader } from './module-loader.js';

/** What `initializeNodeWebGpu` needs from the npm `webgpu` package (Dawn's Node binding). */
export interface DawnModule {
  /** Creates a `GPU` (what `navigator.gpu` is in a browser) with Dawn's options. */
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** The parts of a `GPU` object (`navigator.gpu`) this package calls. */
export interface GpuLike {
  /** Asks for an adapter; `null` when there is none. */
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}

/** Options of {@link initializeNodeWebGpu}. */
export interface NodeWebGpuOptions {
  /**
   * Vulkan driver manifests (ICD JSON files) for Dawn, written to `VK_DRIVER_FILES` before
   * Dawn starts; e.g. {@link findSoftwareVulkanDriver}'s SwiftShader on a machine without a
   * GPU. Default: the system's drivers (or an existing `VK_DRIVER_FILES`).
   */
  vulkanDriverFiles?: string | readonly string[];
  /**
   * Vulkan driver manifests added to the system's (`VK_ADD_DRIVER_FILES`): with
   * {@link findSoftwareVulkanDriver}'s SwiftShader, a GPU is still preferred where there is one
   * (`powerPreference: 'high-performance'` ranks a discrete GPU above a CPU adapter), and
   * SwiftShader is the fallback where there is none.
   */
  additionalVulkanDriverFiles?: string | readonly string[];
  /** Dawn options passed to `create()`, e.g. `['enable-dawn-features=allow_unsafe_apis']`. Default none. */
  dawnOptions?: readonly string[];
  /** The adapter to ask for. Default `'high-performance'`. */
  powerPreference?: 'high-performance' | 'low-power';
  /** Loads an optional package (tests inject a stand-in). Default: resolve and import it. */
  loadModule?: ModuleLoader;
}

/** The outcome of {@link initializeNodeWebGpu}. */
export interface NodeWebGpu {
  /** The adapter Dawn found, or `undefined` when there is none (no Vulkan driver, no GPU). */
  readonly adapter: AdapterDescription | undefined;
  /** Whether tfjs has a `webgpu` backend registered (true whenever an adapter was found). */
  readonly backendRegistered: boolean;
}

interface NavigatorHolder {
  navigator?: { gpu?: unknown };
}

/** Makes `navigator.gpu` exist: Node 20 has no `navigator`, Node 21+ has one without `gpu`. */
function installNavigatorGpu(gpu: GpuLike): void {
  const holder = globalThis as NavigatorHolder;
  if (holder.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  } else {
    Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  }
}

/**
 * Sets up WebGPU in Node through Dawn (npm `webgpu`) and registers tfjs' `webgpu` backend:
 * creates the GPU with `create([])`, copies Dawn's WebGPU globals (`GPUBufferUsage`, …) onto
 * `globalThis`, defines `navigator.gpu`, asks for an adapter, and only then imports
 * `@tensorflow/tfjs-backend-webgpu`, which registers itself at import time only when
 * `navigator.gpu` exists. It does not switch backends: call `tf.setBackend('webgpu')` (or
 * `selectBackend`). Safe to call again: a second call reuses the first set-up.
 *
 * On Linux, Dawn needs the Vulkan loader (`libvulkan1`) and a driver: the GPU vendor's ICD
 * (NVIDIA's needs libglvnd), or SwiftShader for a software adapter (see
 * {@link findSoftwareVulkanDriver}).
 *
 * @returns the adapter (or `undefined`) and whether the backend is registered.
 * @throws Error when `webgpu` or `@tensorflow/tfjs-backend-webgpu` is not installed, or when
 *   the latter was imported before this call (it then registered nothing).
 * @example
 * const { adapter } = await initializeNodeWebGpu();
 * if (adapter !== undefined && !adapter.software) await tf.setBackend('webgpu');
 */
export async function initializeNodeWebGpu(options: NodeWebGpuOptions = {}): Promise<NodeWebGpu> {
  const loadModule = options.loadModule ?? importOptionalPackage;
  const holder = globalThis as NavigatorHolder;
  let gpu = holder.navigator?.gpu as GpuLike | undefined;
  if (gpu === undefined) {
    const list = (files: string | readonly string[]) => (typeof files === 'string' ? [files] : files).join(':');
    if (options.vulkanDriverFiles !== undefined) process.env.VK_DRIVER_FILES = list(options.vulkanDriverFiles);
    if (options.additionalVulkanDriverFiles !== undefined) process.env.VK_ADD_DRIVER_FILES = list(options.additionalVulkanDriverFiles);
    const dawn = (await loadModule('webgpu')) as DawnModule;
    gpu = dawn.create([...(options.dawnOptions ?? [])]);
    Object.assign(globalThis, dawn.globals);
    installNavigatorGpu(gpu);
  }
  const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
  if (adapter === null) return { adapter: undefined, backendRegistered: tf.findBackendFactory('webgpu') !== null };
  await loadModule('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu') === null) {
    throw new Error(
      'initializeNodeWebGpu: @tensorflow/tfjs-backend-webgpu registered no backend: it was imported before navigator.gpu existed. ' +
        'Import it only through initializeNodeWebGpu (or after it).',
    );
  }
  return { adapter: describeAdapter(adapter), backendRegistered: true };
}
