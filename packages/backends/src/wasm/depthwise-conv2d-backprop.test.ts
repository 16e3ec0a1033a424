import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DepthwiseCase,
  dilateFilter,
  largestError,
  prepareWasm,
  randomDepthwiseCase,
  randomValues,
  seededRandom,
  undilateFilter,
  valuesOn,
} from './kernel-test-support.js';

const random = seededRandom(11);
const plainCases = Array.from({ length: 25 }, (_, index) => randomDepthwiseCase(random, index, { dilated: false, maxChannels: 4 }));
const dilatedCases = Array.from({ length: 25 }, (_, index) => randomDepthwiseCase(random, index, { dilated: true, maxChannels: 4 }));
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
