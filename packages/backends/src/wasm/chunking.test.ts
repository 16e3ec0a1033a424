import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { largestError, prepareWasm, randomValues, seededRandom, valuesOn } from './kernel-test-support.js';
import { imagesPerChunk, patchBudget } from './wasm-kernel-helpers.js';

const defaultBudget = patchBudget.maximumElements;
const random = seededRandom(3);
const x = randomValues(random, 5 * 6 * 6 * 2);
const dy = randomValues(random, 5 * 6 * 6 * 4);
const filter = randomValues(random, 3 * 3 * 2 * 2);
const filter4 = randomValues(random, 3 * 3 * 2 * 4);

const kernels: [string, () => tf.Tensor][] = [
  [
    'Conv2DBackpropFilter',
    () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(x, [5, 6, 6, 2]), dy: tf.tensor4d(dy, [5, 6, 6, 4]) }, {
        strides: [1, 1],
        pad: 'same',
        dataFormat: 'NHWC',
        filterShape: [3, 3, 2, 4],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  ],
  [
    'Conv2DBackpropFilter (NCHW)',
    () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(x, [5, 2, 6, 6]), dy: tf.tensor4d(dy, [5, 4, 6, 6]) }, {
        strides: [1, 1],
        pad: 'same',
        dataFormat: 'NCHW',
        filterShape: [3, 3, 2, 4],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  ],
  [
    'Conv2DBackpropInput',
    () =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dy, [5, 6, 6, 4]), filter: tf.tensor4d(filter4, [3, 3, 2, 4]) }, {
        strides: [1, 1],
        pad: 'same',
        dataFormat: 'NHWC',
        inputShape: [5, 6, 6, 2],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  ],
  [
    'Conv2DBackpropInput (NCHW)',
    () =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dy, [5, 4, 6, 6]), filter: tf.tensor4d(filter4, [3, 3, 2, 4]) }, {
        strides: [1, 1],
        pad: 'same',
        dataFormat: 'NCHW',
        inputShape: [5, 2, 6, 6],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  ],
  [
    'DepthwiseConv2dNativeBackpropFilter',
    () =>
      tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: tf.tensor4d(x, [5, 6, 6, 2]), dy: tf.tensor4d(dy, [5, 6, 6, 4]) }, {
        strides: [1, 1],
        dilations: [1, 1],
        pad: 'same',
        filterShape: [3, 3, 2, 2],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  ],
  [
    'DepthwiseConv2dNativeBackpropInput',
    () =>
      tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: tf.tensor4d(dy, [5, 6, 6, 4]), filter: tf.tensor4d(filter, [3, 3, 2, 2]) }, {
        strides: [1, 1],
        dilations: [1, 1],
        pad: 'same',
        inputShape: [5, 6, 6, 2],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  ],
];

describe('batch chunking of the wasm training kernels', () => {
  beforeAll(prepareWasm);
  afterEach(() => {
    patchBudget.maximumElements = defaultBudget;
  });

  it('puts as many images in a chunk as the budget allows, at least one', () => {
    patchBudget.maximumElements = 1000;
    expect([imagesPerChunk(300, 64), imagesPerChunk(5000, 64), imagesPerChunk(10, 64)]).toEqual([3, 1, 64]);
  });

  it.each(kernels)('%s gives the unchunked result when the batch is cut into chunks of 2 images', async (_name, compute) => {
    const whole = await valuesOn('wasm', compute);
    patchBudget.maximumElements = 2 * 6 * 6 * 3 * 3 * 2;
    const chunked = await valuesOn('wasm', compute);
    expect(largestError(chunked, whole)).toBeLessThan(1e-5);
  });
});
