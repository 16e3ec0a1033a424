import * as tf from '@tensorflow/tfjs';
import { type BackendChoice, backendChoices, backendPackages, tfjsBackendNames, toBackendChoice } from '../choice/backend-choice.js';
import type { WasmModule } from '../wasm/initialize-wasm-backend.js';
import { type AdapterDescription, formatAdapter } from '../webgpu/adapter.js';
import { registerWebGpuTrainingKernels } from '../webgpu/register-webgpu-training-kernels.js';
import { importOptionalPackage, type ModuleLoader, ModuleMissingError } from './module-loader.js';
import { initializeNodeWebGpu, type NodeWebGpuOptions } from './node-webgpu.js';
import { initializeWasmBackend } from './wasm-setup.js';

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /**
   * Use this backend only (from `--backend`, see `parseBackendFlag`); it throws when
   * unavailable. Asking for `webgpu` by name also accepts a software adapter. Default: the
   * best present.
   */
  preferred?: BackendChoice | undefined;
  /** Where the chosen backend, each skipped one and the install hint are printed. Default `console.log`. */
  log?: (line: string) => void;
  /** Loads an optional package (tests inject a stand-in). Default: resolve and import it. */
  loadModule?: ModuleLoader;
  /** Passed to `initializeNodeWebGpu` when webgpu is tried (Vulkan driver files, Dawn options). */
  webGpu?: Omit<NodeWebGpuOptions, 'loadModule'>;
  /**
   * When webgpu is chosen, replace tfjs-webgpu's slow training kernels with lrkit's
   * (`registerWebGpuTrainingKernels`). Default `true`; `false` keeps tfjs' own.
   */
  webGpuKernels?: boolean;
}

/**
 * Why a backend was passed over: `missing`, its package is not installed; `failed`, installed
 * but it did not start; `no-adapter`, WebGPU found no adapter; `software-adapter`, WebGPU
 * found only a software adapter (slower than wasm; used when webgpu is asked for by name).
 */
export type SkipReason = 'missing' | 'failed' | 'no-adapter' | 'software-adapter';

/** Why a backend was passed over. */
export interface SkippedBackend {
  readonly choice: BackendChoice;
  readonly reason: SkipReason;
  readonly message: string;
}

/** The outcome of {@link selectBackend}. */
export interface SelectedBackend {
  readonly choice: BackendChoice;
  /** `tf.getBackend()` after the switch (`tensorflow` for both native packages). */
  readonly backendName: string;
  /** The package that provides it (`undefined` for cpu). */
  readonly packageName: string | undefined;
  /** The WebGPU adapter, when webgpu was tried and one was found (also when it was skipped). */
  readonly adapter: AdapterDescription | undefined;
  /** Faster backends that were tried first and why they were not used. */
  readonly skipped: readonly SkippedBackend[];
}

/** A backend selector with its own "install hint already shown" memory. */
export interface BackendSelector {
  /** As the module-level {@link selectBackend}, with this selector's "install hint shown" memory. */
  selectBackend(options?: SelectBackendOptions): Promise<SelectedBackend>;
}

/** The line printed once when no native backend is installed. */
export const nativeInstallHint =
  'For native TensorFlow install @tensorflow/tfjs-node (or @tensorflow/tfjs-node-gpu with CUDA 11.2; both download libtensorflow at install time); ' +
  'on a GPU without them, WebGPU needs the optional packages `webgpu` and @tensorflow/tfjs-backend-webgpu.';

interface Attempt {
  readonly skipped?: SkippedBackend;
  readonly adapter?: AdapterDescription;
}

function failure(choice: BackendChoice, error: unknown): Attempt {
  if (error instanceof ModuleMissingError) return { skipped: { choice, reason: 'missing', message: error.message } };
  return { skipped: { choice, reason: 'failed', message: error instanceof Error ? error.message : String(error) } };
}

async function switchTo(choice: BackendChoice): Promise<SkippedBackend | undefined> {
  if (await tf.setBackend(tfjsBackendNames[choice])) return undefined;
  return { choice, reason: 'failed', message: `tf.setBackend("${tfjsBackendNames[choice]}") returned false` };
}

async function tryWebGpu(options: SelectBackendOptions, loadModule: ModuleLoader, byName: boolean): Promise<Attempt> {
  const { adapter } = await initializeNodeWebGpu({ ...options.webGpu, loadModule });
  if (adapter === undefined) {
    return { skipped: { choice: 'webgpu', reason: 'no-adapter', message: 'no WebGPU adapter (no GPU, or no Vulkan loader and driver)' } };
  }
  if (adapter.software && !byName) {
    const message = `only a software adapter, ${formatAdapter(adapter)}, slower than wasm; ask for it with --backend webgpu`;
    return { adapter, skipped: { choice: 'webgpu', reason: 'software-adapter', message } };
  }
  const switched = await switchTo('webgpu');
  if (switched !== undefined) return { adapter, skipped: switched };
  if (options.webGpuKernels !== false) registerWebGpuTrainingKernels();
  return { adapter };
}

