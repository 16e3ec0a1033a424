// @lrkit/backends — browser-safe entry: backend names, the wasm training kernels, the WebGPU
// training kernels, WebGPU adapter descriptions. Node-only set-up (selectBackend, Dawn, wasm binaries on disk) is in
// '@lrkit/backends/node'.
export {
  type BackendChoice,
  backendChoices,
  backendPackages,
  parseBackendFlag,
  tfjsBackendNames,
  toBackendChoice,
} from './choice/backend-choice.js';
export { type InitializeWasmBackendOptions, initializeWasmBackend, type WasmModule } from './wasm/initialize-wasm-backend.js';
export {
  type RegisterWasmTrainingKernelsOptions,
  registerWasmTrainingKernels,
  type WasmTrainingKernelName,
  wasmMissingKernelNames,
  wasmReplacedKernelNames,
  wasmTrainingKernelNames,
} from './wasm/register-wasm-training-kernels.js';
export {
  type AdapterDescription,
  type AdapterInfoLike,
  type AdapterLike,
  describeAdapter,
  formatAdapter,
  isSoftwareAdapter,
} from './webgpu/adapter.js';
export {
  type RegisterWebGpuTrainingKernelsOptions,
  registerWebGpuTrainingKernels,
  unregisterWebGpuTrainingKernels,
  type WebGpuTrainingKernelName,
  webGpuTrainingKernelNames,
} from './webgpu/register-webgpu-training-kernels.js';
