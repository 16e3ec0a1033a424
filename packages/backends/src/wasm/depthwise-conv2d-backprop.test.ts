import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dilateFilter, largestError, prepareWasm, randomInteger, randomValues, seededRandom, undilateFilter, valuesOn } from './kernel-test-support.js';

type Padding = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

interface DepthwiseCase {
  name: string;
  xShape: [number, number, number, number];
  dyShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  dilations: [number, number];
  pad: Padding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function randomCase(random: () => number, index: number, dilated: boolean): DepthwiseCase {
  for (;;) {
    const batch = randomInteger(random, 1, 3);
    const height = randomInteger(random, 3, 9);
    const width = randomInteger(random, 3, 9);
    const channels = randomInteger(random, 1, 4);
    const multiplier = randomInteger(random, 1, 3);
    const filterShape: [number, number, number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3), channels, multiplier];
    const strides: [number, number] = [randomInteger(random, 1, 3), randomInteger(random, 1, 3)];
    const dilations: [number, number] = dilated ? [randomInteger(random, 1, 3), randomInteger(random, 1, 3)] : [1, 1];
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
    const xShape: [number, number, number, number] = [batch, height, width, channels];
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, dimRoundingMode, true);
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    const name =
      `#${index} x ${xShape.join('x')} filter ${filterShape.join('x')} strides ${strides.join(',')} ` +
      `dilations ${dilations.join(',')} pad ${JSON.stringify(pad)}${dimRoundingMode ? ` ${dimRoundingMode}` : ''}`;
    return { name, xShape, dyShape: info.outShape, filterShape, strides, dilations, pad, ...(dimRoundingMode ? { dimRoundingMode } : {}) };
  }
}

const random = seededRandom(11);
const plainCases = Array.from({ length: 25 }, (_, index) => randomCase(random, index, false));
const dilatedCases = Array.from({ length: 25 }, (_, index) => randomCase(random, index, true));
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function filterGradient(testCase: DepthwiseCase, xValues: Float32Array, dyValues: Float32Array, dilated: boolean): tf.Tensor {
  // The cpu kernel ignores dilations, so the cpu reference is the gradient of the equivalent
  // undilated convolution with the zero-inserted filter, subsampled at the real taps.
  const [dh, dw] = testCase.dilations;
  const [fh, fw, c, m] = testCase.filterShape;
  const filterShape = dilated ? testCase.filterShape : ([(fh - 1) * dh + 1, (fw - 1) * dw + 1, c, m] as [number, number, number, number]);
  const attrs = {
    strides: testCase.strides,
    dilations: dilated ? testCase.dilations : [1, 1],
    pad: testCase.pad,
    dimRoundingMode: testCase.dimRoundingMode,
    filterShape,
  };
  const gradient = tf
    .engine()
    .runKernel(
      'DepthwiseConv2dNativeBackpropFilter',
      { x: tf.tensor4d(xValues, testCase.xShape), dy: tf.tensor4d(dyValues, testCase.dyShape) },
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor4D;
  return dilated ? gradient : undilateFilter(gradient, dh, dw);
}

function inputGradient(testCase: DepthwiseCase, dyValues: Float32Array, filterValues: Float32Array, dilated: boolean): tf.Tensor {
  const [dh, dw] = testCase.dilations;
  const filter = tf.tensor4d(filterValues, testCase.filterShape);
  const attrs = {
    strides: testCase.strides,
    dilations: dilated ? testCase.dilations : [1, 1],
    pad: testCase.pad,
    dimRoundingMode: testCase.dimRoundingMode,
    inputShape: testCase.xShape,
  };
  return tf
    .engine()
    .runKernel(
      'DepthwiseConv2dNativeBackpropInput',
      { dy: tf.tensor4d(dyValues, testCase.dyShape), filter: dilated ? filter : dilateFilter(filter, dh, dw) },
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor;
}

describe('DepthwiseConv2dNativeBackpropFilter on wasm', () => {
  beforeAll(prepareWasm);

  it.each([...plainCases, ...dilatedCases])('equals the cpu reference to 1e-4: $name', async (testCase) => {
    const xValues = randomValues(random, size(testCase.xShape));
    const dyValues = randomValues(random, size(testCase.dyShape));
    const expected = await valuesOn('cpu', () => filterGradient(testCase, xValues, dyValues, false));
    const actual = await valuesOn('wasm', () => filterGradient(testCase, xValues, dyValues, true));
    expect(actual.length).toBe(size(testCase.filterShape));
    expect(largestError(actual, expected)).toBeLessThan(1e-4);
  });

  it('equals the cpu kernel itself when the dilation is 1', async () => {
    const testCase = plainCases[3]!;
    const xValues = randomValues(random, size(testCase.xShape));
    const dyValues = randomValues(random, size(testCase.dyShape));
    const expected = await valuesOn('cpu', () => filterGradient(testCase, xValues, dyValues, true));
    const actual = await valuesOn('wasm', () => filterGradient(testCase, xValues, dyValues, true));
    expect(largestError(actual, expected)).toBeLessThan(1e-4);
  });
});

describe('DepthwiseConv2dNativeBackpropInput on wasm', () => {
  beforeAll(prepareWasm);

  it.each([...plainCases, ...dilatedCases])('equals the cpu reference to 1e-4: $name', async (testCase) => {
    const dyValues = randomValues(random, size(testCase.dyShape));
    const filterValues = randomValues(random, size(testCase.filterShape));
    const expected = await valuesOn('cpu', () => inputGradient(testCase, dyValues, filterValues, false));
    const actual = await valuesOn('wasm', () => inputGradient(testCase, dyValues, filterValues, true));
    expect(actual.length).toBe(size(testCase.xShape));
    expect(largestError(actual, expected)).toBeLessThan(1e-4);
  });

  it('leaves no tensor and no wasm buffer behind', async () => {
    await tf.setBackend('wasm');
    const dy = tf.randomNormal([2, 5, 5, 6]);
    const filter = tf.randomNormal([3, 3, 3, 2]);
    const x = tf.randomNormal([2, 5, 5, 3]);
    const tensorsBefore = tf.memory().numTensors;
    const buffersBefore = tf.engine().backend.numDataIds();
    const common = { strides: [1, 1], dilations: [1, 1], pad: 'same' };
    tf.dispose([
      tf
        .engine()
        .runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...common, inputShape: [2, 5, 5, 3] } as unknown as tf.NamedAttrMap) as tf.Tensor,
      tf
        .engine()
        .runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...common, filterShape: [3, 3, 3, 2] } as unknown as tf.NamedAttrMap) as tf.Tensor,
    ]);
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore, buffersBefore]);
    tf.dispose([dy, filter, x]);
  });
});
