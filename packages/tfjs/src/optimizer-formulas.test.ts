/**
 * Every tfjs optimizer against Keras 3's update formula (a float64 port in
 * keras-reference.ts) on a tiny problem: f(w) = ½ Σ a_i (w_i − t_i)², 20 updates from w = 0.
 * The findings are documented in docs/tfjs-optimizers.md.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adadelta } from './adadelta.js';
import { rmsprop } from './centered-rmsprop.js';
import { type KerasOptimizerConfig, kerasReference } from './keras-reference.js';
import { adaptOptimizer } from './optimizer-adapter.js';
import { useCpu } from './test-support.js';

beforeAll(useCpu);

const curvature = [1, 4, 0.25];
const target = [1, -2, 0.5];
const steps = 20;

function gradientAt(weights: readonly number[]): number[] {
  return weights.map((w, i) => (curvature[i] as number) * (w - (target[i] as number)));
}

/** The weights after each update, tfjs (float32) and the Keras reference (float64). */
function trajectories(
  optimizer: tf.Optimizer,
  config: KerasOptimizerConfig,
  learningRateAt: (step: number) => number = () => config.learningRate,
): { tfjs: number[][]; keras: number[][] } {
  const variable = tf.variable(tf.zeros([3]));
  const a = tf.tensor1d(curvature);
  const t = tf.tensor1d(target);
  const reference = kerasReference(config, 3);
  const weights = [0, 0, 0];
  const tfjs: number[][] = [];
  const keras: number[][] = [];
  const adapter = adaptOptimizer(optimizer);
  for (let step = 0; step < steps; step += 1) {
    adapter.setLearningRate(learningRateAt(step));
    optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.mul(a, tf.square(tf.sub(variable, t))))) as tf.Scalar, false, [variable]);
    tfjs.push(Array.from(variable.dataSync()));
    reference.update(weights, gradientAt(weights), learningRateAt(step));
    keras.push([...weights]);
  }
  tf.dispose([variable, a, t]);
  optimizer.dispose();
  return { tfjs, keras };
}

/** Adam as the paper's Algorithm 1 writes it (epsilon added to √v̂), lr 0.1, betas 0.9/0.999, float64. */
function adamAlgorithm1(epsilon: number): number[][] {
  const weights = [0, 0, 0];
  const first = [0, 0, 0];
  const second = [0, 0, 0];
  const trajectory: number[][] = [];
  for (let step = 1; step <= steps; step += 1) {
    gradientAt(weights).forEach((g, i) => {
      first[i] = 0.9 * (first[i] as number) + 0.1 * g;
      second[i] = 0.999 * (second[i] as number) + 0.001 * g * g;
      const corrected = (first[i] as number) / (1 - 0.9 ** step);
      const correctedSecond = (second[i] as number) / (1 - 0.999 ** step);
      weights[i] = (weights[i] as number) - (0.1 * corrected) / (Math.sqrt(correctedSecond) + epsilon);
    });
    trajectory.push([...weights]);
  }
  return trajectory;
}

function largestDifference(first: number[][], second: number[][]): number {
  return Math.max(...first.flatMap((row, step) => row.map((value, i) => Math.abs(value - (second[step]?.[i] as number)))));
}

describe('tfjs optimizers that follow Keras 3 on the tiny problem (20 updates, largest difference < 2e-6)', () => {
  const cases: [string, () => tf.Optimizer, KerasOptimizerConfig][] = [
    ['sgd', () => tf.train.sgd(0.1), { kind: 'sgd', learningRate: 0.1 }],
    ['momentum', () => tf.train.momentum(0.1, 0.9), { kind: 'sgd', learningRate: 0.1, momentum: 0.9 }],
    ['nesterov', () => tf.train.momentum(0.1, 0.9, true), { kind: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true }],
    ['rmsprop', () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7), { kind: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }],
    [
      'rmsprop with momentum',
      () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7),
      { kind: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: false },
    ],
    ['adamax', () => tf.train.adamax(0.1, 0.9, 0.999, 1e-7), { kind: 'adamax', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
    ['adagrad', () => tf.train.adagrad(0.1, 0.1), { kind: 'adagrad', learningRate: 0.1, initialAccumulatorValue: 0.1, epsilon: 1e-7 }],
    [
      "lrkit's centered rmsprop",
      () => rmsprop(0.01, 0.9, 0, 1e-7, true),
      { kind: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: true },
    ],
    [
      "lrkit's centered rmsprop with momentum",
      () => rmsprop(0.01, 0.9, 0.5, 1e-7, true),
      { kind: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: true },
    ],
    ["lrkit's adadelta", () => adadelta(1, 0.95, 1e-8), { kind: 'adadelta', learningRate: 1, rho: 0.95, epsilon: 1e-8 }],
  ];
  for (const [name, create, config] of cases) {
    it(name, () => {
      const { tfjs, keras } = trajectories(create(), config);
      expect(largestDifference(tfjs, keras)).toBeLessThan(2e-6);
      // The problem moves the weights: the comparison is not of two idle trajectories.
      expect(Math.abs(keras[steps - 1]?.[0] as number)).toBeGreaterThan(1e-3);
    });
  }
});

