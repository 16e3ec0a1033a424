import { defineSchedule, type Schedule } from './schedule.js';
import { describeValue, increasingNumbers, knownKeys, numberArray, oneOf, required } from './validation.js';

/** How {@link piecewiseInterpolate} moves between two points. */
export type Interpolation = 'linear' | 'cosine';

/** Options of {@link piecewiseInterpolate}. */
export interface PiecewiseInterpolateOptions {
  /** Strictly increasing steps (>= 0) where the schedule passes through `values`. */
  readonly steps: readonly number[];
  /** The value at each of `steps` (same length). */
  readonly values: readonly number[];
  /** `'linear'` or `'cosine'` (half-cosine ease) between points. Default `'linear'`. */
  readonly interpolation?: Interpolation;
}

/** The JSON config of a {@link piecewiseInterpolate} schedule. */
export interface PiecewiseInterpolateConfig {
  readonly type: 'piecewise-interpolate';
  readonly steps: readonly number[];
  readonly values: readonly number[];
  readonly interpolation: Interpolation;
}

/**
 * A schedule through given points: `values[i]` at `steps[i]`, interpolated in between, holding
 * `values[0]` before the first point and the last value after the last. With
 * `p = (t - steps[i]) / (steps[i+1] - steps[i])`: `'linear'` gives `(values[i+1] - values[i]) * p + values[i]`,
 * `'cosine'` gives `values[i+1] + (values[i] - values[i+1]) / 2 * (cos(pi * p) + 1)` (optax's
 * `piecewise_interpolate_schedule`, written with values instead of cumulative scales).
 *
 * It is the native form of optax's one-cycle schedules, three-phase included:
 * `linear_onecycle_schedule(T, peak, pct_start, pct_final, div, final_div)` is
 * `piecewiseInterpolate({ steps: [0, int(pct_start*T), int(pct_final*T), T], values: [peak/div, peak, peak/div, peak/div/final_div] })`
 * (`toOptax` and `lrkit convert` turn one into the other).
 *
 * @param options - see {@link PiecewiseInterpolateOptions}.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * // optax.linear_onecycle_schedule(100, 1.0): up, down to the start, then to the final value.
 * const s = piecewiseInterpolate({ steps: [0, 30, 85, 100], values: [0.04, 1, 0.04, 4e-6] });
 * s(15);  // 0.52
 * s(30);  // 1
 * s(200); // 4e-6
 * ```
 */
export function piecewiseInterpolate(options: PiecewiseInterpolateOptions): Schedule<PiecewiseInterpolateConfig> {
  const name = 'piecewise-interpolate';
  const checked = knownKeys(name, options, ['steps', 'values', 'interpolation']);
  const steps = increasingNumbers(name, 'steps', required(name, 'steps', checked.steps), 0);
  const values = numberArray(name, 'values', required(name, 'values', checked.values));
  if (values.length !== steps.length) {
    throw new RangeError(`${name}: \`values\` must have one value per step (${steps.length}); received ${describeValue(values)} of length ${values.length}`);
  }
  const interpolation = oneOf(name, 'interpolation', checked.interpolation ?? 'linear', ['linear', 'cosine'] as const);
  const between =
    interpolation === 'linear'
      ? (start: number, end: number, p: number) => (end - start) * p + start
      : (start: number, end: number, p: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * p) + 1);
  return defineSchedule({ type: name, steps, values, interpolation }, (step) => {
    if (step < steps[0]!) return values[0]!;
    for (let index = 0; index + 1 < steps.length; index += 1) {
      const low = steps[index]!;
      const high = steps[index + 1]!;
      if (step < high) return between(values[index]!, values[index + 1]!, (step - low) / (high - low));
    }
    return values[values.length - 1]!;
  });
}
