import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, nonNegativeNumber, positiveNumber, required } from './validation.js';

/** Options of {@link cosine}. */
export interface CosineOptions {
  /** The value at step 0. */
  readonly initialValue: number;
  /** Steps over which the value decays; held at the floor afterwards. */
  readonly decaySteps: number;
  /** The floor as a fraction of `initialValue` (Keras `alpha`, optax `alpha`). Default 0. */
  readonly alpha?: number;
  /** Exponent applied to the cosine factor (optax `exponent`). Default 1. */
  readonly exponent?: number;
}

/** The JSON config of a {@link cosine} schedule. */
export interface CosineConfig {
  readonly type: 'cosine';
  readonly initialValue: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly exponent: number;
}

/**
 * Cosine decay (Loshchilov & Hutter 2017, without restarts), as Keras `CosineDecay` and
 * optax `cosine_decay_schedule`.
 *
 * Formula, with `p = min(t, decaySteps) / decaySteps`:
 * `f(t) = initialValue * ((1 - alpha) * (0.5 * (1 + cos(pi * p))) ** exponent + alpha)`.
 * Past `decaySteps` the value holds at `alpha * initialValue` (it never rises again).
 *
 * @example
 * ```ts
 * const s = cosine({ initialValue: 0.1, decaySteps: 100 });
 * s(0);   // 0.1
 * s(50);  // 0.05
 * s(100); // 0
 * s(150); // 0
 * ```
 * @see https://arxiv.org/abs/1608.03983
 */
export function cosine(options: CosineOptions): Schedule<CosineConfig> {
  const name = 'cosine';
  const checked = knownKeys(name, options, ['initialValue', 'decaySteps', 'alpha', 'exponent'], { allowNull: false });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const decaySteps = positiveNumber(name, 'decaySteps', required(name, 'decaySteps', checked.decaySteps));
  const alpha = finiteNumber(name, 'alpha', checked.alpha ?? 0);
  const exponent = nonNegativeNumber(name, 'exponent', checked.exponent ?? 1);
  return defineSchedule({ type: name, initialValue, decaySteps, alpha, exponent }, (step) => {
    const progress = Math.min(step, decaySteps) / decaySteps;
    const cosineFactor = 0.5 * (1 + Math.cos(Math.PI * progress));
    return initialValue * ((1 - alpha) * cosineFactor ** exponent + alpha);
  });
}
