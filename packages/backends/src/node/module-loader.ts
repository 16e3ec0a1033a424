import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Loads an optional package by name; rejects with {@link ModuleMissingError} when it is not installed. */
export type ModuleLoader = (packageName: string) => Promise<unknown>;

/**
 * The package is not installed where lrkit can see it (from this package or the current
 * directory).
 *
 * @example
 * try { await importOptionalPackage('@tensorflow/tfjs-node'); }
 * catch (error) { if (error instanceof ModuleMissingError) console.log(error.packageName, 'is not installed'); }
 */
export class ModuleMissingError extends Error {
  constructor(readonly packageName: string) {
    super(`${packageName} is not installed`);
    this.name = 'ModuleMissingError';
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/**
 * Where `packageName` is installed: looked up from this package first, then from the current
 * directory (an example app that ran `pnpm add @tensorflow/tfjs-node` in its own folder).
 *
 * @returns the resolved entry file, or `undefined` when neither place has the package.
 * @example
 * resolveOptionalPackage('@tensorflow/tfjs-node'); // undefined on a machine without it
 */
export function resolveOptionalPackage(packageName: string, directory = process.cwd()): string | undefined {
  const bases = [import.meta.url, pathToFileURL(path.join(directory, 'package.json')).href];
  for (const base of bases) {
    try {
      return createRequire(base).resolve(packageName);
    } catch (error) {
      if (!isModuleNotFound(error)) throw error;
    }
  }
  return undefined;
}

/**
 * The default {@link ModuleLoader}: resolves the package ({@link resolveOptionalPackage}) and
 * imports it. A missing package rejects with {@link ModuleMissingError}; a package that is
 * present but fails while loading (a native library missing, say) rejects with that error.
 *
 * @example
 * const wasm = await importOptionalPackage('@tensorflow/tfjs-backend-wasm');
 */
export const importOptionalPackage: ModuleLoader = async (packageName) => {
  const resolved = resolveOptionalPackage(packageName);
  if (resolved === undefined) throw new ModuleMissingError(packageName);
  return import(pathToFileURL(resolved).href);
};
