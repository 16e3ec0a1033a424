import * as tf from '@tensorflow/tfjs';
import {
  backendChoices,
  backendPackages,
  tfjsBackendNames,
  toBackendChoice,
  type BackendChoice,
} from './backend-choice.js';
import { importOptionalPackage, ModuleMissingError, type ModuleLoader } from './module-loader.js';
import { initializeWasmBackend, type WasmModule } from './wasm-setup.js';

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Use this backend only (from `--backend`, see `parseBackendFlag`); it throws when unavailable. Default: the best present. */
  preferred?: BackendChoice | undefined;
  /** Where the chosen backend and the install hint are printed. Default `console.log`. */
  log?: (line: string) => void;
  /** Loads an optional package (tests inject a stand-in). Default: resolve and import it. */
  loadModule?: ModuleLoader;
}

/** Why a backend was passed over. */
export interface SkippedBackend {
  readonly choice: BackendChoice;
  /** `missing`: its package is not installed; `failed`: installed but did not start. */
  readonly reason: 'missing' | 'failed';
  readonly message: string;
}

/** The outcome of {@link selectBackend}. */
export interface SelectedBackend {
  readonly choice: BackendChoice;
  /** `tf.getBackend()` after the switch (`tensorflow` for both native packages). */
  readonly backendName: string;
  /** The package that provides it (`undefined` for cpu). */
  readonly packageName: string | undefined;
  /** Faster backends that were tried first and why they were not used. */
  readonly skipped: readonly SkippedBackend[];
}

/** A backend selector with its own "install hint already shown" memory. */
export interface BackendSelector {
  selectBackend(options?: SelectBackendOptions): Promise<SelectedBackend>;
}

/** The line printed once when no native backend is installed. */
export const nativeInstallHint =
  'For much faster training install a native TensorFlow backend (optional, downloads libtensorflow): ' +
  '`pnpm add @tensorflow/tfjs-node` (or `@tensorflow/tfjs-node-gpu` with CUDA) in the example\'s folder, then run again.';

async function tryBackend(choice: BackendChoice, loadModule: ModuleLoader): Promise<SkippedBackend | undefined> {
  const packageName = backendPackages[choice];
  try {
    if (choice === 'cpu') {
      if (await tf.setBackend('cpu')) return undefined;
      return { choice, reason: 'failed', message: 'tf.setBackend("cpu") returned false' };
    }
    const module = await loadModule(packageName!);
    if (choice === 'wasm') {
      if (await initializeWasmBackend(module as WasmModule)) return undefined;
      return { choice, reason: 'failed', message: 'the wasm backend did not initialise' };
    }
    if (await tf.setBackend(tfjsBackendNames[choice])) return undefined;
    return { choice, reason: 'failed', message: `tf.setBackend("${tfjsBackendNames[choice]}") returned false` };
  } catch (error) {
    if (error instanceof ModuleMissingError) return { choice, reason: 'missing', message: error.message };
    return { choice, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
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
      for (const choice of candidates) {
        const failure = await tryBackend(choice, loadModule);
        if (failure !== undefined) {
          skipped.push(failure);
          if (failure.reason === 'failed') log(`backend ${choice}: could not start (${failure.message}); trying the next one`);
          continue;
        }
        if (choice === 'cpu') silenceCpuBanner();
        const selected: SelectedBackend = { choice, backendName: tf.getBackend(), packageName: backendPackages[choice], skipped };
        log(`backend: ${choice}${selected.packageName === undefined ? '' : ` (${selected.packageName})`}`);
        const nativeMissing = skipped.some((entry) => entry.reason === 'missing' && isNative(entry.choice));
        if (nativeMissing && !isNative(choice) && !hintShown) {
          hintShown = true;
          log(nativeInstallHint);
        }
        return selected;
      }
      const failure = skipped[0]!;
      const hint = failure.reason === 'missing' && failure.choice !== 'wasm' ? ` ${nativeInstallHint}` : '';
      throw new Error(`backend ${failure.choice} is not available: ${failure.message}.${hint}`);
    },
  };
}

const defaultSelector = createBackendSelector();

/**
 * Switches tfjs to the fastest backend present — @tensorflow/tfjs-node-gpu → @tensorflow/tfjs-node
 * → @tensorflow/tfjs-backend-wasm (single-threaded SIMD, with lrkit's training kernels) →
 * cpu — or to `preferred` only. Packages are imported dynamically, so absent native
 * backends are fine. Prints the chosen backend, and once per process how to install the
 * native one when it is missing.
 *
 * @throws Error when `preferred` is given and that backend cannot start.
 * @example
 * const { choice } = await selectBackend({ preferred: parseBackendFlag(process.argv.slice(2)) });
 * // prints "backend: wasm (@tensorflow/tfjs-backend-wasm)" on a machine without tfjs-node
 */
export function selectBackend(options: SelectBackendOptions = {}): Promise<SelectedBackend> {
  return defaultSelector.selectBackend(options);
}
