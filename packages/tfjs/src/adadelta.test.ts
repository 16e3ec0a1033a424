import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdadeltaOptimizer, adadelta } from './adadelta.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { adaptOptimizer } from './optimizer-adapter.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { useCpu } from './test-support.js';

beforeAll(useCpu);

/** Keras 3's `Adadelta.update_step`, in float64, for one variable over a list of gradients. */
function kerasAdadelta(
  initial: readonly number[],
  gradients: readonly (readonly number[])[],
  { learningRate, rho, epsilon }: { learningRate: number; rho: number; epsilon: number },
): number[][] {
  const value = [...initial];
  const accumulatedGrad = initial.map(() => 0);
  const accumulatedDelta = initial.map(() => 0);
  const rms = (x: number): number => Math.sqrt(x + epsilon);
  return gradients.map((gradient) => {
    gradient.forEach((g, i) => {
      accumulatedGrad[i] = rho * (accumulatedGrad[i] as number) + (1 - rho) * g * g;
      const delta = -(rms(accumulatedDelta[i] as number) * g) / rms(accumulatedGrad[i] as number);
      accumulatedDelta[i] = rho * (accumulatedDelta[i] as number) + (1 - rho) * delta * delta;
      value[i] = (value[i] as number) + learningRate * delta;
    });
    return [...value];
  });
}

/** Applies the gradients one step at a time to a fresh variable; returns the value after each step. */
function run(optimizer: tf.Optimizer, initial: readonly number[], gradients: readonly (readonly number[])[]): number[][] {
  const variable = tf.variable(tf.tensor1d([...initial]));
  const values = gradients.map((gradient) => {
    const tensor = tf.tensor1d([...gradient]);
    optimizer.applyGradients({ [variable.name]: tensor });
    tensor.dispose();
    return Array.from(variable.dataSync());
  });
  variable.dispose();
  optimizer.dispose();
  return values;
}

const recipe = { learningRate: 1, rho: 0.95, epsilon: 1e-8 };
const gradients = Array.from({ length: 30 }, (_, step) => [Math.sin(step + 1), 0.01 * Math.cos(3 * step), step % 5 === 0 ? 0 : 2 - step / 10]);

