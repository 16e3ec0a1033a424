import type { Schedule } from './schedule.js';
import { arrayOption, describeValue } from './validation.js';

/**
 * Requires an lrkit schedule (a callable carrying a `config` with a string `type`), as
 * composite schedules take. A bare function is rejected with a hint to wrap it in
 * `lambda(fn)`.
 *
 * @param owner - the schedule being built, for the message.
 * @param name - the argument's name, for example `schedule` or `schedules[1]`.
 * @param value - the value received.
 * @returns the schedule.
 * @example
 * ```ts
 * const inner = scheduleArgument('warmup', 'schedule', cosine({ initialValue: 1, decaySteps: 10 }));
 * ```
 */
export function scheduleArgument(owner: string, name: string, value: unknown): Schedule {
  const config = typeof value === 'function' ? (value as { config?: unknown }).config : undefined;
  if (config === null || typeof config !== 'object' || typeof (config as { type?: unknown }).type !== 'string') {
    const hint = typeof value === 'function' ? ' (wrap a plain function with lambda(fn))' : '';
    throw new TypeError(`${owner}: \`${name}\` must be an lrkit schedule${hint}; received ${describeValue(value)}`);
  }
  return value as Schedule;
}

/**
 * Requires a non-empty array of lrkit schedules with at least `minimum` entries.
 *
 * @param owner - the schedule being built, for the message.
 * @param name - the argument's name, for example `schedules`.
 * @param value - the value received.
 * @param minimum - the least number of schedules accepted (default 1).
 * @returns a copy of the array.
 * @example
 * ```ts
 * const parts = scheduleArray('multiply', 'schedules', [a, b]);
 * ```
 */
export function scheduleArray(owner: string, name: string, value: unknown, minimum = 1): Schedule[] {
  const rule = minimum === 1 ? 'a non-empty array of schedules' : `an array of at least ${minimum} schedules`;
  const items = arrayOption(owner, name, value, rule);
  if (items.length < minimum) {
    throw new RangeError(`${owner}: \`${name}\` must be ${rule}; received an array of ${items.length}`);
  }
  return items.map((item, index) => scheduleArgument(owner, `${name}[${index}]`, item));
}
