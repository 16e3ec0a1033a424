import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { largestError, prepareWasm, randomValues, seededRandom, smallCnn, valuesOn } from './kernel-test-support.js';

const random = seededRandom(5);

/** Gradients of sum(f(input, filter) · weights) with respect to input and filter, concatenated. */
function gradientsOf(
  forward: (input: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D,
  inputShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  values: { input: Float32Array; filter: Float32Array; weights: Float32Array },
): () => tf.Tensor {
  return () => {
    const input = tf.tensor4d(values.input, inputShape);
    const filter = tf.tensor4d(values.filter, filterShape);
    const [inputGradient, filterGradient] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
      const output = forward(a as tf.Tensor4D, b as tf.Tensor4D);
      return tf.sum(tf.mul(output, tf.tensor(values.weights.subarray(0, output.size), output.shape)));
    })([input, filter]);
    return tf.concat([tf.reshape(inputGradient!, [-1]), tf.reshape(filterGradient!, [-1])]);
  };
}

describe('conv gradients through tf.grads on wasm', () => {
  beforeAll(prepareWasm);

  const layers: [string, (input: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D, [number, number, number, number], [number, number, number, number]][] = [
    ['conv2d same stride 1', (x, w) => tf.conv2d(x, w, 1, 'same'), [3, 7, 7, 2], [3, 3, 2, 4]],
    ['conv2d valid stride 2', (x, w) => tf.conv2d(x, w, 2, 'valid'), [2, 9, 8, 3], [3, 2, 3, 5]],
    ['depthwiseConv2d same multiplier 2', (x, w) => tf.depthwiseConv2d(x, w, 1, 'same'), [2, 6, 6, 3], [3, 3, 3, 2]],
    ['depthwiseConv2d valid stride 2', (x, w) => tf.depthwiseConv2d(x, w, 2, 'valid'), [3, 7, 7, 2], [2, 2, 2, 1]],
  ];

  it.each(layers)('%s: input and filter gradients equal the cpu backend to 1e-4', async (_name, forward, inputShape, filterShape) => {
    const values = {
      input: randomValues(
        random,
        inputShape.reduce((a, b) => a * b),
      ),
      filter: randomValues(
        random,
        filterShape.reduce((a, b) => a * b),
      ),
      weights: randomValues(random, 4096),
    };
    const compute = gradientsOf(forward, inputShape, filterShape, values);
    const expected = await valuesOn('cpu', compute);
    const actual = await valuesOn('wasm', compute);
    expect(largestError(actual, expected)).toBeLessThan(1e-4);
  });
});

/** Trains the demo CNN (12×12×1 input, seed 3) for `steps` SGD steps and returns the losses. */
async function trainingLosses(backendName: string, steps: number): Promise<number[]> {
  await tf.setBackend(backendName);
  const data = seededRandom(21);
  const images = tf.tensor4d(randomValues(data, 16 * 12 * 12), [16, 12, 12, 1]);
  const labels = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, index) => index % 4),
        'int32',
      ),
      4,
    ),
  );
  const model = smallCnn({ inputShape: [12, 12, 1], classes: 4, seed: 3 });
  const optimizer = tf.train.sgd(0.5);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  for (let step = 0; step < steps; step += 1) losses.push((await model.trainOnBatch(images, labels)) as number);
  model.dispose();
  optimizer.dispose();
  tf.dispose([images, labels]);
  return losses;
}

describe('training the demo CNN on wasm', () => {
  beforeAll(prepareWasm);

  it('lowers the loss over 8 SGD steps', async () => {
    const losses = await trainingLosses('wasm', 8);
    expect(losses[7]!).toBeLessThan(losses[0]! * 0.95);
  });

  it('gives the same losses as the cpu backend to 1e-3', async () => {
    const cpu = await trainingLosses('cpu', 8);
    const wasm = await trainingLosses('wasm', 8);
    expect(largestError(Float32Array.from(wasm), Float32Array.from(cpu))).toBeLessThan(1e-3);
  });

  it('leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    await trainingLosses('wasm', 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
