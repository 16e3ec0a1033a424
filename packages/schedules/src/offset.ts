import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArgument } from './schedule-argument.js';
import { knownKeys, nonNegativeNumber, optionKeys, required } from './validation.js';

/** Options of {@link offset}. */
export interface OffsetOptions {
  /** The schedule to delay. */
  readonly schedule: Schedule;
  /** Steps by which the schedule is delayed; it holds `schedule(0)` until then. */
  readonly delaySteps: number;
}

/** The JSON config of an {@link offset} schedule. */
export interface OffsetConfig {
  readonly type: 'offset';
  readonly schedule: ScheduleConfig;
  readonly delaySteps: number;
}

/** The option keys of {@link offset}. */
const offsetKeys = optionKeys<OffsetOptions>({ schedule: true, delaySteps: true });

/**
 * Delays a schedule: `f(t) = schedule(max(0, t - delaySteps))`. Before `delaySteps` it holds
 * `schedule(0)` (optax `transition_begin` for any schedule).
 *
 * @param options - see {@link OffsetOptions}; `delaySteps` in steps (may be fractional).
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = offset({ schedule: cosine({ initialValue: 1, decaySteps: 100 }), delaySteps: 50 });
 * s(20);  // 1
 * s(100); // 0.5
 * ```
 */
export function offset(options: OffsetOptions): Schedule<OffsetConfig> {
  const name = 'offset';
  const checked = knownKeys(name, options, offsetKeys, { allowNull: false, renamed: { steps: 'delaySteps' } });
  const schedule = scheduleArgument(name, 'schedule', required(name, 'schedule', checked.schedule));
  const delaySteps = nonNegativeNumber(name, 'delaySteps', required(name, 'delaySteps', checked.delaySteps));
  return defineSchedule({ type: name, schedule: schedule.config, delaySteps }, (step) => schedule(step > delaySteps ? step - delaySteps : 0));
}
