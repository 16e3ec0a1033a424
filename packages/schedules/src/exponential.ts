import { defineSchedule, type Schedule } from './schedule.js';
import { booleanOption, finiteNumber, knownKeys, nonNegativeNumber, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link exponential}. */
export interface ExponentialOptions {
  /** The value up to `transitionBegin`. */
  readonly initialValue: number;
  /** Multiplier per `decaySteps` steps (a positive number; < 1 decays, > 1 grows). */
  readonly decayRate: number;
  /** Steps over which the value is multiplied by `decayRate` (> 0, may be fractional). Default 1. */
  readonly decaySteps?: number;
  /** Apply the rate in whole periods of `decaySteps` (Keras/optax `staircase`). Default false. */
  readonly staircase?: boolean;
  /** Steps before the decay starts; the value is `initialValue` until then (optax). Default 0. */
  readonly transitionBegin?: number;
  /** Clamp: a floor when `decayRate < 1`, a ceiling otherwise (optax `end_value`). Default none. */
  readonly finalValue?: number;
}

/** The JSON config of an {@link exponential} schedule (`finalValue` present only when given). */
export interface ExponentialConfig {
  readonly type: 'exponential';
  readonly initialValue: number;
  readonly decayRate: number;
  readonly decaySteps: number;
  readonly staircase: boolean;
  readonly transitionBegin: number;
  readonly finalValue?: number;
}

/** The option keys of {@link exponential}. */
const exponentialKeys = optionKeys<ExponentialOptions>({
  initialValue: true,
  decayRate: true,
  decaySteps: true,
  staircase: true,
  transitionBegin: true,
  finalValue: true,
});

/**
 * Exponential decay, as optax `exponential_decay` (a superset of Keras `ExponentialDecay`
 * and PyTorch `ExponentialLR`).
 *
 * Formula, with `p = max(t - transitionBegin, 0) / decaySteps` (floored when `staircase`):
 * `f(t) = initialValue * decayRate ** p`, then clamped at `finalValue` when given:
 * `max(f, finalValue)` when `decayRate < 1`, `min(f, finalValue)` when `decayRate >= 1`.
 * The clamp applies at every step, including before `transitionBegin` (as optax).
 * With `staircase`, integer `decaySteps` and `transitionBegin` put every drop exactly at
 * `transitionBegin + k * decaySteps`; fractional ones are allowed but a drop can then land
 * one rounding error early or late.
 *
 * Equivalents: Keras `ExponentialDecay(lr, decay_steps, decay_rate, staircase)` =
 * `exponential({ initialValue: lr, decayRate: decay_rate, decaySteps: decay_steps, staircase })`;
 * PyTorch `ExponentialLR(gamma)` stepped per step = `exponential({ initialValue: lr, decayRate: gamma })`.
 *
 * @param options.initialValue - the value at step 0.
 * @param options.decayRate - multiplier per `decaySteps` (a positive finite number).
 * @param options.decaySteps - period of `decayRate`, in steps (positive, default 1).
 * @param options.staircase - decay in whole periods (default false).
 * @param options.transitionBegin - steps before the decay starts (>= 0, default 0).
 * @param options.finalValue - optional clamp (floor when decaying, ceiling when growing).
 * @example
 * ```ts
 * const s = exponential({ initialValue: 1, decayRate: 0.5, decaySteps: 10, finalValue: 0.2 });
 * s(0);   // 1
 * s(10);  // 0.5
 * s(15);  // 0.35355… (0.5 ** 1.5)
 * s(30);  // 0.2 (0.125 clamped at the floor)
 * ```
 * @see https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html#optax.schedules.exponential_decay
 */
export function exponential(options: ExponentialOptions): Schedule<ExponentialConfig> {
  const name = 'exponential';
  const checked = knownKeys(name, options, exponentialKeys, { allowNull: false, renamed: { endValue: 'finalValue' } });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const decayRate = positiveNumber(name, 'decayRate', required(name, 'decayRate', checked.decayRate));
  const decaySteps = positiveNumber(name, 'decaySteps', checked.decaySteps ?? 1);
  const staircase = booleanOption(name, 'staircase', checked.staircase ?? false);
  const transitionBegin = nonNegativeNumber(name, 'transitionBegin', checked.transitionBegin ?? 0);
  const finalValue = checked.finalValue === undefined ? undefined : finiteNumber(name, 'finalValue', checked.finalValue);
  const config: ExponentialConfig = {
    type: name,
    initialValue,
    decayRate,
    decaySteps,
    staircase,
    transitionBegin,
    ...(finalValue === undefined ? {} : { finalValue }),
  };
  const clamp =
    finalValue === undefined
      ? (value: number) => value
      : decayRate < 1
        ? (value: number) => Math.max(value, finalValue)
        : (value: number) => Math.min(value, finalValue);
  return defineSchedule(config, (t) => {
    const elapsed = t - transitionBegin;
    if (elapsed <= 0) return clamp(initialValue);
    const progress = staircase ? Math.floor(elapsed / decaySteps) : elapsed / decaySteps;
    return clamp(initialValue * decayRate ** progress);
  });
}