describe('AdadeltaOptimizer', () => {
  it('takes the first step of Keras/Zeiler: −√ε / √((1 − ρ)·g² + ε) · g', () => {
    const [after] = run(adadelta(1, 0.95, 1e-8), [0], [[1]]);
    // √1e-8 / √(0.05 + 1e-8) = 1e-4 / 0.2236068… = 4.4721355e-4
    expect(after?.[0]).toBeCloseTo(-4.4721355e-4, 10);
  });

  it("matches Keras 3's formula over 30 steps of varying gradients on three weights", () => {
    const ours = run(adadelta(recipe.learningRate, recipe.rho, recipe.epsilon), [0.5, -0.25, 1], gradients);
    const reference = kerasAdadelta([0.5, -0.25, 1], gradients, recipe);
    ours.forEach((values, step) => values.forEach((value, i) => expect(value).toBeCloseTo(reference[step]?.[i] as number, 6)));
    // Anchors after 30 steps, from an independent float64 Python port of Keras' update_step.
    expect(reference[29]).toEqual([0.499875001335322, -0.25035740714078586, 0.9969938092219167].map((value) => expect.closeTo(value, 12)));
    expect(ours[29]?.[0]).toBeCloseTo(0.499875, 6);
    expect(ours[29]?.[1]).toBeCloseTo(-0.2503574, 6);
    expect(ours[29]?.[2]).toBeCloseTo(0.9969938, 6);
  });

  it('differs from tfjs 4.22, whose first update is the raw gradient (the bug it fixes)', () => {
    const [tfjsAfter] = run(tf.train.adadelta(1, 0.95, 1e-8), [0], [[1]]);
    expect(tfjsAfter?.[0]).toBeCloseTo(-1, 6);
  });

  it('uses the backend epsilon when none is given, as tfjs does', () => {
    const optimizer = adadelta(1);
    expect(optimizer.getConfig()).toEqual({ learningRate: 1, rho: 0.95, epsilon: tf.backend().epsilon() });
    expect(adadelta().getConfig()).toMatchObject({ learningRate: 0.001, rho: 0.95 });
  });

  it('is a tf.AdadeltaOptimizer that adaptOptimizer drives', () => {
    const optimizer = adadelta(1, 0.95, 1e-8);
    expect(optimizer).toBeInstanceOf(tf.AdadeltaOptimizer);
    const adapter = adaptOptimizer(optimizer);
    expect(adapter.optimizerName).toBe('Adadelta');
    adapter.setLearningRate(0.5);
    const [after] = run(optimizer, [0], [[1]]);
    expect(after?.[0]).toBeCloseTo(-0.5 * 4.4721355e-4, 10);
  });

  it('keeps the slot names of tfjs in getWeights and restores them with setWeights', async () => {
    const optimizer = adadelta(1, 0.95, 1e-8);
    const variable = tf.variable(tf.tensor1d([0]), true, 'w');
    optimizer.applyGradients({ w: tf.tensor1d([1]) });
    const weights = await optimizer.getWeights();
    expect(weights.map((weight) => weight.name)).toEqual(['iter', 'w/accum_grad', 'w/accum_var']);
    expect(weights[1]?.tensor.dataSync()[0]).toBeCloseTo(0.05, 7);
    const copy = adadelta(1, 0.95, 1e-8);
    await copy.setWeights(weights.map(({ name, tensor }) => ({ name, tensor: tf.clone(tensor) })));
    optimizer.applyGradients({ w: tf.tensor1d([1]) });
    const afterOriginal = variable.dataSync()[0] as number;
    variable.assign(tf.tensor1d([-4.4721355e-4]));
    copy.applyGradients({ w: tf.tensor1d([1]) });
    expect(variable.dataSync()[0]).toBeCloseTo(afterOriginal, 9);
    tf.dispose([variable]);
  });

  it('trains with LearningRateScheduler, ReduceLROnPlateau and LossHistory attached and leaves no tensor behind', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu', kernelInitializer: 'ones' }));
    model.add(tf.layers.dense({ units: 1, kernelInitializer: 'ones' }));
    model.compile({ optimizer: adadelta(1, 0.95, 1e-8), loss: 'meanSquaredError' });
    const xs = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const ys = tf.tensor2d([1, 2, 3, 4], [4, 1]);
    const callbacks = () => [
      new LearningRateScheduler({ schedule: (step: number) => 1 / (1 + step), unit: 'batch' }),
      new ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5 }),
      new LossHistory(),
    ];
    await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0, callbacks: callbacks() });
    const before = tf.memory().numTensors;
    const attached = callbacks();
    await model.fit(xs, ys, { epochs: 5, batchSize: 2, verbose: 0, callbacks: attached });
    expect(tf.memory().numTensors).toBe(before);
    const history = attached[2] as LossHistory;
    expect(history.batches).toHaveLength(10);
    // The scheduler's step is the optimizer's update count: 1 warm-up update, then 10.
    expect(history.batches.map((row) => row.learningRate)).toEqual(
      Array.from({ length: 10 }, (_, index) => 1 / (2 + index)).map((lr) => expect.closeTo(lr, 12)),
    );
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('rejects bad arguments at construction, naming them', () => {
    expect(() => adadelta(-1)).toThrow('AdadeltaOptimizer: `learningRate` must be a finite number >= 0; received -1');
    expect(() => adadelta(1, 1.5)).toThrow('AdadeltaOptimizer: `rho` must be a number in [0, 1]; received 1.5');
    expect(() => adadelta(1, 0.95, -1e-8)).toThrow('AdadeltaOptimizer: `epsilon` must be a finite number >= 0; received -1e-8');
  });
});
