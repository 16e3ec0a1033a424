// @lrkit/backends/node — everything of the browser-safe entry, plus Node's set-up: backend
// selection, WebGPU through Dawn, the wasm binaries loaded from disk.
export * from './index.js';
export { initializeWasmBackend, wasmBinaryFolder } from './node/wasm-setup.js';
export { importOptionalPackage, ModuleMissingError, resolveOptionalPackage, type ModuleLoader } from './node/module-loader.js';
export { initializeNodeWebGpu, type DawnModule, type GpuLike, type NodeWebGpu, type NodeWebGpuOptions } from './node/node-webgpu.js';
export { findSoftwareVulkanDriver, softwareVulkanDriverLocations } from './node/software-vulkan.js';
export {
  createBackendSelector,
  nativeInstallHint,
  selectBackend,
  type BackendSelector,
  type SelectBackendOptions,
  type SelectedBackend,
  type SkippedBackend,
  type SkipReason,
} from './node/select-backend.js';
