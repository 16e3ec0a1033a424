import { bisectRight } from './bisect-right.js';
import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArray } from './schedule-argument.js';
import { describeValue, increasingNumbers, knownKeys, optionKeys, required } from './validation.js';

/** Options of {@link join}. */
export interface JoinOptions {
  /** The parts, in order; at least two. */
  readonly schedules: readonly Schedule[];
  /** Strictly increasing steps >= 0 where the next part starts; one fewer than `schedules`. */
  readonly boundaries: readonly number[];
}

/** The JSON config of a {@link join} schedule. */
export interface JoinConfig {
  readonly type: 'join';
  readonly schedules: readonly ScheduleConfig[];
  readonly boundaries: readonly number[];
}

/** The option keys of {@link join}. */
const joinKeys = optionKeys<JoinOptions>({ schedules: true, boundaries: true });

/**
 * Runs schedules one after another (optax `join_schedules`, PyTorch `SequentialLR`,
 * fastai `combine_scheds`). Part `i` applies from `boundaries[i - 1]` (inclusive; 0 for
 * the first part) and sees its local step:
 * `f(t) = schedules[i](t - boundaries[i - 1])` for `boundaries[i - 1] <= t < boundaries[i]`.
 * The switch happens AT the boundary step.
 *
 * @param options - see {@link JoinOptions}; boundaries in steps.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = join({
 *   schedules: [linear({ initialValue: 0, finalValue: 1, steps: 10 }), cosine({ initialValue: 1, decaySteps: 90 })],
 *   boundaries: [10],
 * });
 * s(5);  // 0.5
 * s(10); // 1 (cosine at its step 0)
 * ```
 * @see https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html#optax.join_schedules
 */
export function join(options: JoinOptions): Schedule<JoinConfig> {
  const name = 'join';
  const checked = knownKeys(name, options, joinKeys, { allowNull: false });
  const schedules = scheduleArray(name, 'schedules', required(name, 'schedules', checked.schedules), 2);
  const boundaries = increasingNumbers(name, 'boundaries', required(name, 'boundaries', checked.boundaries), 0);
  if (boundaries.length !== schedules.length - 1) {
    throw new RangeError(
      `${name}: \`boundaries\` must have one entry fewer than \`schedules\` (${schedules.length - 1}); ` + `received ${describeValue(boundaries)}`,
    );
  }
  const stops = Float64Array.from(boundaries);
  const first = schedules[0] as Schedule;
  return defineSchedule({ type: name, schedules: schedules.map((schedule) => schedule.config), boundaries }, (step) => {
    const index = bisectRight(stops, step) - 1;
    if (index < 0) return first(step);
    return (schedules[index + 1] as Schedule)(step - (stops[index] as number));
  });
}
