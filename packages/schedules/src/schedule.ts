import { checkConfigShape } from './config-shape.js';
import { checkFiniteOverDomain } from './finite-check.js';
import { limits } from './limits.js';
import { scheduleOwner } from './schedule-owner.js';
import { describeValue, stepNumber } from './validation.js';

/**
 * A JSON value as stored in a schedule's config: numbers, strings, booleans, null,
 * arrays and plain objects of those.
 */
export type JsonValue = number | string | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The plain JSON config a built-in schedule carries. `type` names the schedule
 * (`'cosine'`, `'one-cycle'`, …); the other keys are its options with every default
 * filled in, so `fromConfig(toConfig(s))` evaluates exactly like `s`.
 */
export interface ScheduleConfig {
  /** The schedule's registered name, for example `'cosine'`. */
  readonly type: string;
}

/**
 * A schedule: a pure function of the step that also carries its JSON config.
 *
 * Steps count from 0 and may be fractional (an epoch-based schedule evaluated per batch
 * at `epoch + batch / batchesPerEpoch`). Calling a schedule has no side effects, so any
 * step can be evaluated in any order.
 *
 * @example
 * ```ts
 * const s = cosine({ initialValue: 0.1, decaySteps: 1000 });
 * s(0);          // 0.1
 * s(500);        // 0.05
 * s.config;      // { type: 'cosine', initialValue: 0.1, decaySteps: 1000, finalValue: 0, exponent: 1 }
 * ```
 */
export interface Schedule<Config extends ScheduleConfig = ScheduleConfig> {
  /** The value at `step` (a finite number >= 0). */
  (step: number): number;
  /** The schedule's JSON config; read it through `toConfig` to get a checked copy. */
  readonly config: Config;
  /**
   * A paired momentum schedule, for schedules that cycle momentum against the learning
   * rate (`cyclic`, `oneCycle`). Callbacks apply it to optimizers that have a momentum knob.
   */
  readonly momentum?: Schedule;
}

/**
 * Builds a schedule from its config and its formula. The formula receives a step that
 * has already been checked to be a number in `[0, limits.maxStep]` (a string or `null` is a
 * `TypeError`, never coerced). The formula is probed at construction and refused when it gives a
 * non-finite value anywhere in that domain (see `checkFiniteOverDomain`); a non-finite value
 * at evaluation (a `lambda`) throws a `RangeError` rather than being returned.
 *
 * @param config - the JSON config, defaults filled in.
 * @param formula - the closed form `(step) => value`.
 * @param momentum - an optional paired momentum schedule.
 * @returns a callable schedule carrying `config` (frozen).
 * @example
 * ```ts
 * const half = defineSchedule({ type: 'constant', value: 0.5 }, () => 0.5);
 * ```
 */
export function defineSchedule<Config extends ScheduleConfig>(config: Config, formula: (step: number) => number, momentum?: Schedule): Schedule<Config> {
  const owner = scheduleOwner(config.type);
  checkConfigShape(config, owner);
  checkFiniteOverDomain(config, formula);
  const schedule = (step: number): number => {
    if (typeof step !== 'number' || !(step >= 0 && step <= limits.maxStep)) stepNumber(owner, 'step', step);
    const value = formula(step);
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `${owner}: the value at step ${step} is not a finite number (${describeValue(value)}); ` + 'a schedule returns a finite number or throws',
      );
    }
    return value;
  };
  Object.defineProperty(schedule, 'config', { value: deepFreeze(config), enumerable: true });
  if (momentum !== undefined) {
    Object.defineProperty(schedule, 'momentum', { value: momentum, enumerable: true });
  }
  return schedule as Schedule<Config>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // -0 is written as 0 in JSON: store it as 0 so that a saved config loads back equal.
      if (Object.is(record[key], -0)) record[key] = 0;
      else deepFreeze(record[key]);
    }
    Object.freeze(value);
  }
  return value;
}
