import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2DAttributes, largestError, prepareWasm, randomConv2DCase, randomValues, seededRandom, valuesOn } from './kernel-test-support.js';

const random = seededRandom(7);
const cases = Array.from({ length: 40 }, (_, index) => randomConv2DCase(random, index));

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(prepareWasm);

  it.each(cases)('equals the cpu backend to 1e-4: $name', async (testCase) => {
    const xValues = randomValues(
      random,
      testCase.xShape.reduce((a, b) => a * b),
    );
    const dyValues = randomValues(
      random,
      testCase.dyShape.reduce((a, b) => a * b),
    );
    const attrs = {
      ...conv2DAttributes(testCase),
      filterShape: testCase.filterShape,
    };
    const compute = () =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x: tf.tensor4d(xValues, testCase.xShape), dy: tf.tensor4d(dyValues, testCase.dyShape) },
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor;
    const expected = await valuesOn('cpu', compute);
    const actual = await valuesOn('wasm', compute);
    expect(actual.length).toBe(testCase.filterShape.reduce((a, b) => a * b));
    expect(largestError(actual, expected)).toBeLessThan(1e-4);
  });

  it('leaves no tensor and no wasm buffer behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([2, 6, 6, 3]);
    const dy = tf.randomNormal([2, 6, 6, 4]);
    const tensorsBefore = tf.memory().numTensors;
    const buffersBefore = tf.engine().backend.numDataIds();
    const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] };
    const gradient = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    gradient.dispose();
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore, buffersBefore]);
    tf.dispose([x, dy]);
  });
});
