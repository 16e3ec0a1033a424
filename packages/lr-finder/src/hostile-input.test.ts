/**
 * Hostile and careless input to the LR finder (issue 17): an unbatched dataset is one clear
 * line (no tensor dump) and leaves the model as it was; the "model is training" guard holds
 * for every kind of model; bad options are one clear line.
 */

import { fc, test } from '@fast-check/vitest';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLearningRate } from './find-learning-rate.js';
import { classificationData, smallClassifier, trainingState, useCpu } from './test-support.js';

beforeAll(useCpu);

function rowsOf(tensor: tf.Tensor2D): number[][] {
  return tensor.arraySync();
}

async function expectUnchanged(model: tf.LayersModel, run: () => Promise<unknown>, pattern: RegExp): Promise<Error> {
  const before = await trainingState(model);
  const tensors = tf.memory().numTensors;
  let error: Error | undefined;
  try {
    await run();
  } catch (caught) {
    error = caught as Error;
  }
  expect(error).toBeInstanceOf(TypeError);
  expect(error!.message).toMatch(pattern);
  expect(error!.message).not.toContain('\n');
  expect(error!.message.length).toBeLessThanOrEqual(300);
  // No tensor values in the message: no run of numbers such as "[0.84, 0.54, ...]".
  expect(error!.message).not.toMatch(/\d\.\d+,\s*-?\d\.\d+/);
  expect(tf.memory().numTensors).toBe(tensors);
  expect(await trainingState(model)).toEqual(before);
  return error!;
}

describe('class 3: an unbatched dataset is one clear line', () => {
  const { x, y } = classificationData(24);
  const samples = rowsOf(x);
  const labels = rowsOf(y);

  it.each([
    ['{ xs, ys } of single samples', () => tf.data.array(samples.map((row, index) => ({ xs: row, ys: labels[index]! })))],
    ['zipped single samples', () => tf.data.zip({ xs: tf.data.array(samples), ys: tf.data.array(labels) })],
    [
      'a generator of single samples',
      () =>
        tf.data.generator(function* () {
          for (const [index, row] of samples.entries()) yield { xs: tf.tensor1d(row), ys: tf.tensor1d(labels[index]!) };
        }),
    ],
  ])('%s: names the mistake and the fix, and restores the model', async (_, dataset) => {
    const model = smallClassifier(tf.train.adam(0.01));
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    const error = await expectUnchanged(
      model,
      () => findLearningRate(model, dataset() as tf.data.Dataset<tf.TensorContainer>, { totalSteps: 5 }),
      /^findLearningRate: the dataset yields single samples, not batches: `xs` has shape \[3\] where the model takes batches of shape \[null,3\]; batch it first, e\.g\. dataset\.batch\(32\)$/,
    );
    expect(error.message).toContain('dataset.batch(32)');
    model.dispose();
  });

  it('names a batch of the wrong rank for the targets too', async () => {
    const model = smallClassifier(tf.train.sgd(0.01));
    const dataset = tf.data.array(samples.map((row, index) => ({ xs: [row], ys: labels[index]! })));
    await expectUnchanged(
      model,
      () => findLearningRate(model, dataset as unknown as tf.data.Dataset<tf.TensorContainer>, { totalSteps: 5 }),
      /^findLearningRate: the dataset yields single samples, not batches: `ys` has shape \[2\] where the model takes batches of shape \[null,2\]/,
    );
    model.dispose();
  });

  it('names a batch of too high a rank', async () => {
    const model = smallClassifier(tf.train.sgd(0.01));
    const dataset = tf.data.array([{ xs: [[samples[0]!]], ys: [labels[0]!] }]);
    await expectUnchanged(
      model,
      () => findLearningRate(model, dataset as unknown as tf.data.Dataset<tf.TensorContainer>, { totalSteps: 5 }),
      /^findLearningRate: `xs` has shape \[1,1,3\] \(rank 3\) where the model takes shape \[null,3\] \(rank 2\)$/,
    );
    model.dispose();
  });
});

describe('class 5: the "model is training" guard', () => {
  const { x, y } = classificationData(64);

  async function whileTraining(model: tf.LayersModel, useDataset: boolean): Promise<Error | undefined> {
    let caught: Error | undefined;
    let checked = false;
    const callback = {
      onBatchEnd: async () => {
        if (checked) return;
        checked = true;
        try {
          await findLearningRate(model, { x, y }, { totalSteps: 3 });
        } catch (error) {
          caught = error as Error;
        }
      },
    };
    if (useDataset) {
      const dataset = tf.data.zip({ xs: tf.data.array(rowsOf(x)), ys: tf.data.array(rowsOf(y)) }).batch(16);
      await model.fitDataset(dataset as never, { epochs: 1, callbacks: callback, verbose: 0 });
    } else {
      await model.fit(x, y, { epochs: 1, batchSize: 16, callbacks: callback, verbose: 0 });
    }
    expect(checked).toBe(true);
    return caught;
  }

  function functionalModel(): tf.LayersModel {
    const input = tf.input({ shape: [3] });
    const hidden = tf.layers.dense({ units: 4, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(hidden) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
    return model;
  }

  it.each([
    ['tf.sequential in fit', () => smallClassifier(tf.train.sgd(0.01)), false],
    ['tf.sequential in fitDataset', () => smallClassifier(tf.train.sgd(0.01)), true],
    ['tf.model in fit', functionalModel, false],
    ['tf.model in fitDataset', functionalModel, true],
  ] as const)('refuses %s, and runs once training ended', async (_, build, useDataset) => {
    const model = build();
    const error = await whileTraining(model, useDataset);
    expect(error).toBeInstanceOf(TypeError);
    expect(error!.message).toBe('findLearningRate: the model is training (a fit call is running); run the range test before or after it');
    const result = await findLearningRate(model, { x, y }, { totalSteps: 4, batchSize: 16 });
    expect(result.learningRates).toHaveLength(4);
    model.dispose();
  });
});

describe('properties', () => {
  const { x, y } = classificationData(16);
  const model = smallClassifier(tf.train.sgd(0.01));
  const wild = fc.oneof(
    fc.constantFrom(null, '5', '', true, [], {}, [1, , 3], NaN, Infinity, -1, 0, 1e300, 2 ** 53, 0.5),
    fc.double(),
    fc.integer({ min: -5, max: 5 }),
  );
  test.prop(
    [
      fc.record(
        {
          initialLearningRate: wild,
          finalLearningRate: wild,
          totalSteps: wild,
          batchSize: wild,
          smoothing: wild,
          divergeThreshold: wild,
          mode: fc.constantFrom('exponential', 'linear', 'x', 5),
          seed: wild,
          shuffle: wild,
        },
        { requiredKeys: [] },
      ),
    ],
    { numRuns: 60 },
  )(
    'any options end in a result or one clear error, and leave the model and the tensor count as they were',
    async (options) => {
      const before = await trainingState(model);
      const tensors = tf.memory().numTensors;
      const start = performance.now();
      try {
        const result = await findLearningRate(model, { x, y }, {
          ...(options as object),
          totalSteps: Math.min(Number(options.totalSteps) || 5, 20),
        } as never);
        expect(result.learningRates.every((rate) => Number.isFinite(rate) && rate > 0)).toBe(true);
      } catch (error) {
        expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
        expect((error as Error).message).not.toContain('\n');
        expect((error as Error).message.length).toBeLessThanOrEqual(600);
      }
      expect(performance.now() - start).toBeLessThan(10_000);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(await trainingState(model)).toEqual(before);
    },
    120_000,
  );
});
