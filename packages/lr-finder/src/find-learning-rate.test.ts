import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLearningRate } from './find-learning-rate.js';
import { smoothLosses } from './smoothed-loss.js';
import { sweepLearningRates } from './sweep.js';
import { classificationData, optimizerFactories, regressionModel, regressionProblem, smallClassifier, trainingState, useCpu } from './test-support.js';

beforeAll(useCpu);

describe('findLearningRate on a regression with known stable learning rates', () => {
  for (const scale of [1, Math.sqrt(10), 10]) {
    it(`suggests rates inside the stable range 0 < lr < 2/λmax (λmax = ${Number((scale * scale).toPrecision(3))})`, async () => {
      const { x, y, largestEigenvalue } = regressionProblem(scale);
      const model = regressionModel(tf.train.sgd(0.01));
      const result = await findLearningRate(model, { x, y }, { batchSize: 2, shuffle: false, initialLearningRate: 1e-4, finalLearningRate: 10 });
      expect(result.stoppedEarly).toBe(true);
      expect(result.stopReason).toBe('diverged');
      expect(result.learningRates[result.stoppedAt!]).toBeGreaterThan(2 / largestEigenvalue);
      const valley = result.suggestions.find((suggestion) => suggestion.method === 'valley')!;
      const steepest = result.suggestions.find((suggestion) => suggestion.method === 'steepest')!;
      const edge = result.suggestions.find((suggestion) => suggestion.method === 'edge')!;
      for (const suggestion of [edge, valley, steepest]) {
        expect(suggestion.learningRate).toBeLessThan(2 / largestEigenvalue);
        expect(suggestion.learningRate).toBeGreaterThan(0.01 / largestEigenvalue);
      }
      expect(result.suggestion).toEqual(edge);
      expect(result.confidence.confident).toBe(true);
      tf.dispose([x, y]);
      model.dispose();
    });
  }
});

describe('findLearningRate records', () => {
  it('the sweep values, raw losses and their smoothing exactly', async () => {
    const { x, y } = regressionProblem(1);
    const model = regressionModel(tf.train.sgd(0.01));
    const result = await findLearningRate(
      model,
      { x, y },
      { batchSize: 2, initialLearningRate: 1e-5, finalLearningRate: 1e-2, totalSteps: 12, smoothing: 0.7 },
    );
    expect(result.learningRates).toEqual(sweepLearningRates({ initialLearningRate: 1e-5, finalLearningRate: 1e-2, totalSteps: 12 }));
    expect(result.smoothedLosses).toEqual(smoothLosses(result.losses, 0.7));
    expect(result.stoppedEarly).toBe(false);
    expect(result.stoppedAt).toBeUndefined();
    expect(result.mode).toBe('exponential');
    expect(result.lossSource).toBe('training');
    tf.dispose([x, y]);
  });

  it('the learning rate really used by each batch', async () => {
    // SGD on w·1 with MAE towards −1000: each batch moves w by exactly −lr.
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'zeros' }));
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanAbsoluteError' });
    const x = tf.ones([4, 1]);
    const y = tf.fill([4, 1], -1000);
    const used: number[] = [];
    let previous = 0;
    await findLearningRate(
      model,
      { x, y },
      {
        initialLearningRate: 0.001,
        finalLearningRate: 0.1,
        totalSteps: 5,
        mode: 'linear',
        onBatch: async () => {
          const weight = (await model.getWeights()[0]!.data())[0]!;
          used.push(previous - weight);
          previous = weight;
        },
      },
    );
    sweepLearningRates({ initialLearningRate: 0.001, finalLearningRate: 0.1, totalSteps: 5, mode: 'linear' }).forEach((rate, index) =>
      expect(used[index]).toBeCloseTo(rate, 6),
    );
    tf.dispose([x, y]);
  });
});

