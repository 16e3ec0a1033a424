import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adaptOptimizer } from './optimizer-adapter.js';
import { optimizerFactories, useCpu } from './test-support.js';

beforeAll(useCpu);

/** One update of w (shape [1], value 0) with gradient g; returns the new w. */
function stepOnce(optimizer: tf.Optimizer, variable: tf.Variable, gradient: number): number {
  optimizer.applyGradients({ [variable.name]: tf.tensor1d([gradient]) });
  return variable.dataSync()[0] ?? Number.NaN;
}

describe('adaptOptimizer', () => {
  it('names all seven tfjs optimizers and their momentum knobs', () => {
    const names = Object.fromEntries(
      Object.entries(optimizerFactories).map(([key, make]) => {
        const adapter = adaptOptimizer(make());
        return [key, [adapter.optimizerName, adapter.momentumKnob ?? null]];
      }),
    );
    expect(names).toEqual({
      sgd: ['SGD', null],
      momentum: ['Momentum', 'momentum'],
      nesterov: ['Momentum', 'momentum'],
      adam: ['Adam', 'beta1'],
      adamax: ['Adamax', 'beta1'],
      rmsprop: ['RMSProp', 'momentum'],
      adagrad: ['Adagrad', null],
      adadelta: ['Adadelta', null],
    });
  });

  it('returns one cached adapter per optimizer', () => {
    const optimizer = tf.train.sgd(0.1);
    expect(adaptOptimizer(optimizer)).toBe(adaptOptimizer(optimizer));
  });

  it('makes a new SGD learning rate take effect at the next update', () => {
    const optimizer = tf.train.sgd(0.1);
    const w = tf.variable(tf.zeros([1]));
    adaptOptimizer(optimizer).setLearningRate(0.25);
    expect(stepOnce(optimizer, w, 1)).toBeCloseTo(-0.25, 7);
    tf.dispose([w]);
    optimizer.dispose();
  });

  it('rebuilds the cached momentum scalar of Momentum so the new momentum takes effect', () => {
    const optimizer = tf.train.momentum(1, 0.9);
    const w = tf.variable(tf.zeros([1]));
    const adapter = adaptOptimizer(optimizer);
    stepOnce(optimizer, w, 1); // accumulation 1, w = -1
    adapter.setMomentum(0.5);
    // accumulation = 0.5 * 1 + 1 = 1.5, w = -1 - 1.5
    expect(stepOnce(optimizer, w, 1)).toBeCloseTo(-2.5, 6);
    expect(adapter.getMomentum()).toBe(0.5);
    tf.dispose([w]);
  });

  it('applies a new learning rate and momentum to Nesterov momentum', () => {
    const optimizer = tf.train.momentum(1, 0.9, true);
    const w = tf.variable(tf.zeros([1]));
    const adapter = adaptOptimizer(optimizer);
    adapter.setLearningRate(0.5);
    adapter.setMomentum(0.5);
    // accumulation = 1, update = -lr * (g + m * accumulation) = -0.5 * 1.5
    expect(stepOnce(optimizer, w, 1)).toBeCloseTo(-0.75, 6);
    tf.dispose([w]);
  });

  it("sets Adam's beta1 as the momentum knob", () => {
    const optimizer = tf.train.adam(0.1, 0.9, 0.999);
    const adapter = adaptOptimizer(optimizer);
    adapter.setMomentum(0.8);
    expect((optimizer as unknown as { beta1: number }).beta1).toBe(0.8);
    expect(adapter.getMomentum()).toBe(0.8);
  });

  it('sets the RMSProp momentum field', () => {
    const optimizer = tf.train.rmsprop(0.1, 0.9, 0.2);
    const adapter = adaptOptimizer(optimizer);
    adapter.setMomentum(0.6);
    expect((optimizer as unknown as { momentum: number }).momentum).toBe(0.6);
  });

  it('reports whether a write changed anything', () => {
    const adapter = adaptOptimizer(tf.train.adagrad(0.1));
    expect(adapter.setLearningRate(0.1)).toBe(false);
    expect(adapter.setLearningRate(0.2)).toBe(true);
    expect(adapter.getLearningRate()).toBe(0.2);
  });

  it('leaks no tensor when SGD and Momentum values change every call', () => {
    const sgd = adaptOptimizer(tf.train.sgd(0.1));
    const momentum = adaptOptimizer(tf.train.momentum(0.1, 0.9));
    const before = tf.memory().numTensors;
    for (let index = 1; index <= 200; index += 1) {
      sgd.setLearningRate(index / 1000);
      momentum.setLearningRate(index / 1000);
      momentum.setMomentum(index / 400);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects setMomentum on an optimizer without a momentum knob', () => {
    expect(() => adaptOptimizer(tf.train.adagrad(0.1)).setMomentum(0.9)).toThrow(
      new TypeError(
        'adaptOptimizer(Adagrad): the Adagrad optimizer has no momentum-like knob; momentum can be set on Momentum, RMSProp (momentum) and Adam/Adamax (beta1)',
      ),
    );
  });

  it('rejects a negative learning rate', () => {
    expect(() => adaptOptimizer(tf.train.sgd(0.1)).setLearningRate(-1)).toThrow(
      new RangeError('adaptOptimizer(SGD): `learningRate` must be a finite number >= 0; received -1'),
    );
  });

  it('rejects a beta1 of 1', () => {
    expect(() => adaptOptimizer(tf.train.adam(0.1)).setMomentum(1)).toThrow(/`beta1` must be a number in \[0, 1\); received 1/);
  });

  it('rejects an object that is not a tfjs optimizer, naming the argument', () => {
    expect(() => adaptOptimizer({ learningRate: 0.1 } as unknown as tf.Optimizer)).toThrow(
      new TypeError(
        'adaptOptimizer: `optimizer` must be one of tfjs\'s optimizers (SGD, Momentum, Adam, Adamax, RMSProp, Adagrad, Adadelta); received {"learningRate":0.1}',
      ),
    );
  });

  it('rejects an optimizer subclass of an unknown class', () => {
    class Lion extends tf.Optimizer {
      static get className(): string {
        return 'Lion';
      }
      learningRate = 0.1;
      applyGradients(): void {}
      getConfig(): tf.serialization.ConfigDict {
        return {};
      }
    }
    expect(() => adaptOptimizer(new Lion())).toThrow(/`optimizer` must be one of tfjs's optimizers .*received an optimizer of class "Lion"/);
  });
});
