import { defineSchedule, type Schedule } from './schedule.js';
import { booleanOption, finiteNumber, knownKeys, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link polynomial}. */
export interface PolynomialOptions {
  /** The value at step 0. */
  readonly initialValue: number;
  /** The value reached at `decaySteps` (Keras `end_learning_rate`). Default 0. */
  readonly finalValue?: number;
  /** Steps over which the value decays (> 0, may be fractional). */
  readonly decaySteps: number;
  /** Exponent of the polynomial (> 0); 1 is a straight line. Default 1. */
  readonly power?: number;
  /** Restart the decay with a longer horizon after each `decaySteps` (Keras `cycle`). Default false. */
  readonly cycle?: boolean;
}

/** The JSON config of a {@link polynomial} schedule. */
export interface PolynomialConfig {
  readonly type: 'polynomial';
  readonly initialValue: number;
  readonly finalValue: number;
  readonly decaySteps: number;
  readonly power: number;
  readonly cycle: boolean;
}

/** The option keys of {@link polynomial}. */
const polynomialKeys = optionKeys<PolynomialOptions>({ initialValue: true, finalValue: true, decaySteps: true, power: true, cycle: true });

/**
 * Polynomial decay from `initialValue` to `finalValue`, as Keras `PolynomialDecay`
 * (and optax `polynomial_schedule`, PyTorch `PolynomialLR` with an end value).
 *
 * Formula: `f(t) = (initialValue - finalValue) * (1 - t / horizon) ** power + finalValue`.
 * - Without `cycle`: `horizon = decaySteps` and `t` is capped at `decaySteps`, so from
 *   `decaySteps` on the value holds at `finalValue`.
 * - With `cycle` (Keras semantics): `horizon = decaySteps * ceil(t / decaySteps)` (and
 *   `decaySteps` at `t = 0`). The value reaches `finalValue` at every multiple of
 *   `decaySteps`, then jumps up and decays again over a horizon one `decaySteps` longer;
 *   it never holds and is not monotone.
 *
 * @param options.initialValue - the value at step 0.
 * @param options.finalValue - the value at `decaySteps` (default 0).
 * @param options.decaySteps - decay length in steps (a positive finite number).
 * @param options.power - the polynomial's exponent (a positive finite number, default 1).
 * @param options.cycle - Keras `cycle` (default false).
 * @example
 * ```ts
 * const s = polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10, power: 2 });
 * s(0);  // 0.1
 * s(5);  // 0.0325  (0.09 * 0.5 ** 2 + 0.01)
 * s(10); // 0.01, held afterwards
 * const c = polynomial({ initialValue: 0.1, finalValue: 0.01, decaySteps: 10, power: 0.5, cycle: true });
 * c(15); // 0.055   (horizon 20: 0.09 * 0.25 ** 0.5 + 0.01)
 * ```
 * @see https://keras.io/api/optimizers/learning_rate_schedules/polynomial_decay/
 */
export function polynomial(options: PolynomialOptions): Schedule<PolynomialConfig> {
  const name = 'polynomial';
  const checked = knownKeys(name, options, polynomialKeys, { allowNull: false });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const finalValue = finiteNumber(name, 'finalValue', checked.finalValue ?? 0);
  const decaySteps = positiveNumber(name, 'decaySteps', required(name, 'decaySteps', checked.decaySteps));
  const power = positiveNumber(name, 'power', checked.power ?? 1);
  const cycle = booleanOption(name, 'cycle', checked.cycle ?? false);
  return defineSchedule({ type: name, initialValue, finalValue, decaySteps, power, cycle }, (step) => {
    // With cycle, p = (t / decaySteps) / max(ceil(t / decaySteps), 1): Keras's
    // t / (decaySteps * ceil(t / decaySteps)) written so that rounding never pushes p above 1
    // (nor gives 0 / 0 when t / decaySteps underflows to 0).
    const periods = step / decaySteps;
    const progress = cycle ? periods / Math.max(Math.ceil(periods), 1) : Math.min(periods, 1);
    return (initialValue - finalValue) * (1 - progress) ** power + finalValue;
  });
}
