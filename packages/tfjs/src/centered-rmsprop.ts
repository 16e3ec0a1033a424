import { booleanOption, nonNegativeNumber, numberBetween } from '@lrkit/schedules/validation';
import * as tf from '@tensorflow/tfjs';

/** tfjs's RMSProp slots and fields (private or protected in tfjs's types, same names here). */
interface RmspropSlots {
  accumulatedMeanSquares: { originalName: string; variable: tf.Variable }[];
  accumulatedMoments: { originalName: string; variable: tf.Variable }[];
  accumulatedMeanGrads: { originalName: string; variable: tf.Variable }[];
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
}

/**
 * RMSprop with the centered variant as Keras 3 computes it: a drop-in for tfjs's
 * `tf.RMSPropOptimizer`. tfjs 4.22's centered update takes `√(E[g²] − E[g]² − ε)`, subtracting
 * epsilon under the root, so a gradient whose variance estimate falls below ε (a nearly
 * constant gradient, or a tiny one) turns the weights into NaN. Here, as in Keras:
 *
 * ```
 * E[g²] ← ρ·E[g²] + (1 − ρ)·g²;   E[g] ← ρ·E[g] + (1 − ρ)·g
 * m     ← μ·m + learningRate·g / √(E[g²] − E[g]² + ε)
 * x     ← x − m
 * ```
 *
 * The plain (uncentered) update is tfjs's own, which already matches Keras. It extends
 * `tf.RMSPropOptimizer` (class name `'RMSProp'`, same slot names), so `adaptOptimizer` and
 * every lrkit callback work unchanged.
 *
 * @example
 * ```ts
 * import { RMSPropOptimizer } from '@lrkit/tfjs';
 * const optimizer = new RMSPropOptimizer(0.001, 0.9, 0, 1e-7, true);
 * ```
 */
export class RMSPropOptimizer extends tf.RMSPropOptimizer {
  /**
   * @param learningRate - ≥ 0.
   * @param decay - ρ, the decay of the running averages, in [0, 1]; default 0.9.
   * @param momentum - μ, ≥ 0; default 0.
   * @param epsilon - ≥ 0; default the backend's epsilon (as tfjs).
   * @param centered - divide by the gradient's variance estimate instead of its second moment; default false.
   */
  constructor(learningRate: number, decay = 0.9, momentum = 0, epsilon?: number, centered = false) {
    const owner = 'RMSPropOptimizer';
    nonNegativeNumber(owner, 'learningRate', learningRate);
    numberBetween(owner, 'decay', decay, 0, 1);
    nonNegativeNumber(owner, 'momentum', momentum);
    if (epsilon !== undefined && epsilon !== null) nonNegativeNumber(owner, 'epsilon', epsilon);
    booleanOption(owner, 'centered', centered);
    super(learningRate, decay, momentum, epsilon ?? undefined, centered);
  }

  /**
   * Applies one RMSprop update per variable (the centered variant with `+ ε`, see the class).
   *
   * @param variableGradients - the gradients by variable name, as `tf.Optimizer` passes them.
   * @example
   * ```ts
   * optimizer.applyGradients({ [weights.name]: gradient });
   * ```
   */
  override applyGradients(variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const slots = this as unknown as RmspropSlots;
    if (!slots.centered) {
      super.applyGradients(variableGradients);
      return;
    }
    const names = Array.isArray(variableGradients) ? variableGradients.map((item) => item.name) : Object.keys(variableGradients);
    const registered = tf.engine().registeredVariables;
    const slot = (list: RmspropSlots['accumulatedMoments'], index: number, name: string, suffix: string): tf.Variable => {
      const value = registered[name] as tf.Variable;
      list[index] ??= { originalName: `${name}/${suffix}`, variable: tf.tidy(() => tf.variable(tf.zerosLike(value), false)) };
      return list[index].variable;
    };
    names.forEach((name, index) => {
      const value = registered[name];
      if (value === undefined) return;
      const meanSquare = slot(slots.accumulatedMeanSquares, index, name, 'rms');
      const moment = slot(slots.accumulatedMoments, index, name, 'momentum');
      const meanGrad = slot(slots.accumulatedMeanGrads, index, name, 'mg');
      const gradient = Array.isArray(variableGradients) ? variableGradients[index]?.tensor : variableGradients[name];
      if (gradient === undefined || gradient === null) return;
      const { decay, momentum, epsilon, learningRate } = slots;
      tf.tidy(() => {
        const newMeanSquare = tf.add(tf.mul(meanSquare, decay), tf.mul(tf.square(gradient), 1 - decay));
        const newMeanGrad = tf.add(tf.mul(meanGrad, decay), tf.mul(gradient, 1 - decay));
        const denominator = tf.sqrt(tf.add(tf.sub(newMeanSquare, tf.square(newMeanGrad)), epsilon));
        const newMoment = tf.add(tf.mul(moment, momentum), tf.div(tf.mul(gradient, learningRate), denominator));
        meanSquare.assign(newMeanSquare);
        meanGrad.assign(newMeanGrad);
        moment.assign(newMoment);
        value.assign(tf.sub(value, newMoment));
      });
    });
    this.incrementIterations();
  }
}

/**
 * Builds {@link RMSPropOptimizer}: the arguments and defaults of
 * `tf.train.rmsprop(learningRate, decay = 0.9, momentum = 0, epsilon, centered = false)`,
 * with Keras 3's centered update (`+ ε` under the root; tfjs 4.22 subtracts it).
 *
 * @param learningRate - ≥ 0.
 * @param decay - in [0, 1]; default 0.9.
 * @param momentum - ≥ 0; default 0.
 * @param epsilon - ≥ 0; default the backend's epsilon.
 * @param centered - default false.
 * @returns a new optimizer.
 * @throws RangeError/TypeError naming the argument when it is out of range.
 * @example
 * ```ts
 * import { rmsprop } from '@lrkit/tfjs';
 * model.compile({ optimizer: rmsprop(0.001, 0.9, 0, 1e-7, true), loss: 'meanSquaredError' });
 * ```
 */
export function rmsprop(learningRate: number, decay = 0.9, momentum = 0, epsilon?: number, centered = false): RMSPropOptimizer {
  return new RMSPropOptimizer(learningRate, decay, momentum, epsilon, centered);
}
