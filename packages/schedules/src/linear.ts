import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link linear}. */
export interface LinearOptions {
  /** The value at step 0. */
  readonly initialValue: number;
  /** The value reached at step `totalSteps` and held afterwards. */
  readonly finalValue: number;
  /** Steps over which the value moves from `initialValue` to `finalValue` (> 0, may be fractional). */
  readonly totalSteps: number;
}

/** The JSON config of a {@link linear} schedule. */
export interface LinearConfig {
  readonly type: 'linear';
  readonly initialValue: number;
  readonly finalValue: number;
  readonly totalSteps: number;
}

/** The option keys of {@link linear}. */
const linearKeys = optionKeys<LinearOptions>({ initialValue: true, finalValue: true, totalSteps: true });

/**
 * A straight line from `initialValue` to `finalValue` over `totalSteps`, then held, as optax
 * `linear_schedule` and PyTorch `LinearLR` (which scales a base value by factors instead).
 *
 * Formula: `f(t) = initialValue + (finalValue - initialValue) * t / totalSteps` for `t < totalSteps`,
 * and exactly `finalValue` for `t >= totalSteps`. The line may rise (warm-up) or fall (decay).
 *
 * @param options.initialValue - the value at step 0.
 * @param options.finalValue - the value from step `totalSteps` on.
 * @param options.totalSteps - length of the ramp in steps (a positive finite number).
 * @example
 * ```ts
 * const s = linear({ initialValue: 0.1, finalValue: 0.01, totalSteps: 90 });
 * s(0);   // 0.1
 * s(45);  // 0.055
 * s(90);  // 0.01
 * s(500); // 0.01
 * ```
 * @see https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html#optax.schedules.linear_schedule
 */
export function linear(options: LinearOptions): Schedule<LinearConfig> {
  const name = 'linear';
  const checked = knownKeys(name, options, linearKeys, { allowNull: false, renamed: { steps: 'totalSteps' } });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const finalValue = finiteNumber(name, 'finalValue', required(name, 'finalValue', checked.finalValue));
  const totalSteps = positiveNumber(name, 'totalSteps', required(name, 'totalSteps', checked.totalSteps));
  return defineSchedule({ type: name, initialValue, finalValue, totalSteps }, (step) =>
    step >= totalSteps ? finalValue : initialValue + (finalValue - initialValue) * (step / totalSteps),
  );
}
