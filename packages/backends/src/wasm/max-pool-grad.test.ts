import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { largestError, prepareWasm, randomInteger, randomValues, seededRandom, valuesOn } from './kernel-test-support.js';

interface PoolCase {
  name: string;
  xShape: [number, number, number, number];
  filterSize: [number, number];
  strides: [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  ties: boolean;
}

function randomCase(random: () => number, index: number): PoolCase {
  for (;;) {
    const xShape: [number, number, number, number] = [
      randomInteger(random, 1, 3),
      randomInteger(random, 2, 9),
      randomInteger(random, 2, 9),
      randomInteger(random, 1, 4),
    ];
    const filterSize: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const strides: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const padKind = randomInteger(random, 0, 2);
    const pad = padKind === 0 ? 'same' : padKind === 1 ? 'valid' : randomInteger(random, 0, 1);
    const dimRoundingMode = padKind === 2 && random() < 0.5 ? (['floor', 'round', 'ceil'] as const)[randomInteger(random, 0, 2)] : undefined;
    const info = tf.backend_util.computePool2DInfo(xShape, filterSize, strides, 1, pad, dimRoundingMode);
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    const ties = index % 2 === 0;
    const name = `#${index} x ${xShape.join('x')} window ${filterSize.join('x')} strides ${strides.join(',')} pad ${pad}${dimRoundingMode ? ` ${dimRoundingMode}` : ''}${ties ? ' with ties' : ''}`;
    return { name, xShape, filterSize, strides, pad, ties, ...(dimRoundingMode ? { dimRoundingMode } : {}) };
  }
}

const random = seededRandom(17);
const cases = Array.from({ length: 40 }, (_, index) => randomCase(random, index));

describe("MaxPoolGrad on wasm (replacing the backend's own)", () => {
  beforeAll(prepareWasm);

  it.each(cases)('equals the cpu backend to 1e-4: $name', async (testCase) => {
    const xValues = randomValues(
      random,
      testCase.xShape.reduce((a, b) => a * b),
    );
    // Ties: values rounded to {-1, 0, 1} after a relu-like clamp, as in relu → max-pool.
    if (testCase.ties) xValues.forEach((value, index) => (xValues[index] = Math.max(0, Math.round(value))));
    // The forward output is built from its shape: neither kernel reads it, and wasm's own
    // MaxPool corrupts its heap for numeric paddings.
    const outShape = tf.backend_util.computePool2DInfo(
      testCase.xShape,
      testCase.filterSize,
      testCase.strides,
      1,
      testCase.pad,
      testCase.dimRoundingMode,
    ).outShape;
    const dyValues = randomValues(
      random,
      outShape.reduce((a, b) => a * b),
    );
    const compute = () => {
      const attrs = { filterSize: testCase.filterSize, strides: testCase.strides, pad: testCase.pad, dimRoundingMode: testCase.dimRoundingMode };
      const inputs = { dy: tf.tensor4d(dyValues, outShape), input: tf.tensor4d(xValues, testCase.xShape), output: tf.zeros(outShape) };
      return tf.engine().runKernel('MaxPoolGrad', inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    };
    const expected = await valuesOn('cpu', compute);
    const actual = await valuesOn('wasm', compute);
    expect(actual.length).toBe(testCase.xShape.reduce((a, b) => a * b));
    expect(largestError(actual, expected)).toBeLessThan(1e-4);
  });

  it('sends a window of equal values to its first pixel, as the cpu backend does', async () => {
    const compute = () =>
      tf.tidy(() => {
        const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
        const output = tf.maxPool(x, 2, 2, 'valid');
        return tf
          .engine()
          .runKernel('MaxPoolGrad', { dy: tf.ones(output.shape), input: x, output }, { filterSize: [2, 2], strides: [2, 2], pad: 'valid' }) as tf.Tensor;
      });
    expect(Array.from(await valuesOn('wasm', compute))).toEqual([1, 0, 0, 0]);
  });
});
