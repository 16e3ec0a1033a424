import * as tf from '@tensorflow/tfjs';
import { initializeWasmBackend } from '../backend/wasm-setup.js';
import { seededRandom } from '../data/random.js';

export { seededRandom };

/** `size` uniform values in [-1, 1). */
export function randomValues(random: () => number, size: number): Float32Array {
  const values = new Float32Array(size);
  for (let index = 0; index < size; index += 1) values[index] = random() * 2 - 1;
  return values;
}

/** An integer in [low, high]. */
export function randomInteger(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** Loads the wasm backend from the package's dist folder (single-threaded SIMD) once. */
export async function prepareWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!(await initializeWasmBackend(wasm))) throw new Error('the wasm backend did not start');
}

/**
 * Runs `compute` on `backendName` and returns its result's values; every tensor made inside
 * is disposed.
 */
export async function valuesOn(backendName: string, compute: () => tf.Tensor): Promise<Float32Array> {
  if (!(await tf.setBackend(backendName)) || tf.getBackend() !== backendName) {
    throw new Error(`could not switch to the ${backendName} backend`);
  }
  const result = tf.tidy(compute);
  const values = (await result.data()) as Float32Array;
  result.dispose();
  return values;
}

/** The largest |actual − expected| / max(1, |expected|) over all entries. */
export function largestError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let largest = 0;
  for (let index = 0; index < actual.length; index += 1) {
    const scale = Math.max(1, Math.abs(expected[index]!));
    largest = Math.max(largest, Math.abs(actual[index]! - expected[index]!) / scale);
  }
  return largest;
}

/**
 * The filter a dilated convolution effectively applies: `dilation − 1` zeros between taps,
 * [fH, fW, c, m] → [(fH − 1)·dH + 1, (fW − 1)·dW + 1, c, m].
 */
export function dilateFilter(filter: tf.Tensor4D, dilationHeight: number, dilationWidth: number): tf.Tensor4D {
  const [height, width, channels, multiplier] = filter.shape;
  const values = filter.dataSync();
  const dilatedHeight = (height - 1) * dilationHeight + 1;
  const dilatedWidth = (width - 1) * dilationWidth + 1;
  const inner = channels * multiplier;
  const dilated = new Float32Array(dilatedHeight * dilatedWidth * inner);
  for (let i = 0; i < height; i += 1) {
    for (let j = 0; j < width; j += 1) {
      const source = (i * width + j) * inner;
      const target = (i * dilationHeight * dilatedWidth + j * dilationWidth) * inner;
      dilated.set(values.subarray(source, source + inner), target);
    }
  }
  return tf.tensor4d(dilated, [dilatedHeight, dilatedWidth, channels, multiplier]);
}

/** Keeps taps 0, d, 2d, … of a gradient computed for the dilated filter. */
export function undilateFilter(filter: tf.Tensor4D, dilationHeight: number, dilationWidth: number): tf.Tensor4D {
  return tf.stridedSlice(filter, [0, 0, 0, 0], filter.shape, [dilationHeight, dilationWidth, 1, 1]) as tf.Tensor4D;
}
