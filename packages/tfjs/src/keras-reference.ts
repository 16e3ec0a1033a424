/**
 * Keras 3's optimizer updates (`keras/src/optimizers/*.py`, `update_step`), ported line by
 * line to float64 for the tests (not exported from the package). Each reference keeps its
 * slots for a vector of weights and applies one update per call, in place.
 */

/** The hyper-parameters of one Keras optimizer, with Keras' names spelled in full words. */
export type KerasOptimizerConfig =
  | { readonly kind: 'sgd'; readonly learningRate: number; readonly momentum?: number; readonly nesterov?: boolean }
  | {
      readonly kind: 'rmsprop';
      readonly learningRate: number;
      readonly rho: number;
      readonly momentum: number;
      readonly epsilon: number;
      readonly centered: boolean;
    }
  | { readonly kind: 'adam' | 'adamax'; readonly learningRate: number; readonly beta1: number; readonly beta2: number; readonly epsilon: number }
  | { readonly kind: 'adagrad'; readonly learningRate: number; readonly initialAccumulatorValue: number; readonly epsilon: number }
  | { readonly kind: 'adadelta'; readonly learningRate: number; readonly rho: number; readonly epsilon: number };

/** A Keras optimizer in float64: `update(weights, gradient)` changes `weights` in place. */
export interface KerasReference {
  /** Applies one `update_step` to every weight; `learningRate` overrides the configured one for this step. */
  update(weights: number[], gradient: readonly number[], learningRate?: number): void;
}

/**
 * Builds the float64 reference of one Keras 3 optimizer for `size` weights.
 *
 * @example
 * ```ts
 * const keras = kerasReference({ kind: 'sgd', learningRate: 0.1 }, 1);
 * const weights = [0];
 * keras.update(weights, [1]); // weights = [-0.1]
 * ```
 */
export function kerasReference(config: KerasOptimizerConfig, size: number): KerasReference {
  const slot = (value = 0): number[] => new Array<number>(size).fill(value);
  const first = slot();
  const second = slot(config.kind === 'adagrad' ? config.initialAccumulatorValue : 0);
  const third = slot();
  let iterations = 0;
  return {
    update(weights, gradient, learningRate = config.learningRate) {
      iterations += 1;
      gradient.forEach((g, i) => {
        const w = weights[i] as number;
        switch (config.kind) {
          case 'sgd': {
            const momentum = config.momentum ?? 0;
            if (momentum === 0) {
              weights[i] = w - learningRate * g;
              break;
            }
            first[i] = momentum * (first[i] as number) - learningRate * g;
            weights[i] = config.nesterov === true ? w + momentum * (first[i] as number) - learningRate * g : w + (first[i] as number);
            break;
          }
          case 'rmsprop': {
            const { rho, epsilon } = config;
            second[i] = rho * (second[i] as number) + (1 - rho) * g * g;
            let denominator = (second[i] as number) + epsilon;
            if (config.centered) {
              third[i] = rho * (third[i] as number) + (1 - rho) * g;
              denominator = (second[i] as number) - (third[i] as number) ** 2 + epsilon;
            }
            const increment = (learningRate * g) / Math.sqrt(denominator);
            if (config.momentum > 0) {
              first[i] = config.momentum * (first[i] as number) + increment;
              weights[i] = w - (first[i] as number);
            } else {
              weights[i] = w - increment;
            }
            break;
          }
          case 'adam': {
            const { beta1, beta2, epsilon } = config;
            const alpha = (learningRate * Math.sqrt(1 - beta2 ** iterations)) / (1 - beta1 ** iterations);
            first[i] = (first[i] as number) + (g - (first[i] as number)) * (1 - beta1);
            second[i] = (second[i] as number) + (g * g - (second[i] as number)) * (1 - beta2);
            weights[i] = w - ((first[i] as number) * alpha) / (Math.sqrt(second[i] as number) + epsilon);
            break;
          }
          case 'adamax': {
            const { beta1, beta2, epsilon } = config;
            first[i] = (first[i] as number) + (g - (first[i] as number)) * (1 - beta1);
            second[i] = Math.max(beta2 * (second[i] as number), Math.abs(g));
            weights[i] = w - (learningRate * (first[i] as number)) / ((1 - beta1 ** iterations) * ((second[i] as number) + epsilon));
            break;
          }
          case 'adagrad': {
            second[i] = (second[i] as number) + g * g;
            weights[i] = w - (learningRate * g) / Math.sqrt((second[i] as number) + config.epsilon);
            break;
          }
          case 'adadelta': {
            const { rho, epsilon } = config;
            const rms = (x: number): number => Math.sqrt(x + epsilon);
            second[i] = rho * (second[i] as number) + (1 - rho) * g * g;
            const delta = -(rms(first[i] as number) * g) / rms(second[i] as number);
            first[i] = rho * (first[i] as number) + (1 - rho) * delta * delta;
            weights[i] = w + learningRate * delta;
            break;
          }
        }
      });
    },
  };
}