describe('findLearningRate stops early', () => {
  it('on divergence, recording the diverging batch', async () => {
    const { x, y } = regressionProblem(1);
    const model = regressionModel(tf.train.sgd(0.01));
    const result = await findLearningRate(
      model,
      { x, y },
      { batchSize: 2, shuffle: false, initialLearningRate: 1e-3, finalLearningRate: 100, smoothing: 0, divergeThreshold: 4 },
    );
    expect(result.stopReason).toBe('diverged');
    expect(result.stoppedAt).toBe(result.learningRates.length - 1);
    const last = result.smoothedLosses.at(-1)!;
    expect(last).toBeGreaterThan(4 * Math.min(...result.smoothedLosses));
    expect(result.smoothedLosses.slice(0, -1).every((loss, index, all) => loss <= 4 * Math.min(...all.slice(0, index + 1)))).toBe(true);
    expect(result.stopMessage).toMatch(/^stopped at batch \d+ \(learning rate [\d.e+-]+\): the smoothed loss exceeded 4 × its best value$/);
    tf.dispose([x, y]);
  });

  it('on a NaN loss', async () => {
    const model = regressionModel(tf.train.sgd(0.01));
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
      [NaN, 0],
      [0, 1],
    ]);
    const y = tf.tensor2d([[1], [-1], [1], [-1]]);
    const result = await findLearningRate(model, { x, y }, { batchSize: 2, shuffle: false, totalSteps: 10 });
    expect(result.stopReason).toBe('non-finite');
    expect(result.stoppedAt).toBe(1);
    expect(result.losses).toHaveLength(2);
    expect(Number.isNaN(result.losses[1])).toBe(true);
    expect(result.stopMessage).toMatch(/the loss became NaN or infinite$/);
    tf.dispose([x, y]);
  });

  it('when a dataset ends before the sweep, saying why', async () => {
    const { x, y } = regressionProblem(1, 3);
    const dataset = tf.data.zip({ xs: tf.data.array(tf.unstack(x)), ys: tf.data.array(tf.unstack(y)) }).batch(2);
    const model = regressionModel(tf.train.sgd(0.01));
    const result = await findLearningRate(model, dataset, { totalSteps: 20 });
    expect(result.stoppedEarly).toBe(true);
    expect(result.stopReason).toBe('data-exhausted');
    expect(result.stoppedAt).toBe(3);
    expect(result.learningRates).toHaveLength(3);
    expect(result.stopMessage).toBe('stopped after 3 of 20 batches: the dataset ended before the sweep did; repeat it (dataset.repeat()) or lower totalSteps');
    expect(result.confidence.confident).toBe(false);
    tf.dispose([x, y]);
  });
});

describe('findLearningRate with a validation set', () => {
  it('records the validation loss after each batch', async () => {
    const { x, y } = regressionProblem(1, 4);
    const model = regressionModel(tf.train.sgd(0.01));
    const expected: number[] = [];
    const result = await findLearningRate(
      model,
      { x, y },
      {
        totalSteps: 4,
        batchSize: 2,
        validationData: { x, y },
        onBatch: async () => {
          const loss = model.evaluate(x, y) as tf.Scalar;
          expected.push((await loss.data())[0]!);
          loss.dispose();
        },
      },
    );
    expect(result.lossSource).toBe('validation');
    expect(result.losses).toEqual(expected);
    tf.dispose([x, y]);
  });
});

describe('findLearningRate restores the model and the optimizer bit-for-bit', () => {
  for (const [name, factory] of Object.entries(optimizerFactories)) {
    it(`${name}: weights, slot variables, iterations and learning rate, after training already happened`, async () => {
      const { x, y } = classificationData(16);
      const model = smallClassifier(factory());
      await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, shuffle: false });
      const before = await trainingState(model);
      const tensorsBefore = tf.memory().numTensors;
      await findLearningRate(model, { x, y }, { totalSteps: 8, batchSize: 4, finalLearningRate: 1 });
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(await trainingState(model)).toEqual(before);
      tf.dispose([x, y]);
      model.dispose();
    });
  }

  it('an optimizer that never stepped gets back its empty slots (adam)', async () => {
    const { x, y } = classificationData(8);
    const model = smallClassifier(tf.train.adam(0.01));
    const before = await trainingState(model);
    const tensorsBefore = tf.memory().numTensors;
    await findLearningRate(model, { x, y }, { totalSteps: 4, batchSize: 4 });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(await trainingState(model)).toEqual(before);
    expect(before.iterations).toBe(0);
    tf.dispose([x, y]);
  });

  it('also when the loss throws mid-sweep (momentum)', async () => {
    const { x, y } = classificationData(16);
    const model = smallClassifier(tf.train.momentum(0.05, 0.9));
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    let batches = 0;
    const failingLoss = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor => {
      batches += 1;
      if (batches === 4) throw new Error('loss exploded on purpose');
      return tf.metrics.categoricalCrossentropy(yTrue, yPred);
    };
    model.compile({ optimizer: model.optimizer, loss: failingLoss });
    const before = await trainingState(model);
    const tensorsBefore = tf.memory().numTensors;
    await expect(findLearningRate(model, { x, y }, { totalSteps: 10, batchSize: 4 })).rejects.toThrow('loss exploded on purpose');
    expect(batches).toBe(4);
    expect(await trainingState(model)).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    tf.dispose([x, y]);
  });

  it('and leaks no tensor with a dataset', async () => {
    const { x, y } = classificationData(16);
    const dataset = tf.data
      .zip({ xs: tf.data.array(tf.unstack(x)), ys: tf.data.array(tf.unstack(y)) })
      .batch(4)
      .repeat();
    const model = smallClassifier(tf.train.rmsprop(0.01));
    const before = await trainingState(model);
    const tensorsBefore = tf.memory().numTensors;
    const result = await findLearningRate(model, dataset, { totalSteps: 9 });
    expect(result.learningRates).toHaveLength(9);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(await trainingState(model)).toEqual(before);
    tf.dispose([x, y]);
  });
});

