// @lrkit/backends — browser-safe entry: backend names, the wasm training kernels, the WebGPU
// training kernels, WebGPU adapter descriptions. Node-only set-up (selectBackend, Dawn, wasm binaries on disk) is in
// '@lrkit/backends/node'.
export {
  backendChoices,
  backendPackages,
  parseBackendFlag,
  tfjsBackendNames,
  toBackendChoice,
  type BackendChoice,
} from './choice/backend-choice.js';
export {
  registerWasmTrainingKernels,
  wasmMissingKernelNames,
  wasmReplacedKernelNames,
  wasmTrainingKernelNames,
  type RegisterWasmTrainingKernelsOptions,
  type WasmTrainingKernelName,
} from './wasm/register-wasm-training-kernels.js';
export { initializeWasmBackend, type InitializeWasmBackendOptions, type WasmModule } from './wasm/initialize-wasm-backend.js';
export {
  describeAdapter,
  formatAdapter,
  isSoftwareAdapter,
  type AdapterDescription,
  type AdapterInfoLike,
  type AdapterLike,
} from './webgpu/adapter.js';
export {
  registerWebGpuTrainingKernels,
  unregisterWebGpuTrainingKernels,
  webGpuTrainingKernelNames,
  type RegisterWebGpuTrainingKernelsOptions,
  type WebGpuTrainingKernelName,
} from './webgpu/register-webgpu-training-kernels.js';
