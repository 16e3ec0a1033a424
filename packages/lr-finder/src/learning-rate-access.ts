import type * as tf from '@tensorflow/tfjs';

/**
 * Reads and writes the learning rate of a tfjs optimizer. A narrow local stand-in for
 * `adaptOptimizer` of `@lrkit/tfjs` (to be replaced by it once that package is on main):
 * `sgd` and `momentum` cache `-learningRate` in a scalar that only `setLearningRate`
 * rebuilds; the other five optimizers read their `learningRate` field at every update.
 */
export interface LearningRateAccess {
  getLearningRate(): number;
  setLearningRate(value: number): void;
}

interface OptimizerFields {
  learningRate?: unknown;
  setLearningRate?: (value: number) => void;
}

/**
 * The learning-rate access of `optimizer`.
 *
 * @throws TypeError when the optimizer has no numeric `learningRate` field.
 * @example
 * ```ts
 * learningRateAccess(tf.train.sgd(0.1)).setLearningRate(0.01);
 * ```
 */
export function learningRateAccess(optimizer: tf.Optimizer): LearningRateAccess {
  const fields = optimizer as unknown as OptimizerFields;
  if (typeof fields.learningRate !== 'number') {
    throw new TypeError(
      `findLearningRate: the model's optimizer must be one of tfjs's optimizers (sgd, momentum, adam, adamax, rmsprop, ` +
        `adagrad, adadelta); received ${optimizer.getClassName?.() ?? typeof optimizer} without a numeric learningRate`,
    );
  }
  return {
    getLearningRate: () => fields.learningRate as number,
    setLearningRate(value: number): void {
      if (typeof fields.setLearningRate === 'function') fields.setLearningRate.call(optimizer, value);
      else fields.learningRate = value;
    },
  };
}