describe('findLearningRate rejects bad input', () => {
  const data = (): { x: tf.Tensor; y: tf.Tensor } => regressionProblem(1, 2);

  it('initialLearningRate >= finalLearningRate', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), data(), { initialLearningRate: 1, finalLearningRate: 0.1 })).rejects.toThrow(
      new RangeError(
        'findLearningRate: `initialLearningRate` must be smaller than `finalLearningRate`; received initialLearningRate 1 and finalLearningRate 0.1',
      ),
    );
  });

  it('a non-positive initialLearningRate', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), data(), { initialLearningRate: -1e-3 })).rejects.toThrow(
      new RangeError('findLearningRate: `initialLearningRate` must be a positive finite number; received -0.001'),
    );
  });

  it('a zero batch size', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), data(), { batchSize: 0 })).rejects.toThrow(
      new RangeError('findLearningRate: `batchSize` must be an integer >= 1; received 0'),
    );
  });

  it('totalSteps < 2', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), data(), { totalSteps: 1 })).rejects.toThrow(
      new RangeError('findLearningRate: `totalSteps` must be an integer >= 2; received 1'),
    );
  });

  it('a divergeThreshold of 1 or less', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), data(), { divergeThreshold: 1 })).rejects.toThrow(
      new RangeError('findLearningRate: `divergeThreshold` must be a finite number > 1; received 1'),
    );
  });

  it('a model that is not compiled', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
    await expect(findLearningRate(model, data())).rejects.toThrow(
      new TypeError('findLearningRate: the model is not compiled (it has no optimizer); call model.compile({ optimizer, loss }) first'),
    );
  });

  it('a model whose optimizer lrkit cannot drive, naming findLearningRate', async () => {
    class CustomOptimizer extends tf.SGDOptimizer {
      static override className = 'CustomOptimizer';
    }
    await expect(findLearningRate(regressionModel(new CustomOptimizer(0.1)), data())).rejects.toThrow(
      new TypeError(
        "findLearningRate: the model's `optimizer` must be one of tfjs's optimizers (SGD, Momentum, Adam, Adamax, RMSProp, Adagrad, Adadelta); " +
          'received an optimizer of class "CustomOptimizer"',
      ),
    );
  });

  it('x and y with different sample counts', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), { x: tf.zeros([4, 2]), y: tf.zeros([3, 1]) })).rejects.toThrow(
      new RangeError('findLearningRate: `x` and `y` must be non-empty tensors with the same number of samples along axis 0; received 4, 3'),
    );
  });

  it('an unknown option', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), data(), { totalStep: 10 } as never)).rejects.toThrow(
      /findLearningRate: unknown option `totalStep` \(did you mean `totalSteps`\?\)/,
    );
  });

  it('an option under its name before 1.0, naming the new one', async () => {
    await expect(findLearningRate(regressionModel(tf.train.sgd(0.1)), data(), { startLr: 1e-5 } as never)).rejects.toThrow(
      new TypeError('findLearningRate: option `startLr` was renamed `initialLearningRate` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
