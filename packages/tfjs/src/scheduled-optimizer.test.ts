import { fromHuggingFace, fromTimm, oneCycle } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { learningRateControllerFor } from './learning-rate-controller.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { scheduleOptimizer } from './scheduled-optimizer.js';
import { linearData, linearModel, optimizerFactories, recorder, useCpu } from './test-support.js';

beforeAll(useCpu);

const schedule = fromHuggingFace('cosine', { learningRate: 0.1, num_warmup_steps: 3, num_training_steps: 12 });

/** The linear problem of test-support in a hand-written loop: w starts at 0, the gradient is +1 every update. */
function customLoop(optimizer: tf.Optimizer, updates: number, update: (f: () => tf.Scalar, variable: tf.Variable) => void): number[] {
  const variable = tf.variable(tf.zeros([1, 1]), true, `w-${Math.random()}`);
  const { xs, ys } = linearData(2);
  const weights: number[] = [];
  for (let index = 0; index < updates; index += 1) {
    update(() => tf.tidy(() => tf.mean(tf.abs(tf.sub(ys, tf.matMul(xs, variable))))) as tf.Scalar, variable);
    weights.push(variable.dataSync()[0]!);
  }
  tf.dispose([xs, ys, variable]);
  return weights;
}

describe('scheduleOptimizer in a custom training loop', () => {
  for (const [name, make] of Object.entries(optimizerFactories)) {
    it(`gives ${name} exactly the updates LearningRateScheduler gives it in model.fit`, async () => {
      // Reference: model.fit with the callback, one update per batch, 12 updates.
      const model = linearModel(make());
      const callback = new LearningRateScheduler({ schedule, unit: 'batch' });
      const { callback: record, batches } = recorder(model);
      const { xs, ys } = linearData(24);
      await model.fit(xs, ys, { epochs: 1, batchSize: 2, callbacks: [callback, record], verbose: 0, shuffle: false });
      const fitWeights = batches.map((batch) => batch.weightChange).reduce<number[]>((all, change) => [...all, (all.at(-1) ?? 0) + change], []);
      tf.dispose([xs, ys]);
      model.dispose();

      const optimizer = make();
      const scheduled = scheduleOptimizer(optimizer, schedule);
      const rates: number[] = [];
      const tensorCounts: number[] = [];
      const weights = customLoop(optimizer, 12, (f) => {
        scheduled.minimize(f);
        rates.push(scheduled.learningRate);
        tensorCounts.push(tf.memory().numTensors);
      });
      // After the first update created the optimizer's own slots, no update leaves a tensor behind.
      expect(new Set(tensorCounts.slice(1)).size).toBe(1);
      expect(scheduled.step).toBe(12);
      rates.forEach((rate, step) => expect(rate).toBeCloseTo(schedule(step), 15));
      weights.forEach((weight, index) => expect(weight).toBeCloseTo(fitWeights[index]!, 5));
      if (name === 'sgd') {
        // Plain SGD with gradient 1 moves w by exactly -lr: the applied rates are the schedule's.
        weights.forEach((weight, index) => expect(weight - (weights[index - 1] ?? 0)).toBeCloseTo(-schedule(index), 6));
      }
      optimizer.dispose();
    });
  }

  it('applyGradients uses the scheduled rate and the step follows the optimizer update count', () => {
    const optimizer = tf.train.sgd(1);
    const scheduled = scheduleOptimizer(optimizer, (step) => 0.5 ** step);
    const weights = customLoop(optimizer, 4, (f, variable) => {
      const { grads } = tf.variableGrads(f, [variable]);
      scheduled.applyGradients(grads);
      tf.dispose(grads);
    });
    expect(weights).toEqual([-1, -1.5, -1.75, -1.875]);
    expect(scheduled.step).toBe(4);
    optimizer.dispose();
  });

  it('pairs momentum (one-cycle) with the learning rate on Adam, and honours initialStep', () => {
    const optimizer = tf.train.adam(0.1);
    const cycle = oneCycle({ peakValue: 1, totalSteps: 20 });
    const scheduled = scheduleOptimizer(optimizer, cycle, { initialStep: 5 });
    expect(scheduled.prepare()).toBeCloseTo(cycle(5), 15);
    expect((optimizer as unknown as { beta1: number }).beta1).toBeCloseTo(cycle.momentum!(5), 15);
    customLoop(optimizer, 3, (f) => scheduled.minimize(f));
    expect(scheduled.step).toBe(8);
    expect(scheduled.learningRate).toBeCloseTo(cycle(7), 15);
    optimizer.dispose();
  });

  it('writes through the shared learning-rate controller, so a plateau scale applies on top', () => {
    const optimizer = tf.train.momentum(0.1, 0.9);
    const scheduled = scheduleOptimizer(optimizer, fromTimm({ sched: 'step', decay_epochs: 2, decay_rate: 0.1 }, { learningRate: 0.1 }));
    const controller = learningRateControllerFor(optimizer);
    const halve = { scaleLearningRate: (value: number) => value / 2 };
    controller.addScaler(halve);
    expect(scheduled.prepare()).toBeCloseTo(0.05, 15);
    customLoop(optimizer, 2, (f) => scheduled.minimize(f));
    expect(scheduled.learningRate).toBeCloseTo(0.05, 15); // steps 0 and 1: 0.1 * 0.1 ** (t // 2), halved
    expect(scheduled.prepare()).toBeCloseTo(0.005, 15); // step 2: decayed once, halved
    controller.removeScaler(halve);
    expect(scheduled.prepare()).toBeCloseTo(0.01, 15);
    expect(controller.scheduledValue).toBeCloseTo(0.01, 15);
    optimizer.dispose();
  });

  it('rejects a momentum schedule on an optimizer without a momentum knob, and bad arguments', () => {
    const optimizer = tf.train.sgd(0.1);
    expect(() => scheduleOptimizer(optimizer, schedule, { momentumSchedule: () => 0.9 })).toThrow(/the SGD optimizer has no momentum-like knob/);
    expect(() => scheduleOptimizer(optimizer, 0.1 as never)).toThrow(
      'scheduleOptimizer: `schedule` must be a schedule or a (step) => value function; received 0.1',
    );
    expect(() => scheduleOptimizer(optimizer, schedule, { initialStep: -1 })).toThrow(/`initialStep` must be an integer >= 0/);
    optimizer.dispose();
  });
});
