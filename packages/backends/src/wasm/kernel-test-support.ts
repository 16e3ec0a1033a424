import { seededRandom } from '@lrkit/schedules/seeded-random';
import * as tf from '@tensorflow/tfjs';
import { initializeWasmBackend } from '../node/wasm-setup.js';

/** lrkit's one seeded generator (mulberry32), for reproducible random test cases: numbers in [0, 1). */
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

/** The `pad` attribute of a convolution kernel. */
export type Padding = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** One random Conv2D gradient case: shapes, strides, padding, layout. */
export interface Conv2DCase {
  name: string;
  xShape: [number, number, number, number];
  dyShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: Padding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * A random Conv2D case with a non-empty output: batch 1–3, size 3–9, 1–4 input and 1–5
 * output channels, a 1–3 filter, strides 1–3, NHWC or NCHW, and 'same', 'valid', a number
 * (with a rounding mode half the time) or explicit padding; `dyShape` is the output shape.
 */
export function randomConv2DCase(random: () => number, index: number): Conv2DCase {
  for (;;) {
    const batch = randomInteger(random, 1, 3);
    const height = randomInteger(random, 3, 9);
    const width = randomInteger(random, 3, 9);
    const inChannels = randomInteger(random, 1, 4);
    const outChannels = randomInteger(random, 1, 5);
    const filterShape: [number, number, number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3), inChannels, outChannels];
    const strides: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const dataFormat = random() < 0.5 ? 'NHWC' : 'NCHW';
    const padKind = randomInteger(random, 0, 3);
    const spatial: [number, number][] = [
      [randomInteger(random, 0, 2), randomInteger(random, 0, 2)],
      [randomInteger(random, 0, 2), randomInteger(random, 0, 2)],
    ];
    const pad: Padding =
      padKind === 0
        ? 'same'
        : padKind === 1
          ? 'valid'
          : padKind === 2
            ? randomInteger(random, 0, 2)
            : dataFormat === 'NHWC'
              ? [[0, 0], spatial[0]!, spatial[1]!, [0, 0]]
              : [[0, 0], [0, 0], spatial[0]!, spatial[1]!];
    const dimRoundingMode = padKind === 2 && random() < 0.5 ? (['floor', 'round', 'ceil'] as const)[randomInteger(random, 0, 2)] : undefined;
    const xShape: [number, number, number, number] = dataFormat === 'NHWC' ? [batch, height, width, inChannels] : [batch, inChannels, height, width];
    const info = tf.backend_util.computeConv2DInfo(
      xShape,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst',
    );
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    const dyShape = info.outShape;
    const name = `#${index} x ${xShape.join('x')} ${dataFormat} filter ${filterShape.join('x')} strides ${strides.join(',')} pad ${JSON.stringify(pad)}${dimRoundingMode ? ` ${dimRoundingMode}` : ''}`;
    return { name, xShape, dyShape, filterShape, strides, pad, dataFormat, ...(dimRoundingMode ? { dimRoundingMode } : {}) };
  }
}

/** One depthwise-convolution gradient case: NHWC shapes, strides, dilations, padding. */
export interface DepthwiseCase {
  name: string;
  xShape: [number, number, number, number];
  dyShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  dilations: [number, number];
  pad: Padding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** A named depthwise case, or `undefined` when its output would be empty. */
export function depthwiseCase(
  name: string,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: [number, number],
  dilations: [number, number],
  pad: Padding,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): DepthwiseCase | undefined {
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, dimRoundingMode, true);
  if (info.outHeight <= 0 || info.outWidth <= 0) return undefined;
  const label = `${name} x ${xShape.join('x')} filter ${filterShape.join('x')} strides ${strides.join(',')} dilations ${dilations.join(',')} pad ${JSON.stringify(pad)}${dimRoundingMode ? ` ${dimRoundingMode}` : ''}`;
  return { name: label, xShape, dyShape: info.outShape, filterShape, strides, dilations, pad, ...(dimRoundingMode ? { dimRoundingMode } : {}) };
}

/**
 * A random depthwise case with a non-empty output: batch 1–3, size 3–9, 1–`maxChannels`
 * channels, multiplier 1–3, a 1–3 filter, strides 1–3, dilations 1–3 when `dilated`, and
 * 'same', 'valid', a number (with a rounding mode half the time) or explicit padding.
 */
export function randomDepthwiseCase(random: () => number, index: number, options: { dilated: boolean; maxChannels: number }): DepthwiseCase {
  for (;;) {
    const xShape: [number, number, number, number] = [
      randomInteger(random, 1, 3),
      randomInteger(random, 3, 9),
      randomInteger(random, 3, 9),
      randomInteger(random, 1, options.maxChannels),
    ];
    const filterShape: [number, number, number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3), xShape[3], randomInteger(random, 1, 3)];
    const strides: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const dilations: [number, number] = options.dilated ? [randomInteger(random, 1, 3), randomInteger(random, 1, 3)] : [1, 1];
    const padKind = randomInteger(random, 0, 3);
    const pad: Padding =
      padKind === 0
        ? 'same'
        : padKind === 1
          ? 'valid'
          : padKind === 2
            ? randomInteger(random, 0, 2)
            : [
                [0, 0],
                [randomInteger(random, 0, 2), randomInteger(random, 0, 2)],
                [randomInteger(random, 0, 2), randomInteger(random, 0, 2)],
                [0, 0],
              ];
    const dimRoundingMode = padKind === 2 && random() < 0.5 ? (['floor', 'round', 'ceil'] as const)[randomInteger(random, 0, 2)] : undefined;
    const found = depthwiseCase(`#${index}`, xShape, filterShape, strides, dilations, pad, dimRoundingMode);
    if (found !== undefined) return found;
  }
}

/** The attributes of `testCase` that both Conv2D gradient kernels take. */
export function conv2DAttributes(
  testCase: Conv2DCase,
): Pick<Conv2DCase, 'strides' | 'pad' | 'dataFormat'> & { dimRoundingMode: Conv2DCase['dimRoundingMode'] } {
  return {
    strides: testCase.strides,
    pad: testCase.pad,
    dataFormat: testCase.dataFormat,
    dimRoundingMode: testCase.dimRoundingMode,
  };
}

/**
 * The examples' demo CNN in small (conv 3×3 8 relu → max-pool 2 → conv 3×3 16 relu → max-pool
 * 2 → flatten → dense softmax), with seeded Glorot-uniform kernels: a real training workload
 * for the kernel tests.
 */
export function smallCnn(options: { inputShape: [number, number, number]; classes: number; seed: number }): tf.Sequential {
  const { inputShape, classes, seed } = options;
  const kernelInitializer = (offset: number) => tf.initializers.glorotUniform({ seed: seed * 7 + offset });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape, filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: kernelInitializer(0) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: kernelInitializer(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: kernelInitializer(2) }),
    ],
  });
}
