/**
 * Shared fixtures of the tests (not exported from the package): the cpu backend, the seven
 * tfjs optimizers, and a linear regression whose stable learning rates are known.
 */
import * as tf from '@tensorflow/tfjs';

/** Selects the cpu backend once. */
export async function useCpu(): Promise<void> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
}

/** The seven optimizers (momentum also as Nesterov), freshly built. */
export const optimizerFactories: Record<string, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.05),
  momentum: () => tf.train.momentum(0.05, 0.9),
  nesterov: () => tf.train.momentum(0.05, 0.9, true),
  adam: () => tf.train.adam(0.01),
  adamax: () => tf.train.adamax(0.01),
  rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.5),
  adagrad: () => tf.train.adagrad(0.05),
  adadelta: () => tf.train.adadelta(0.05),
};

/**
 * Linear regression without bias, y = X·w* + noise with w* = (1, −1), on `pairs` pairs of
 * rows (scale, 0) and (0, 1). Fed in order with a batch size of 2 every batch is one pair, so
 * every batch has the same Hessian of the mean squared error, H = XᵀX = diag(scale², 1):
 * SGD contracts the error along each eigenvector by |1 − lr·λ| per step and is stable exactly
 * for 0 < lr < 2 / scale² (scale ≥ 1). The noise (±0.1, fixed pattern) keeps the gradient from
 * vanishing, so a learning rate above the bound really diverges.
 */
export function regressionProblem(scale: number, pairs = 64): { x: tf.Tensor2D; y: tf.Tensor2D; largestEigenvalue: number } {
  const rows: number[][] = [];
  const targets: number[][] = [];
  for (let index = 0; index < pairs; index += 1) {
    const noise = 0.1 * Math.sin(index * 2.1);
    rows.push([scale, 0], [0, 1]);
    targets.push([scale + noise], [-1 - noise]);
  }
  return { x: tf.tensor2d(rows), y: tf.tensor2d(targets), largestEigenvalue: Math.max(scale * scale, 1) };
}

/** A dense 2 → 1 model without bias, weights 0, compiled with `optimizer` and MSE. */
export function regressionModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], useBias: false, kernelInitializer: 'zeros' }));
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

/** A small two-layer classifier (with a non-trainable batch-norm state) for restore tests. */
export function smallClassifier(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu', kernelInitializer: 'glorotUniform', seed: 1 } as never));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return model;
}

/** Deterministic classification data for {@link smallClassifier}. */
export function classificationData(samples: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const rows: number[][] = [];
  const labels: number[][] = [];
  for (let index = 0; index < samples; index += 1) {
    const a = Math.sin(index * 1.3);
    const b = Math.cos(index * 0.7);
    const c = ((index * 37) % 11) / 11 - 0.5;
    rows.push([a, b, c]);
    labels.push(a + b > 0 ? [1, 0] : [0, 1]);
  }
  return { x: tf.tensor2d(rows), y: tf.tensor2d(labels) };
}

/** Every weight of the model and every optimizer variable, as plain arrays, plus the iteration count. */
export async function trainingState(model: tf.LayersModel): Promise<{
  weights: Float32Array[];
  optimizer: { name: string; values: Float32Array }[];
  iterations: number;
  learningRate: number;
}> {
  const weights = await Promise.all(model.getWeights().map(async (weight) => (await weight.data()) as Float32Array));
  const optimizer: { name: string; values: Float32Array }[] = [];
  // tfjs's own view of the slots (Adamax does not implement getWeights).
  if (model.optimizer.getClassName() !== 'Adamax') {
    for (const { name, tensor } of await model.optimizer.getWeights()) {
      optimizer.push({ name: `getWeights:${name}`, values: Float32Array.from(await tensor.data()) });
      if (name === 'iter') tensor.dispose(); // a new scalar at every call
    }
  }
  // Every variable the optimizer holds, in fields (accBeta1, iteration, …) or slot arrays.
  const fields = model.optimizer as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (value instanceof tf.Variable) optimizer.push({ name: `field:${key}`, values: Float32Array.from(await value.data()) });
    if (Array.isArray(value)) {
      for (const [index, entry] of value.entries()) {
        const variable = (entry as { variable?: unknown } | undefined)?.variable;
        if (variable instanceof tf.Variable) {
          optimizer.push({ name: `slot:${key}[${index}]`, values: Float32Array.from(await variable.data()) });
        }
      }
    }
  }
  return {
    weights: weights.map((values) => Float32Array.from(values)),
    optimizer,
    iterations: model.optimizer.iterations,
    learningRate: (model.optimizer as unknown as { learningRate: number }).learningRate,
  };
}
