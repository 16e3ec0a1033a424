import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RMSPropOptimizer, rmsprop } from './centered-rmsprop.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { adaptOptimizer } from './optimizer-adapter.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { useCpu } from './test-support.js';

beforeAll(useCpu);

/** Minimises sum(gradients · w) step by step (so the gradient of step k is gradients[k]); returns w after each step. */
function run(optimizer: tf.Optimizer, gradients: readonly number[][]): number[][] {
  const w = tf.variable(tf.zeros([gradients[0]?.length ?? 1]));
  const values = gradients.map((gradient) => {
    const g = tf.tensor1d(gradient);
    optimizer.minimize(() => tf.sum(tf.mul(g, w)) as tf.Scalar, false, [w]);
    g.dispose();
    return Array.from(w.dataSync());
  });
  w.dispose();
  optimizer.dispose();
  return values;
}

describe('RMSPropOptimizer (centered as Keras)', () => {
  it('takes a finite step where tfjs 4.22 gives NaN: gradient 1e-4, variance estimate 9e-10 below epsilon 1e-7', () => {
    const [ours] = run(rmsprop(0.001, 0.9, 0, 1e-7, true), [[1e-4]]);
    const [theirs] = run(tf.train.rmsprop(0.001, 0.9, 0, 1e-7, true), [[1e-4]]);
    // −0.001·1e-4 / √(0.1·1e-8 − (0.1·1e-4)² + 1e-7) = −3.1481428e-4
    expect(ours?.[0]).toBeCloseTo(-3.1481428e-4, 10);
    expect(theirs?.[0]).toBeNaN();
  });

  it('follows m ← μm + lr·g/√(E[g²] − E[g]² + ε); x ← x − m over three steps with momentum', () => {
    const gradients = [[1], [0.5], [-2]];
    const ours = run(rmsprop(0.1, 0.9, 0.5, 1e-7, true), gradients);
    // Float64, and checked against an independent Python port: −0.333333, −0.661881, −0.542751.
    let meanSquare = 0;
    let meanGrad = 0;
    let moment = 0;
    let x = 0;
    const expected = gradients.map(([g = 0]) => {
      meanSquare = 0.9 * meanSquare + 0.1 * g * g;
      meanGrad = 0.9 * meanGrad + 0.1 * g;
      moment = 0.5 * moment + (0.1 * g) / Math.sqrt(meanSquare - meanGrad * meanGrad + 1e-7);
      x -= moment;
      return x;
    });
    expect(expected.map((value) => Number(value.toPrecision(6)))).toEqual([-0.333333, -0.661881, -0.542751]);
    ours.forEach((values, step) => expect(values[0]).toBeCloseTo(expected[step] as number, 6));
  });

  it('leaves the plain variant to tfjs: bit-identical to tf.train.rmsprop', () => {
    const gradients = [
      [1, -3],
      [0.5, 2],
      [-2, 0.1],
    ];
    expect(run(rmsprop(0.01, 0.9, 0.3, 1e-7), gradients)).toEqual(run(tf.train.rmsprop(0.01, 0.9, 0.3, 1e-7), gradients));
  });

  it('is a tf.RMSPropOptimizer with tfjs slot names that adaptOptimizer drives', async () => {
    const optimizer = rmsprop(0.1, 0.9, 0, 1e-7, true);
    expect(optimizer).toBeInstanceOf(tf.RMSPropOptimizer);
    const adapter = adaptOptimizer(optimizer);
    expect([adapter.optimizerName, adapter.momentumKnob]).toEqual(['RMSProp', 'momentum']);
    const w = tf.variable(tf.zeros([1]), true, 'rmsprop-w');
    optimizer.minimize(() => tf.sum(w) as tf.Scalar, false, [w]);
    expect((await optimizer.getWeights()).map((weight) => weight.name)).toEqual(['iter', 'rmsprop-w/rms', 'rmsprop-w/momentum', 'rmsprop-w/mg']);
    w.dispose();
    optimizer.dispose();
  });

  it('trains with the lrkit callbacks attached and leaves no tensor behind', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu', kernelInitializer: 'ones' }));
    model.add(tf.layers.dense({ units: 1, kernelInitializer: 'ones' }));
    model.compile({ optimizer: rmsprop(0.01, 0.9, 0.5, 1e-7, true), loss: 'meanSquaredError' });
    const xs = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const ys = tf.tensor2d([1, 2, 3, 4], [4, 1]);
    const callbacks = () => [
      new LearningRateScheduler({ schedule: (step: number) => 0.01 / (1 + step), unit: 'batch' }),
      new ReduceLROnPlateau({ monitor: 'loss', patience: 1 }),
      new LossHistory(),
    ];
    await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0, callbacks: callbacks() });
    const before = tf.memory().numTensors;
    const attached = callbacks();
    await model.fit(xs, ys, { epochs: 3, batchSize: 2, verbose: 0, callbacks: attached });
    expect(tf.memory().numTensors).toBe(before);
    expect((attached[2] as LossHistory).batches.map((row) => row.learningRate)).toEqual([2, 3, 4, 5, 6, 7].map((step) => expect.closeTo(0.01 / step, 12)));
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('rejects bad arguments at construction, naming them', () => {
    expect(() => rmsprop(0.1, 2)).toThrow('RMSPropOptimizer: `decay` must be a number in [0, 1]; received 2');
    expect(() => new RMSPropOptimizer(0.1, 0.9, -1)).toThrow('RMSPropOptimizer: `momentum` must be a finite number >= 0; received -1');
  });
});
