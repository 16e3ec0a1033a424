import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2DAttributes, largestError, prepareWasm, randomConv2DCase, randomValues, seededRandom, valuesOn } from './kernel-test-support.js';

const random = seededRandom(9);
const cases = Array.from({ length: 40 }, (_, index) => randomConv2DCase(random, index));

describe("Conv2DBackpropInput on wasm (replacing the backend's own)", () => {
  beforeAll(prepareWasm);

  it.each(cases)('equals the cpu backend to 1e-4: $name', async (testCase) => {
    const filterValues = randomValues(
      random,
      testCase.filterShape.reduce((a, b) => a * b),
    );
    const dyValues = randomValues(
      random,
      testCase.dyShape.reduce((a, b) => a * b),
    );
    const attrs = {
      ...conv2DAttributes(testCase),
      inputShape: testCase.xShape,
    };
    const compute = () =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropInput',
          { dy: tf.tensor4d(dyValues, testCase.dyShape), filter: tf.tensor4d(filterValues, testCase.filterShape) },
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor;
    const expected = await valuesOn('cpu', compute);
    const actual = await valuesOn('wasm', compute);
    expect(actual.length).toBe(testCase.xShape.reduce((a, b) => a * b));
    expect(largestError(actual, expected)).toBeLessThan(1e-4);
  });

  it('leaves no tensor and no wasm buffer behind', async () => {
    await tf.setBackend('wasm');
    const filter = tf.randomNormal([3, 3, 3, 4]);
    const dy = tf.randomNormal([2, 6, 6, 4]);
    const tensorsBefore = tf.memory().numTensors;
    const buffersBefore = tf.engine().backend.numDataIds();
    const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', inputShape: [2, 6, 6, 3] };
    const gradient = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    gradient.dispose();
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore, buffersBefore]);
    tf.dispose([filter, dy]);
  });
});
