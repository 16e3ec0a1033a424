import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArgument } from './schedule-argument.js';
import { knownKeys, nonNegativeNumber, required } from './validation.js';

/** Options of {@link offset}. */
export interface OffsetOptions {
  /** The schedule to delay. */
  readonly schedule: Schedule;
  /** Steps by which the schedule is delayed; it holds `schedule(0)` until then. */
  readonly steps: number;
}

/** The JSON config of an {@link offset} schedule. */
export interface OffsetConfig {
  readonly type: 'offset';
  readonly schedule: ScheduleConfig;
  readonly steps: number;
}

/**
 * Delays a schedule: `f(t) = schedule(max(0, t - steps))`. Before `steps` it holds
 * `schedule(0)` (optax `transition_begin` for any schedule).
 *
 * @param options - see {@link OffsetOptions}; `steps` in steps (may be fractional).
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = offset({ schedule: cosine({ initialValue: 1, decaySteps: 100 }), steps: 50 });
 * s(20);  // 1
 * s(100); // 0.5
 * ```
 */
export function offset(options: OffsetOptions): Schedule<OffsetConfig> {
  const name = 'offset';
  const checked = knownKeys(name, options, ['schedule', 'steps'], { allowNull: false });
  const schedule = scheduleArgument(name, 'schedule', required(name, 'schedule', checked.schedule));
  const steps = nonNegativeNumber(name, 'steps', required(name, 'steps', checked.steps));
  return defineSchedule({ type: name, schedule: schedule.config, steps }, (step) => schedule(step > steps ? step - steps : 0));
}