describe('where tfjs 4.22 differs from Keras 3', () => {
  it("adadelta: tfjs's first update is −lr·g (divides by the accumulator before the step); Keras' is −lr·√ε/√((1−ρ)g²+ε)·g", () => {
    const config = { kind: 'adadelta', learningRate: 1, rho: 0.95, epsilon: 1e-8 } as const;
    const { tfjs, keras } = trajectories(tf.train.adadelta(1, 0.95, 1e-8), config);
    // g = a·(0 − t) = [−1, 8, −0.125] at w = 0.
    expect(tfjs[0]).toEqual([1, -8, 0.125]);
    expect(keras[0]?.map((value) => Number(value.toPrecision(6)))).toEqual([0.000447214, -0.000447214, 0.000447211]);
  });

  it('momentum: a new learning rate scales the whole velocity in tfjs (PyTorch style), only new gradients in Keras', () => {
    const config = { kind: 'sgd', learningRate: 0.1, momentum: 0.9 } as const;
    const decayAt5 = (step: number): number => (step < 5 ? 0.1 : 0.01);
    const { tfjs, keras } = trajectories(tf.train.momentum(0.1, 0.9), config, decayAt5);
    // Identical before the change, different after it.
    expect(largestDifference(tfjs.slice(0, 5), keras.slice(0, 5))).toBeLessThan(1e-6);
    expect(largestDifference(tfjs.slice(5), keras.slice(5))).toBeGreaterThan(0.1);
    // tfjs follows buffer = μ·buffer + g; w −= lr_t·buffer exactly.
    const weights = [0, 0, 0];
    const buffer = [0, 0, 0];
    const pytorch: number[][] = [];
    for (let step = 0; step < steps; step += 1) {
      gradientAt(weights).forEach((g, i) => {
        buffer[i] = 0.9 * (buffer[i] as number) + g;
        weights[i] = (weights[i] as number) - decayAt5(step) * (buffer[i] as number);
      });
      pytorch.push([...weights]);
    }
    expect(largestDifference(tfjs, pytorch)).toBeLessThan(2e-6);
  });

  it("adam: tfjs adds epsilon to √v̂ (the paper's Algorithm 1), Keras to √v (ε̂ = ε·√(1−β2^t))", () => {
    const config = { kind: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0.1 } as const;
    const { tfjs, keras } = trajectories(tf.train.adam(0.1, 0.9, 0.999, 0.1), config);
    expect(largestDifference(tfjs, keras)).toBeGreaterThan(0.05);
    // First update of the third weight (g = −0.125, so m̂ = g and v̂ = g²):
    // tfjs −0.1·(−0.125)/(0.125 + 0.1) = 0.0555556; Keras −0.1·(√0.001/0.1)·(−0.0125)/(√1.5625e-5 + 0.1) = 0.0038025.
    expect(tfjs[0]?.[2]).toBeCloseTo(0.0555556, 6);
    expect(keras[0]?.[2]).toBeCloseTo(0.0038025, 6);
    // tfjs is Algorithm 1 (float64 port above) to float32 precision (Adam's normalised steps
    // carry float32 rounding along: about 1e-5 after 20 updates).
    expect(largestDifference(tfjs, adamAlgorithm1(0.1))).toBeLessThan(2e-5);
    // With Keras' default epsilon 1e-7 the difference drowns in float32 rounding: tfjs is as
    // far from Keras (about 1e-5 after 20 updates) as from a float64 port of its own formula.
    const small = trajectories(tf.train.adam(0.1, 0.9, 0.999, 1e-7), { ...config, epsilon: 1e-7 });
    expect(largestDifference(small.tfjs, small.keras)).toBeLessThan(2e-5);
    expect(largestDifference(small.tfjs, adamAlgorithm1(1e-7))).toBeLessThan(2e-5);
  });

  it('centered rmsprop: tfjs subtracts epsilon under the root, so a gradient variance below epsilon gives NaN', () => {
    const optimizer = tf.train.rmsprop(0.001, 0.9, 0, 1e-7, true);
    const variable = tf.variable(tf.zeros([1]));
    optimizer.applyGradients({ [variable.name]: tf.tensor1d([1e-4]) });
    // Variance estimate 0.1·g² − (0.1·g)² = 9e-10 < 1e-7: √(9e-10 − 1e-7) is NaN in tfjs.
    expect(variable.dataSync()[0]).toBeNaN();
    const weights = [0];
    const centered = { kind: 'rmsprop', learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: true } as const;
    kerasReference(centered, 1).update(weights, [1e-4]);
    // Keras: −0.001·1e-4/√(9e-10 + 1e-7) = −3.1481428e-4.
    expect(weights[0]).toBeCloseTo(-3.1481428e-4, 11);
    tf.dispose([variable]);
    optimizer.dispose();
  });

  it("centered rmsprop: on the tiny problem tfjs is Keras' formula with −epsilon", () => {
    const centered = { kind: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: true } as const;
    const { tfjs, keras } = trajectories(tf.train.rmsprop(0.01, 0.9, 0, 1e-7, true), centered);
    expect(largestDifference(tfjs, keras)).toBeGreaterThan(5e-6);
    const negative = trajectories(tf.train.rmsprop(0.01, 0.9, 0, 1e-7, true), { ...centered, epsilon: -1e-7 });
    expect(largestDifference(negative.tfjs, negative.keras)).toBeLessThan(2e-6);
  });
});
