import { describeValue, nonNegativeNumber } from '@lrkit/schedules/validation';
import * as tf from '@tensorflow/tfjs';

/** The tfjs optimizers lrkit knows, by their tfjs class name. */
export type OptimizerName = 'SGD' | 'Momentum' | 'Adam' | 'Adamax' | 'RMSProp' | 'Adagrad' | 'Adadelta';

/** The momentum-like knob an optimizer has, or `undefined` when it has none. */
export type MomentumKnob = 'momentum' | 'beta1' | undefined;

/**
 * Reads and writes the learning rate and the momentum-like knob of one tfjs optimizer so
 * that a change takes effect at the next update. Writing the value already in force is a
 * no-op (no tensor is created).
 */
export interface OptimizerAdapter {
  /** The optimizer's tfjs class name (`'SGD'`, `'Momentum'`, `'Adam'`, …). */
  readonly optimizerName: OptimizerName;
  /** The adapted optimizer. */
  readonly optimizer: tf.Optimizer;
  /** Whether the optimizer has a momentum-like knob (`momentum`, or `beta1` for Adam/Adamax). */
  readonly supportsMomentum: boolean;
  /** Which field is the momentum-like knob: `'momentum'` (Momentum, RMSProp), `'beta1'` (Adam, Adamax), or undefined. */
  readonly momentumKnob: MomentumKnob;
  /** The learning rate the next update will use. */
  getLearningRate(): number;
  /** Sets the learning rate used from the next update on; returns whether the value changed. */
  setLearningRate(value: number): boolean;
  /** The momentum (or Adam's `beta1`) the next update will use; throws when there is none. */
  getMomentum(): number;
  /** Sets the momentum (or Adam's `beta1`) from the next update on; throws when there is none. */
  setMomentum(value: number): boolean;
  /** The number of updates the optimizer has applied (`optimizer.iterations`). */
  getIterations(): number;
}

/** The fields of the tfjs optimizers that lrkit reads and writes (protected in tfjs's types). */
interface OptimizerInternals {
  learningRate: number;
  momentum?: number;
  beta1?: number;
  /** Momentum: the cached momentum scalar the update multiplies by. */
  m?: tf.Scalar;
  /** SGD and Momentum: the cached `-learningRate` scalar. */
  c?: tf.Scalar;
  setLearningRate?: (value: number) => void;
  readonly iterations: number;
  getClassName?: () => string;
}

const knobs: Record<OptimizerName, MomentumKnob> = {
  SGD: undefined,
  Momentum: 'momentum',
  Adam: 'beta1',
  Adamax: 'beta1',
  RMSProp: 'momentum',
  Adagrad: undefined,
  Adadelta: undefined,
};

const adapters = new WeakMap<object, OptimizerAdapter>();

function optimizerNameOf(optimizer: unknown): OptimizerName {
  const owner = 'adaptOptimizer';
  const known = Object.keys(knobs).join(', ');
  if (optimizer === null || typeof optimizer !== 'object') {
    throw new TypeError(`${owner}: \`optimizer\` must be a tfjs optimizer (${known}); received ${describeValue(optimizer)}`);
  }
  const internals = optimizer as Partial<OptimizerInternals>;
  let name: string | undefined;
  try {
    name = typeof internals.getClassName === 'function' ? internals.getClassName() : undefined;
  } catch {
    name = undefined;
  }
  if (name === undefined || !(name in knobs) || typeof internals.learningRate !== 'number') {
    throw new TypeError(
      `${owner}: \`optimizer\` must be one of tfjs's optimizers (${known}); received ${
        name === undefined ? describeValue(optimizer) : `an optimizer of class ${JSON.stringify(name)}`
      }`,
    );
  }
  return name as OptimizerName;
}

/**
 * Returns the adapter of a tfjs optimizer (one adapter per optimizer object, cached), which
 * sets its learning rate and its momentum-like knob so that the change takes effect at the
 * next update:
 *
 * | optimizer | learning rate | momentum knob |
 * | --- | --- | --- |
 * | `sgd` | `setLearningRate` (rebuilds the cached `-lr` scalar) | none |
 * | `momentum` (incl. Nesterov) | `setLearningRate` | `momentum`, rebuilding the cached scalar `m` (tfjs's own `setMomentum` only writes a field the update never reads) |
 * | `adam`, `adamax` | `learningRate` field | `beta1` field (bias correction keeps using the running product of the betas actually used) |
 * | `rmsprop` | `learningRate` field | `momentum` field |
 * | `adagrad`, `adadelta` | `learningRate` field | none: `setMomentum` throws |
 *
 * Replaced scalars are disposed, so changing values every batch leaks nothing.
 *
 * @param optimizer - a tfjs optimizer (`tf.train.sgd(…)`, `model.optimizer`, …).
 * @throws TypeError naming `optimizer` when it is not one of the seven tfjs optimizers.
 * @example
 * ```ts
 * const adapter = adaptOptimizer(tf.train.adam(0.001));
 * adapter.setLearningRate(0.0005);
 * adapter.setMomentum(0.85); // Adam's beta1
 * ```
 */
export function adaptOptimizer(optimizer: tf.Optimizer): OptimizerAdapter {
  const cached = adapters.get(optimizer);
  if (cached !== undefined) return cached;
  const optimizerName = optimizerNameOf(optimizer);
  const internals = optimizer as unknown as OptimizerInternals;
  const momentumKnob = knobs[optimizerName];
  const usesCachedLearningRate = optimizerName === 'SGD' || optimizerName === 'Momentum';
  const owner = `adaptOptimizer(${optimizerName})`;

  const noMomentum = (): never => {
    throw new TypeError(
      `${owner}: the ${optimizerName} optimizer has no momentum-like knob; ` + 'momentum can be set on Momentum, RMSProp (momentum) and Adam/Adamax (beta1)',
    );
  };

  const adapter: OptimizerAdapter = {
    optimizerName,
    optimizer,
    supportsMomentum: momentumKnob !== undefined,
    momentumKnob,
    getLearningRate: () => internals.learningRate,
    setLearningRate(value) {
      nonNegativeNumber(owner, 'learningRate', value);
      if (value === internals.learningRate) return false;
      if (usesCachedLearningRate && typeof internals.setLearningRate === 'function') {
        // Disposes the old cached scalar and keeps the new one.
        internals.setLearningRate(value);
      } else {
        internals.learningRate = value;
      }
      return true;
    },
    getMomentum() {
      if (momentumKnob === undefined) return noMomentum();
      return internals[momentumKnob] ?? 0;
    },
    setMomentum(value) {
      if (momentumKnob === undefined) return noMomentum();
      if (momentumKnob === 'beta1') {
        if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
          throw new RangeError(`${owner}: \`beta1\` must be a number in [0, 1); received ${describeValue(value)}`);
        }
      } else {
        nonNegativeNumber(owner, 'momentum', value);
      }
      if (internals[momentumKnob] === value) return false;
      internals[momentumKnob] = value;
      if (optimizerName === 'Momentum') {
        const previous = internals.m;
        internals.m = tf.keep(tf.scalar(value));
        previous?.dispose();
      }
      return true;
    },
    getIterations: () => internals.iterations,
  };
  adapters.set(optimizer, adapter);
  return adapter;
}
