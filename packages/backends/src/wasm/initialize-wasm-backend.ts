import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels.js';

/** What {@link initializeWasmBackend} needs from the `@tensorflow/tfjs-backend-wasm` module. */
export interface WasmModule {
  /** tfjs-backend-wasm's `setWasmPaths`: where the `.wasm` binaries are loaded from. */
  setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
}

/** Options of {@link initializeWasmBackend}. */
export interface InitializeWasmBackendOptions {
  /**
   * Where the `.wasm` binaries are: a URL or folder prefix ending in `/`, or a map from file
   * name to location (tfjs' `setWasmPaths`). Default: leave tfjs' own lookup (next to the
   * script in a browser); the Node entry points it at the installed package.
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Use the multi-threaded SIMD build where the platform can run it (a browser page with
   * cross-origin isolation). Default `false`: the single-threaded SIMD build, which is the
   * only one that starts in Node (the threaded build's worker comes from a blob URL).
   */
  multithreaded?: boolean;
}

/**
 * Starts the wasm backend for training: picks the SIMD build, points tfjs at the binaries,
 * registers the training kernels ({@link registerWasmTrainingKernels}) and switches tfjs to
 * `wasm`. Import `@tensorflow/tfjs-backend-wasm` first and pass the module.
 *
 * @returns whether tfjs now runs on `wasm`.
 * @example
 * import * as wasm from '@tensorflow/tfjs-backend-wasm';
 * await initializeWasmBackend(wasm, { wasmPaths: '/wasm/' });
 * await model.fit(xs, ys); // conv layers train on wasm
 */
export async function initializeWasmBackend(wasm: WasmModule, options: InitializeWasmBackendOptions = {}): Promise<boolean> {
  if (options.multithreaded !== true) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
  registerWasmTrainingKernels();
  return tf.setBackend('wasm');
}
