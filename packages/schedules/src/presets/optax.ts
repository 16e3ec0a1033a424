import { defineSchedule, type JsonValue, type Schedule } from '../schedule.js';
import { describeValue, knownKeys, optionKeys } from '../validation.js';
import { calledAs } from './framework-arguments.js';
import { optaxBuilders, optaxModel } from './optax-schedules.js';

/** Every optax schedule function `fromOptax` reproduces. */
export const optaxScheduleNames: readonly string[] = Object.keys(optaxBuilders);

/** The JSON config of an optax preset; `fromConfig` rebuilds it through the registry key `'optax'`. */
export interface OptaxConfig {
  readonly type: 'optax';
  /** The optax function name, for example `'warmup_cosine_decay_schedule'`. */
  readonly name: string;
  /** Its keyword arguments with optax's defaults filled in. */
  readonly kwargs: { readonly [key: string]: JsonValue };
}

/** The options `fromConfig` passes for an `'optax'` config. */
export interface OptaxPresetOptions {
  readonly name: string;
  readonly kwargs?: Readonly<Record<string, unknown>>;
}

/**
 * Reproduces an optax schedule exactly (google-deepmind/optax `optax/schedules`, 0.2.8): the
 * value at step `n` is what `optax.<name>(**kwargs)(n)` returns, in float64 (jax_enable_x64).
 * Names, arguments and defaults are optax's; so are its off-by-ones:
 *
 * - `constant_schedule(value)`, `linear_schedule`, `polynomial_schedule` (`transition_begin`;
 *   `transition_steps <= 0` gives a constant), `exponential_decay` (`transition_begin`,
 *   `staircase`, `end_value` as a floor, or a ceiling when `decay_rate > 1`);
 * - `cosine_decay_schedule` (`alpha`, `exponent`; holds `alpha * init_value` after `decay_steps`),
 *   `warmup_constant_schedule`, `warmup_cosine_decay_schedule` (its `decay_steps` INCLUDES the
 *   warm-up, unlike Keras), `warmup_exponential_decay_schedule`;
 * - `piecewise_constant_schedule` (each scale applies AT its boundary),
 *   `piecewise_interpolate_schedule` (`'linear'` or `'cosine'` between accumulated scales),
 *   `join_schedules` (`schedules` as `[{ name, kwargs }]` or `fromOptax` schedules; each child
 *   restarts at 0 at its boundary), `sgdr_schedule` (`cosine_kwargs`);
 * - `cosine_onecycle_schedule` and `linear_onecycle_schedule` (three phases up to `pct_start`,
 *   down to the initial value at `pct_final`, then to the final value; boundaries are
 *   `int(pct * transition_steps)`).
 *
 * `boundaries_and_scales` is a `{ "step": scale }` object (JSON keys are strings). Steps may be
 * fractional: the formulas are optax's for any count.
 *
 * @param name - the optax function name.
 * @param kwargs - its keyword arguments.
 * @returns a schedule with config `{ type: 'optax', name, kwargs }`.
 * @example
 * ```ts
 * const s = fromOptax('warmup_cosine_decay_schedule', {
 *   init_value: 0, peak_value: 1, warmup_steps: 10, decay_steps: 100, end_value: 0.01,
 * });
 * s(10);  // 1 (the peak)
 * s(100); // 0.01 (decay_steps counts the warm-up)
 * ```
 */
export function fromOptax(name: string, kwargs: Readonly<Record<string, unknown>> = {}): Schedule<OptaxConfig> {
  return optaxPreset({ name, kwargs });
}

/**
 * The registry factory of `'optax'` configs: `fromOptax` with its inputs in one object.
 *
 * @example
 * ```ts
 * const s = optaxPreset({ name: 'exponential_decay', kwargs: { init_value: 1, transition_steps: 10, decay_rate: 0.5 } });
 * s(10); // 0.5
 * ```
 */
export function optaxPreset(options: OptaxPresetOptions): Schedule<OptaxConfig> {
  return calledAs('fromOptax', () => buildOptaxPreset(options));
}

function buildOptaxPreset(options: OptaxPresetOptions): Schedule<OptaxConfig> {
  const checked = knownKeys('fromOptax', options, optionKeys<OptaxPresetOptions>({ name: true, kwargs: true }));
  const name = checked.name;
  if (typeof name !== 'string') {
    throw new TypeError(`fromOptax: \`name\` must be an optax schedule name; received ${describeValue(name)}`);
  }
  const model = optaxModel(name, (checked.kwargs ?? {}) as Record<string, unknown>);
  return defineSchedule({ type: 'optax', name, kwargs: model.kwargs }, model.formula);
}
