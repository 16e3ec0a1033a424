import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { largestError, prepareWasm, randomInteger, randomValues, seededRandom, valuesOn } from './kernel-test-support.js';

type Padding = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

interface InputCase {
  name: string;
  xShape: [number, number, number, number];
  dyShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: Padding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function randomCase(random: () => number, index: number): InputCase {
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
      padKind === 0 ? 'same'
      : padKind === 1 ? 'valid'
      : padKind === 2 ? randomInteger(random, 0, 2)
      : dataFormat === 'NHWC' ? [[0, 0], spatial[0]!, spatial[1]!, [0, 0]]
      : [[0, 0], [0, 0], spatial[0]!, spatial[1]!];
    const dimRoundingMode = padKind === 2 && random() < 0.5 ? (['floor', 'round', 'ceil'] as const)[randomInteger(random, 0, 2)] : undefined;
    const xShape: [number, number, number, number] = dataFormat === 'NHWC' ? [batch, height, width, inChannels] : [batch, inChannels, height, width];
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, dimRoundingMode, false, dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst');
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    const dyShape = info.outShape;
    const name = `#${index} x ${xShape.join('x')} ${dataFormat} filter ${filterShape.join('x')} strides ${strides.join(',')} pad ${JSON.stringify(pad)}${dimRoundingMode ? ` ${dimRoundingMode}` : ''}`;
    return { name, xShape, dyShape, filterShape, strides, pad, dataFormat, ...(dimRoundingMode ? { dimRoundingMode } : {}) };
  }
}

const random = seededRandom(9);
const cases = Array.from({ length: 40 }, (_, index) => randomCase(random, index));

describe('Conv2DBackpropInput on wasm (replacing the backend\'s own)', () => {
  beforeAll(prepareWasm);

  it.each(cases)('equals the cpu backend to 1e-4: $name', async (testCase) => {
    const filterValues = randomValues(random, testCase.filterShape.reduce((a, b) => a * b));
    const dyValues = randomValues(random, testCase.dyShape.reduce((a, b) => a * b));
    const attrs = {
      strides: testCase.strides,
      pad: testCase.pad,
      dataFormat: testCase.dataFormat,
      dimRoundingMode: testCase.dimRoundingMode,
      inputShape: testCase.xShape,
    };
    const compute = () =>
      tf.engine().runKernel(
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
