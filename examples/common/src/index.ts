// Shared example infrastructure; each area lives in its own folder (backend/, data/, report/).
export {};
export {
  backendChoices,
  backendPackages,
  parseBackendFlag,
  toBackendChoice,
  type BackendChoice,
} from './backend/backend-choice.js';
export {
  createBackendSelector,
  nativeInstallHint,
  selectBackend,
  type BackendSelector,
  type SelectBackendOptions,
  type SelectedBackend,
  type SkippedBackend,
} from './backend/select-backend.js';
export { importOptionalPackage, ModuleMissingError, resolveOptionalPackage, type ModuleLoader } from './backend/module-loader.js';
export { initializeWasmBackend, wasmBinaryFolder, type WasmModule } from './backend/wasm-setup.js';
export {
  registerWasmTrainingKernels,
  wasmMissingKernelNames,
  wasmReplacedKernelNames,
  wasmTrainingKernelNames,
  type RegisterWasmTrainingKernelsOptions,
  type WasmTrainingKernelName,
} from './kernels/register-wasm-training-kernels.js';
export { buildDemoCnn, type DemoCnnOptions } from './models/demo-cnn.js';
