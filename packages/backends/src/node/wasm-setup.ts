import { createRequire } from 'node:module';
import path from 'node:path';
import {
  type InitializeWasmBackendOptions,
  initializeWasmBackend as initializeWasmBackendWithPaths,
  type WasmModule,
} from '../wasm/initialize-wasm-backend.js';

/**
 * The folder holding `tfjs-backend-wasm-simd.wasm` (the installed package's `dist/`), with a
 * trailing separator as `setWasmPaths` expects. `LRKIT_WASM_DIR` overrides it: a bundled
 * program (esbuild, one file) has no installed package to look in, so it ships the `.wasm`
 * files in a folder and names it there.
 *
 * @example
 * wasmBinaryFolder(); // '/…/node_modules/@tensorflow/tfjs-backend-wasm/dist/'
 */
export function wasmBinaryFolder(): string {
  const override = process.env.LRKIT_WASM_DIR;
  if (override !== undefined && override !== '') return override.endsWith(path.sep) ? override : override + path.sep;
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

/**
 * Node's wasm start-up: as the browser-safe `initializeWasmBackend`, with the binaries loaded
 * from the installed package's `dist/` folder ({@link wasmBinaryFolder}), offline, and the
 * single-threaded SIMD build (the threaded one never starts in Node).
 *
 * @returns whether tfjs now runs on `wasm`.
 * @example
 * const wasm = await import('@tensorflow/tfjs-backend-wasm');
 * await initializeWasmBackend(wasm); // from '@lrkit/backends/node'
 */
export function initializeWasmBackend(wasm: WasmModule, options: InitializeWasmBackendOptions = {}): Promise<boolean> {
  return initializeWasmBackendWithPaths(wasm, { ...options, wasmPaths: options.wasmPaths ?? wasmBinaryFolder(), multithreaded: false });
}
