import { readFile } from 'node:fs/promises';

import { checkImageSet, type ImageSet } from './image-set.js';

/** A decoded IDX file: its dimensions and its unsigned-byte payload. */
export interface IdxArray {
  /** Size of each dimension, outermost first (`[60000, 28, 28]` for MNIST images). */
  readonly dimensions: readonly number[];
  /** The values, row-major. */
  readonly data: Uint8Array;
}

/**
 * Decodes an IDX file (the format of MNIST and Fashion-MNIST): two zero bytes, a type
 * byte (only `0x08`, unsigned byte, is supported), the number of dimensions, each
 * dimension as a big-endian 32-bit integer, then the values.
 *
 * @param bytes - the file's content.
 * @param source - a name for error messages (usually the file path).
 * @returns the dimensions and a view of the values (no copy).
 * @example
 * ```ts
 * const labels = parseIdx(await readFile('train-labels-idx1-ubyte'), 'train-labels');
 * labels.dimensions; // [60000]
 * ```
 */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new RangeError(`${source}: not an IDX file (the first two bytes must be 0)`);
  }
  if (bytes[2] !== 0x08) {
    throw new RangeError(`${source}: only unsigned-byte IDX files (type 0x08) are supported; received type 0x${(bytes[2] ?? 0).toString(16)}`);
  }
  const rank = bytes[3] ?? 0;
  const headerLength = 4 + 4 * rank;
  if (rank === 0 || bytes.length < headerLength) {
    throw new RangeError(`${source}: truncated IDX header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimensions: number[] = [];
  for (let axis = 0; axis < rank; axis += 1) dimensions.push(view.getUint32(4 + 4 * axis, false));
  const size = dimensions.reduce((product, dimension) => product * dimension, 1);
  if (bytes.length !== headerLength + size) {
    throw new RangeError(`${source}: the header announces ${size} values (${dimensions.join('×')}); the file holds ${bytes.length - headerLength}`);
  }
  return { dimensions, data: bytes.subarray(headerLength) };
}

/**
 * Encodes unsigned bytes as an IDX file (used by tests to write small MNIST-format files).
 *
 * @param dimensions - the shape, outermost first.
 * @param data - the values, row-major; their count must match the shape.
 * @returns the file's bytes.
 * @example
 * ```ts
 * const file = encodeIdx([2], Uint8Array.of(7, 3)); // a label file with two labels
 * ```
 */
export function encodeIdx(dimensions: readonly number[], data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dimensions.length + data.length);
  const view = new DataView(bytes.buffer);
  bytes[2] = 0x08;
  bytes[3] = dimensions.length;
  dimensions.forEach((dimension, axis) => view.setUint32(4 + 4 * axis, dimension, false));
  bytes.set(data, 4 + 4 * dimensions.length);
  return bytes;
}

/**
 * Reads an IDX image file and its label file into an {@link ImageSet} of grey images.
 *
 * @param imagesPath - path of the `…-images-idx3-ubyte` file.
 * @param labelsPath - path of the matching `…-labels-idx1-ubyte` file.
 * @returns the images (channels = 1) and labels.
 * @example
 * ```ts
 * const test = await readIdxImageSet('data/t10k-images-idx3-ubyte', 'data/t10k-labels-idx1-ubyte');
 * ```
 */
export async function readIdxImageSet(imagesPath: string, labelsPath: string): Promise<ImageSet> {
  const [imageBytes, labelBytes] = await Promise.all([readFile(imagesPath), readFile(labelsPath)]);
  const images = parseIdx(new Uint8Array(imageBytes), imagesPath);
  const labels = parseIdx(new Uint8Array(labelBytes), labelsPath);
  const [count, height, width] = images.dimensions;
  if (images.dimensions.length !== 3 || count === undefined || height === undefined || width === undefined) {
    throw new RangeError(`${imagesPath}: expected 3 dimensions (count, height, width); received ${images.dimensions.length}`);
  }
  if (labels.dimensions.length !== 1 || labels.dimensions[0] !== count) {
    throw new RangeError(`${labelsPath}: expected ${count} labels; received shape ${labels.dimensions.join('×')}`);
  }
  return checkImageSet({ images: images.data, labels: labels.data, count, height, width, channels: 1 }, imagesPath);
}
