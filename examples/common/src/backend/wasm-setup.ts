import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerWasmTrainingKernels } from '../kernels/register-wasm-training-kernels.js';

/** What {@link initializeWasmBackend} needs from the `@tensorflow/tfjs-backend-wasm` module. */
export interface WasmModule {
  setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
}

/**
 * The folder holding `tfjs-backend-wasm-simd.wasm` (the package's `dist/`), with a trailing
 * separator as `setWasmPaths` expects.
 *
 * @example
 * wasmBinaryFolder(); // '/…/node_modules/@tensorflow/tfjs-backend-wasm/dist/'
 */
export function wasmBinaryFolder(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

/**
 * Makes the wasm backend start in Node without network: loads the `.wasm` files from the
 * package's own `dist/` folder, turns the multi-threaded build off (its worker is created from
 * a blob URL and never starts in Node, so the single-threaded SIMD binary is used), registers
 * the training kernels ({@link registerWasmTrainingKernels}) and switches tfjs to `wasm`.
 * Import `@tensorflow/tfjs-backend-wasm` first and pass the module.
 *
 * @returns whether tfjs now runs on `wasm`.
 * @example
 * const wasm = await import('@tensorflow/tfjs-backend-wasm');
 * await initializeWasmBackend(wasm);
 */
export async function initializeWasmBackend(wasm: WasmModule): Promise<boolean> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths(wasmBinaryFolder());
  registerWasmTrainingKernels();
  return tf.setBackend('wasm');
}