async function tryBackend(choice: BackendChoice, options: SelectBackendOptions, loadModule: ModuleLoader, byName: boolean): Promise<Attempt> {
  try {
    if (choice === 'cpu') return await switchOrSkip('cpu');
    if (choice === 'webgpu') return await tryWebGpu(options, loadModule, byName);
    const module = await loadModule(backendPackages[choice]!);
    if (choice === 'wasm') {
      if (await initializeWasmBackend(module as WasmModule)) return {};
      return { skipped: { choice, reason: 'failed', message: 'the wasm backend did not initialise' } };
    }
    return await switchOrSkip(choice);
  } catch (error) {
    return failure(choice, error);
  }
}

async function switchOrSkip(choice: BackendChoice): Promise<Attempt> {
  const skipped = await switchTo(choice);
  return skipped === undefined ? {} : { skipped };
}

function isNative(choice: BackendChoice): boolean {
  return choice === 'tensorflow' || choice === 'tensorflow-gpu';
}

/** Stops the cpu backend's own "install tfjs-node" banner: the selector prints its hint once. */
function silenceCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu !== null && typeof cpu.firstUse === 'boolean') cpu.firstUse = false;
}

/**
 * Makes a selector whose install hint is printed at most once over all its calls.
 *
 * @example
 * const { selectBackend } = createBackendSelector();
 * await selectBackend({ log: () => {} });
 */
export function createBackendSelector(): BackendSelector {
  let hintShown = false;
  return {
    async selectBackend(options: SelectBackendOptions = {}): Promise<SelectedBackend> {
      const log = options.log ?? ((line: string) => console.log(line));
      const loadModule = options.loadModule ?? importOptionalPackage;
      const preferred = options.preferred === undefined ? undefined : toBackendChoice(options.preferred, 'selectBackend: `preferred`');
      const candidates = preferred === undefined ? backendChoices : [preferred];
      const skipped: SkippedBackend[] = [];
      let adapter: AdapterDescription | undefined;
      for (const choice of candidates) {
        const attempt = await tryBackend(choice, options, loadModule, preferred !== undefined);
        adapter = attempt.adapter ?? adapter;
        if (attempt.skipped !== undefined) {
          skipped.push(attempt.skipped);
          if (preferred === undefined) log(`backend ${choice} skipped: ${attempt.skipped.message}`);
          continue;
        }
        if (choice === 'cpu') silenceCpuBanner();
        const selected: SelectedBackend = { choice, backendName: tf.getBackend(), packageName: backendPackages[choice], adapter, skipped };
        const adapterNote = choice === 'webgpu' && adapter !== undefined ? `, ${formatAdapter(adapter)}` : '';
        log(`backend: ${choice}${selected.packageName === undefined ? '' : ` (${selected.packageName}${adapterNote})`}`);
        const nativeMissing = skipped.some((entry) => entry.reason === 'missing' && isNative(entry.choice));
        if (nativeMissing && !isNative(choice) && !hintShown) {
          hintShown = true;
          log(nativeInstallHint);
        }
        return selected;
      }
      const first = skipped[0]!;
      const hint = first.reason === 'missing' && isNative(first.choice) ? ` ${nativeInstallHint}` : '';
      throw new Error(`backend ${first.choice} is not available: ${first.message}.${hint}`);
    },
  };
}

const defaultSelector = createBackendSelector();

/**
 * Switches tfjs to the fastest backend present — @tensorflow/tfjs-node-gpu → @tensorflow/tfjs-node
 * → WebGPU through Dawn (a hardware adapter only, with lrkit's training kernels unless
 * `webGpuKernels: false`) → @tensorflow/tfjs-backend-wasm
 * (single-threaded SIMD, with lrkit's training kernels) → cpu — or to `preferred` only (then
 * `webgpu` accepts a software adapter too). Packages are imported dynamically, so absent
 * optional backends are fine. Prints one line per faster backend it skipped and why, one line
 * naming the backend it chose, and once per process how to install a native one.
 *
 * @throws Error when `preferred` is given and that backend cannot start.
 * @example
 * const { choice } = await selectBackend({ preferred: parseBackendFlag(process.argv.slice(2)) });
 * // prints "backend: wasm (@tensorflow/tfjs-backend-wasm)" on a machine without tfjs-node
 */
export function selectBackend(options: SelectBackendOptions = {}): Promise<SelectedBackend> {
  return defaultSelector.selectBackend(options);
}
