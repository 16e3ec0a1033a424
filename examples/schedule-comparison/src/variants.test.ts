import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { comparisonVariants, variantNames } from './variants.js';

describe('comparison variants', () => {
  const variants = comparisonVariants({ epochs: 30 });

  it('keeps SGD at 0.1 for the constant variant', () => {
    expect([0, 1, 1000].map((step) => variants.constant.schedule(step))).toEqual([0.1, 0.1, 0.1]);
  });

  it('decays time-based as lr / (1 + decay * iterations) with decay = lr / epochs, per batch', () => {
    expect(variants['time-based'].unit).toBe('batch');
    for (const iterations of [0, 1, 10, 937, 9370]) {
      expect(variants['time-based'].schedule(iterations)).toBeCloseTo(0.1 / (1 + (0.1 / 30) * iterations), 12);
    }
  });

  it('halves the step decay at epochs 9, 19 and 29 as 0.1 * 0.5 ** floor((1 + epoch) / 10)', () => {
    expect(variants['step-decay'].unit).toBe('epoch');
    for (let epoch = 0; epoch < 30; epoch += 1) {
      expect(variants['step-decay'].schedule(epoch)).toBe(0.1 * 0.5 ** Math.floor((1 + epoch) / 10));
    }
  });

  it('keeps the step-decay formula for runs shorter than 10 epochs', () => {
    const short = comparisonVariants({ epochs: 2 })['step-decay'].schedule;
    expect([short(0), short(1), short(9)]).toEqual([0.1, 0.1, 0.05]);
  });

  it('decays exponentially as 0.1 * exp(-0.1 * epoch), per epoch', () => {
    expect(variants.exponential.unit).toBe('epoch');
    for (let epoch = 0; epoch < 30; epoch += 1) {
      expect(variants.exponential.schedule(epoch)).toBeCloseTo(0.1 * Math.exp(-0.1 * epoch), 14);
    }
  });

  it('builds each optimizer with the rates of the classic comparison', () => {
    const expected: Record<string, [string, number]> = {
      constant: ['SGD', 0.1],
      'time-based': ['Momentum', 0.1],
      'step-decay': ['SGD', 0.1],
      exponential: ['SGD', 0.1],
      adagrad: ['Adagrad', 0.01],
      adadelta: ['Adadelta', 1],
      rmsprop: ['RMSProp', 0.001],
      adam: ['Adam', 0.001],
    };
    for (const name of variantNames) {
      const optimizer = variants[name].createOptimizer() as tf.Optimizer & { learningRate: number };
      expect([optimizer.getClassName(), optimizer.learningRate]).toEqual(expected[name]);
      expect(variants[name].schedule(0)).toBe(expected[name]?.[1]);
      optimizer.dispose();
    }
    const adadelta = variants.adadelta.createOptimizer().getConfig();
    const rmsprop = variants.rmsprop.createOptimizer().getConfig();
    const adam = variants.adam.createOptimizer().getConfig();
    const momentum = variants['time-based'].createOptimizer().getConfig();
    expect(adadelta.epsilon).toBe(1e-8);
    expect([adadelta.rho, rmsprop.decay, adam.beta1, adam.beta2, momentum.momentum]).toEqual([0.95, 0.9, 0.9, 0.999, 0.8]);
  });
});
