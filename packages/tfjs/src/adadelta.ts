import { nonNegativeNumber, numberBetween } from '@lrkit/schedules/validation';
import * as tf from '@tensorflow/tfjs';

/** tfjs's slot arrays of its Adadelta optimizer (private in tfjs's types, same names here). */
interface AdadeltaSlots {
  accumulatedGrads: { originalName: string; variable: tf.Variable }[];
  accumulatedUpdates: { originalName: string; variable: tf.Variable }[];
  learningRate: number;
  rho: number;
  epsilon: number;
}

/**
 * Adadelta as Zeiler (2012) and Keras 3 compute it: a drop-in for tfjs's
 * `tf.AdadeltaOptimizer` whose update divides by the accumulator **after** this step's
 * gradient has been added to it. For each variable `x` with gradient `g`:
 *
 * ```
 * E[g²]  ← ρ·E[g²] + (1 − ρ)·g²
 * Δx     = −√(E[Δx²] + ε) / √(E[g²] + ε) · g        (E[Δx²] from before this step)
 * E[Δx²] ← ρ·E[Δx²] + (1 − ρ)·Δx²
 * x      ← x + learningRate·Δx
 * ```
 *
 * tfjs 4.22's own Adadelta divides by `√(E[g²] + ε)` from *before* the update, so with
 * zeroed accumulators its first step is `Δx = −g`: a plain SGD step at the full learning
 * rate (1.0 in Zeiler's and Keras' recipe), which can wreck a ReLU network on the first batch.
 *
 * Everything else is tfjs's: it extends `tf.AdadeltaOptimizer` (so `instanceof`,
 * `getClassName()` → `'Adadelta'`, `getWeights`/`setWeights` with the slot names
 * `…/accum_grad` and `…/accum_var`, `getConfig`, `dispose` and the `learningRate` field that
 * `adaptOptimizer` and every lrkit callback write all work unchanged). A model saved with its
 * optimizer reloads as tfjs's own Adadelta (the class name is the same); build the optimizer
 * again with {@link adadelta} after loading.
 *
 * @example
 * ```ts
 * import { AdadeltaOptimizer } from '@lrkit/tfjs';
 * const optimizer = new AdadeltaOptimizer(1.0, 0.95, 1e-8);
 * ```
 */
export class AdadeltaOptimizer extends tf.AdadeltaOptimizer {
  /**
   * @param learningRate - the factor applied to every update (Keras' recipe: 1.0), ≥ 0.
   * @param rho - the decay of both running averages, in [0, 1].
   * @param epsilon - added under both square roots, ≥ 0; default the backend's epsilon (as tfjs).
   */
  constructor(learningRate: number, rho: number, epsilon?: number) {
    const owner = 'AdadeltaOptimizer';
    nonNegativeNumber(owner, 'learningRate', learningRate);
    numberBetween(owner, 'rho', rho, 0, 1);
    if (epsilon !== undefined && epsilon !== null) nonNegativeNumber(owner, 'epsilon', epsilon);
    super(learningRate, rho, epsilon ?? undefined);
  }

  /**
   * Applies one Adadelta update per variable (Keras 3 / Zeiler order, see the class).
   *
   * @param variableGradients - the gradients by variable name, as `tf.Optimizer` passes them.
   * @example
   * ```ts
   * optimizer.applyGradients({ [weights.name]: gradient });
   * ```
   */
  override applyGradients(variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const slots = this as unknown as AdadeltaSlots;
    const names = Array.isArray(variableGradients) ? variableGradients.map((item) => item.name) : Object.keys(variableGradients);
    const registered = tf.engine().registeredVariables;
    names.forEach((name, index) => {
      const value = registered[name];
      if (value === undefined) return;
      slots.accumulatedGrads[index] ??= {
        originalName: `${name}/accum_grad`,
        variable: tf.tidy(() => tf.variable(tf.zerosLike(value), false)),
      };
      slots.accumulatedUpdates[index] ??= {
        originalName: `${name}/accum_var`,
        variable: tf.tidy(() => tf.variable(tf.zerosLike(value), false)),
      };
      const gradient = Array.isArray(variableGradients) ? variableGradients[index]?.tensor : variableGradients[name];
      if (gradient === undefined || gradient === null) return;
      const accumulatedGrad = slots.accumulatedGrads[index].variable;
      const accumulatedUpdate = slots.accumulatedUpdates[index].variable;
      const { rho, epsilon, learningRate } = slots;
      tf.tidy(() => {
        const newAccumulatedGrad = tf.add(tf.mul(accumulatedGrad, rho), tf.mul(tf.square(gradient), 1 - rho));
        const update = tf.mul(tf.div(tf.sqrt(tf.add(accumulatedUpdate, epsilon)), tf.sqrt(tf.add(newAccumulatedGrad, epsilon))), gradient);
        const newAccumulatedUpdate = tf.add(tf.mul(accumulatedUpdate, rho), tf.mul(tf.square(update), 1 - rho));
        accumulatedGrad.assign(newAccumulatedGrad);
        accumulatedUpdate.assign(newAccumulatedUpdate);
        value.assign(tf.sub(value, tf.mul(update, learningRate)));
      });
    });
    this.incrementIterations();
  }
}

/**
 * Builds the corrected {@link AdadeltaOptimizer}: the same arguments and defaults as
 * `tf.train.adadelta(learningRate = 0.001, rho = 0.95, epsilon = backend epsilon)`, the
 * update of Keras 3's `keras.optimizers.Adadelta`. Pass `learningRate: 1.0` for Zeiler's
 * (and the classic Keras) recipe.
 *
 * @param learningRate - ≥ 0; default 0.001 (tfjs's and Keras 3's default).
 * @param rho - in [0, 1]; default 0.95.
 * @param epsilon - ≥ 0; default the backend's epsilon (1e-7 on the cpu and wasm backends).
 * @returns a new optimizer.
 * @throws RangeError/TypeError naming the argument when it is out of range.
 * @example
 * ```ts
 * import { adadelta } from '@lrkit/tfjs';
 * model.compile({ optimizer: adadelta(1.0, 0.95, 1e-8), loss: 'categoricalCrossentropy' });
 * ```
 */
export function adadelta(learningRate = 0.001, rho = 0.95, epsilon?: number): AdadeltaOptimizer {
  return new AdadeltaOptimizer(learningRate, rho, epsilon);
}
