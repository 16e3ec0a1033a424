import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, nonNegativeNumber, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link cosine}. */
export interface CosineOptions {
  /** The value at step 0. */
  readonly initialValue: number;
  /** Steps over which the value decays; held at the floor afterwards. */
  readonly decaySteps: number;
  /**
   * The value reached at `decaySteps` and held afterwards, absolute (Keras and optax take it as the
   * fraction `alpha = finalValue / initialValue`). Default 0.
   */
  readonly finalValue?: number;
  /** Exponent applied to the cosine factor (optax `exponent`). Default 1. */
  readonly exponent?: number;
}

/** The JSON config of a {@link cosine} schedule. */
export interface CosineConfig {
  readonly type: 'cosine';
  readonly initialValue: number;
  readonly decaySteps: number;
  readonly finalValue: number;
  readonly exponent: number;
}

/** The option keys of {@link cosine}. */
const cosineKeys = optionKeys<CosineOptions>({ initialValue: true, decaySteps: true, finalValue: true, exponent: true });

/**
 * Cosine decay (Loshchilov & Hutter 2017, without restarts), as Keras `CosineDecay` and
 * optax `cosine_decay_schedule`.
 *
 * Formula, with `p = min(t, decaySteps) / decaySteps`:
 * `f(t) = finalValue + (initialValue - finalValue) * (0.5 * (1 + cos(pi * p))) ** exponent`.
 * Past `decaySteps` the value holds at `finalValue` (it never rises again). Keras `CosineDecay`
 * and optax `cosine_decay_schedule` give the floor as a fraction, `alpha = finalValue / initialValue`.
 *
 * @example
 * ```ts
 * const s = cosine({ initialValue: 0.1, decaySteps: 100 });
 * s(0);   // 0.1
 * s(50);  // 0.05
 * s(100); // 0
 * s(150); // 0
 * cosine({ initialValue: 0.1, decaySteps: 100, finalValue: 0.01 })(100); // 0.01
 * ```
 * @see https://arxiv.org/abs/1608.03983
 */
export function cosine(options: CosineOptions): Schedule<CosineConfig> {
  const name = 'cosine';
  const checked = knownKeys(name, options, cosineKeys, { allowNull: false, renamed: { alpha: 'finalValue' } });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const decaySteps = positiveNumber(name, 'decaySteps', required(name, 'decaySteps', checked.decaySteps));
  const finalValue = finiteNumber(name, 'finalValue', checked.finalValue ?? 0);
  const exponent = nonNegativeNumber(name, 'exponent', checked.exponent ?? 1);
  return defineSchedule({ type: name, initialValue, decaySteps, finalValue, exponent }, (step) => {
    const progress = Math.min(step, decaySteps) / decaySteps;
    const cosineFactor = 0.5 * (1 + Math.cos(Math.PI * progress));
    return finalValue + (initialValue - finalValue) * cosineFactor ** exponent;
  });
}
