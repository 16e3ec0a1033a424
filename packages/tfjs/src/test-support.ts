/**
 * Shared fixtures of the tests (not exported from the package): the cpu backend, a linear
 * model whose gradient is known, and a recorder of what the optimizer really used.
 */
import * as tf from '@tensorflow/tfjs';

/** Selects the cpu backend once. */
export async function useCpu(): Promise<void> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
}

/** The seven optimizers lrkit supports, freshly built. */
export const optimizerFactories: Record<string, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.1),
  momentum: () => tf.train.momentum(0.1, 0.9),
  nesterov: () => tf.train.momentum(0.1, 0.9, true),
  adam: () => tf.train.adam(0.1),
  adamax: () => tf.train.adamax(0.1),
  rmsprop: () => tf.train.rmsprop(0.1, 0.9, 0.5),
  adagrad: () => tf.train.adagrad(0.1),
  adadelta: () => tf.train.adadelta(0.1),
};

/**
 * y = w·x without bias, w = 0, trained with mean absolute error towards y = -1000 on x = 1:
 * the gradient of every batch is exactly +1, so plain SGD moves w by exactly -lr.
 */
export function linearModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'zeros' }));
  model.compile({ optimizer, loss: 'meanAbsoluteError' });
  return model;
}

/** `samples` rows of x = 1, y = -1000. */
export function linearData(samples: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  return { xs: tf.ones([samples, 1]), ys: tf.fill([samples, 1], -1000) as tf.Tensor2D };
}

/** A dataset of `batches` batches of `batchSize` rows of the linear data. */
export function linearDataset(batches: number, batchSize: number): tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }> {
  return tf.data
    .generator(function* () {
      for (let index = 0; index < batches * batchSize; index += 1) yield { xs: [1], ys: [-1000] };
    })
    .map((item) => {
      const { xs, ys } = item as { xs: number[]; ys: number[] };
      return { xs: tf.tensor1d(xs), ys: tf.tensor1d(ys) };
    })
    .batch(batchSize) as unknown as tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>;
}

/** What one batch really did: the learning rate in the optimizer, and the weight change. */
export interface AppliedBatch {
  readonly epoch: number;
  readonly batch: number;
  readonly iterations: number;
  readonly learningRate: number;
  readonly weightChange: number;
}

/** A callback (placed after the scheduler) recording the weight and learning rate per batch. */
export function recorder(model: tf.LayersModel): { callback: tf.CustomCallback; batches: AppliedBatch[] } {
  const batches: AppliedBatch[] = [];
  let epoch = 0;
  let before = 0;
  const weight = (): number => model.getWeights()[0]?.dataSync()[0] ?? Number.NaN;
  const callback = new tf.CustomCallback({
    onEpochBegin: (index) => {
      epoch = index;
    },
    onBatchBegin: () => {
      before = weight();
    },
    onBatchEnd: (batch) => {
      const optimizer = model.optimizer as unknown as { learningRate: number; iterations: number };
      batches.push({
        epoch,
        batch,
        iterations: optimizer.iterations,
        learningRate: optimizer.learningRate,
        weightChange: weight() - before,
      });
    },
  });
  return { callback, batches };
}
