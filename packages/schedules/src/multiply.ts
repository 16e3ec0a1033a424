import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArray } from './schedule-argument.js';
import { knownKeys, optionKeys, required } from './validation.js';

/** Options of {@link multiply}. */
export interface MultiplyOptions {
  /** The factors; at least one. */
  readonly schedules: readonly Schedule[];
}

/** The JSON config of a {@link multiply} schedule. */
export interface MultiplyConfig {
  readonly type: 'multiply';
  readonly schedules: readonly ScheduleConfig[];
}

/** The option keys of {@link multiply}. */
const multiplyKeys = optionKeys<MultiplyOptions>({ schedules: true });

/**
 * The product of schedules at the same step (PyTorch `ChainedScheduler` of
 * multiplicative schedulers): `f(t) = schedules[0](t) * schedules[1](t) * …`.
 * Useful to put a relative schedule (starting at 1) on top of a base value.
 *
 * @param options - see {@link MultiplyOptions}.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = multiply({ schedules: [constant({ value: 0.1 }), cosine({ initialValue: 1, decaySteps: 100 })] });
 * s(50); // 0.05
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ChainedScheduler.html
 */
export function multiply(options: MultiplyOptions): Schedule<MultiplyConfig> {
  const name = 'multiply';
  const checked = knownKeys(name, options, multiplyKeys, { allowNull: false });
  const schedules = scheduleArray(name, 'schedules', required(name, 'schedules', checked.schedules));
  const count = schedules.length;
  const first = schedules[0] as Schedule;
  const second = schedules[1];
  const config: MultiplyConfig = { type: name, schedules: schedules.map((schedule) => schedule.config) };
  if (count === 1) return defineSchedule(config, (step) => first(step));
  if (count === 2 && second !== undefined) return defineSchedule(config, (step) => first(step) * second(step));
  return defineSchedule(config, (step) => {
    let product = 1;
    for (let index = 0; index < count; index += 1) product *= (schedules[index] as Schedule)(step);
    return product;
  });
}
