// @lrkit/backends/node — everything of the browser-safe entry, plus Node's set-up: backend
// selection, WebGPU through Dawn, the wasm binaries loaded from disk.
export * from './index.js';
export { importOptionalPackage, type ModuleLoader, ModuleMissingError, resolveOptionalPackage } from './node/module-loader.js';
export { type DawnModule, type GpuLike, initializeNodeWebGpu, type NodeWebGpu, type NodeWebGpuOptions } from './node/node-webgpu.js';
export {
  type BackendSelector,
  createBackendSelector,
  nativeInstallHint,
  type SelectBackendOptions,
  type SelectedBackend,
  type SkippedBackend,
  type SkipReason,
  selectBackend,
} from './node/select-backend.js';
export { findSoftwareVulkanDriver, softwareVulkanDriverLocations } from './node/software-vulkan.js';
export { initializeWasmBackend, wasmBinaryFolder } from './node/wasm-setup.js';
