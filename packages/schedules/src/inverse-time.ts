import { defineSchedule, type Schedule } from './schedule.js';
import { booleanOption, finiteNumber, knownKeys, nonNegativeNumber, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link inverseTime}. */
export interface InverseTimeOptions {
  /** The value at step 0. */
  readonly initialValue: number;
  /** How fast the value falls (>= 0; 0 keeps it constant), per `decaySteps` steps. */
  readonly decayRate: number;
  /** Steps per unit of progress (> 0, may be fractional). Default 1. */
  readonly decaySteps?: number;
  /** Use whole periods of `decaySteps` (Keras `staircase`). Default false. */
  readonly staircase?: boolean;
}

/** The JSON config of an {@link inverseTime} schedule. */
export interface InverseTimeConfig {
  readonly type: 'inverse-time';
  readonly initialValue: number;
  readonly decayRate: number;
  readonly decaySteps: number;
  readonly staircase: boolean;
}

/** The option keys of {@link inverseTime}. */
const inverseTimeKeys = optionKeys<InverseTimeOptions>({ initialValue: true, decayRate: true, decaySteps: true, staircase: true });

/**
 * Inverse time decay, as Keras `InverseTimeDecay`.
 *
 * Formula, with `p = t / decaySteps` (floored when `staircase`):
 * `f(t) = initialValue / (1 + decayRate * p)`. With `staircase`, an integer `decaySteps`
 * puts every change exactly at a multiple of `decaySteps`.
 *
 * This also expresses Keras 2's time-based decay, the optimizer argument `decay=d`
 * (`lr / (1 + d * iterations)`, applied per batch):
 * `inverseTime({ initialValue: lr, decayRate: d, decaySteps: 1 })` evaluated per batch.
 *
 * @param options.initialValue - the value at step 0.
 * @param options.decayRate - the rate (a finite number >= 0).
 * @param options.decaySteps - steps per unit of progress (positive, default 1).
 * @param options.staircase - floor the progress to whole periods (default false).
 * @example
 * ```ts
 * // Keras 2: SGD(lr=0.01, decay=1e-4), per batch
 * const s = inverseTime({ initialValue: 0.01, decayRate: 1e-4 });
 * s(0);     // 0.01
 * s(10000); // 0.005
 * const t = inverseTime({ initialValue: 0.1, decayRate: 0.5, decaySteps: 10, staircase: true });
 * t(9);  // 0.1
 * t(10); // 0.0666… (0.1 / 1.5)
 * ```
 * @see https://keras.io/api/optimizers/learning_rate_schedules/inverse_time_decay/
 */
export function inverseTime(options: InverseTimeOptions): Schedule<InverseTimeConfig> {
  const name = 'inverseTime';
  const checked = knownKeys(name, options, inverseTimeKeys, { allowNull: false });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const decayRate = nonNegativeNumber(name, 'decayRate', required(name, 'decayRate', checked.decayRate));
  const decaySteps = positiveNumber(name, 'decaySteps', checked.decaySteps ?? 1);
  const staircase = booleanOption(name, 'staircase', checked.staircase ?? false);
  return defineSchedule({ type: 'inverse-time', initialValue, decayRate, decaySteps, staircase }, (t) => {
    const progress = staircase ? Math.floor(t / decaySteps) : t / decaySteps;
    return initialValue / (1 + decayRate * progress);
  });
}
