import * as tf from '@tensorflow/tfjs';

/**
 * The optimizer knobs a batch-size phase writes: learning rate and momentum.
 * (Interim stand-in for `adaptOptimizer` from `@lrkit/tfjs`, same method names.)
 */
export interface OptimizerKnobs {
  readonly optimizerName: string;
  getLearningRate(): number;
  setLearningRate(value: number): void;
  readonly supportsMomentum: boolean;
  getMomentum(): number | undefined;
  setMomentum(value: number): void;
}

interface OptimizerFields {
  learningRate?: number;
  momentum?: number;
  beta1?: number;
  m?: tf.Scalar;
  setLearningRate?: (value: number) => void;
  getClassName?: () => string;
}

/** Reads and writes the learning rate and momentum of a tfjs optimizer without leaking tensors. */
export function optimizerKnobs(optimizer: tf.Optimizer): OptimizerKnobs {
  const fields = optimizer as unknown as OptimizerFields;
  const optimizerName = fields.getClassName?.() ?? optimizer.constructor.name;
  const momentumField = 'momentum' in fields && typeof fields.momentum === 'number' ? 'momentum' : 'beta1' in fields ? 'beta1' : undefined;
  return {
    optimizerName,
    getLearningRate: () => fields.learningRate ?? Number.NaN,
    setLearningRate(value: number) {
      if (fields.learningRate === value) return;
      if (typeof fields.setLearningRate === 'function') fields.setLearningRate.call(optimizer, value);
      else fields.learningRate = value;
    },
    supportsMomentum: momentumField !== undefined,
    getMomentum: () => (momentumField === undefined ? undefined : (fields[momentumField] as number)),
    setMomentum(value: number) {
      if (momentumField === undefined || fields[momentumField] === value) return;
      fields[momentumField] = value;
      // tfjs `momentum` keeps the coefficient in a cached scalar: replace it.
      if (fields.m instanceof tf.Tensor) {
        fields.m.dispose();
        fields.m = tf.keep(tf.scalar(value));
      }
    },
  };
}
