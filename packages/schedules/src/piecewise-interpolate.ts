import { defineSchedule, type Schedule } from './schedule.js';
import { describeValue, increasingNumbers, knownKeys, numberArray, oneOf, optionKeys, required } from './validation.js';

/** How {@link piecewiseInterpolate} moves between two points. */
export type Interpolation = 'linear' | 'cosine';

/** Options of {@link piecewiseInterpolate}. */
export interface PiecewiseInterpolateOptions {
  /** Strictly increasing steps (>= 0) where the schedule passes through `values`. */
  readonly boundaries: readonly number[];
  /** The value at each of `boundaries` (same length). */
  readonly values: readonly number[];
  /** `'linear'` or `'cosine'` (half-cosine ease) between points. Default `'linear'`. */
  readonly interpolation?: Interpolation;
}

/** The JSON config of a {@link piecewiseInterpolate} schedule. */
export interface PiecewiseInterpolateConfig {
  readonly type: 'piecewise-interpolate';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];
  readonly interpolation: Interpolation;
}

/** The option keys of {@link piecewiseInterpolate}. */
const piecewiseInterpolateKeys = optionKeys<PiecewiseInterpolateOptions>({ boundaries: true, values: true, interpolation: true });

/**
 * A schedule through given points: `values[i]` at `boundaries[i]`, interpolated in between, holding
 * `values[0]` before the first point and the last value after the last. With
 * `p = (t - boundaries[i]) / (boundaries[i+1] - boundaries[i])`: `'linear'` gives `(values[i+1] - values[i]) * p + values[i]`,
 * `'cosine'` gives `values[i+1] + (values[i] - values[i+1]) / 2 * (cos(pi * p) + 1)` (optax's
 * `piecewise_interpolate_schedule`, written with values instead of cumulative scales).
 *
 * It is the native form of optax's one-cycle schedules, three-phase included:
 * `linear_onecycle_schedule(T, peak, pct_start, pct_final, div, final_div)` is
 * `piecewiseInterpolate({ boundaries: [0, int(pct_start*T), int(pct_final*T), T], values: [peak/div, peak, peak/div, peak/div/final_div] })`
 * (`toOptax` and `lrkit convert` turn one into the other).
 *
 * @param options - see {@link PiecewiseInterpolateOptions}.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * // optax.linear_onecycle_schedule(100, 1.0): up, down to the start, then to the final value.
 * const s = piecewiseInterpolate({ boundaries: [0, 30, 85, 100], values: [0.04, 1, 0.04, 4e-6] });
 * s(15);  // 0.52
 * s(30);  // 1
 * s(200); // 4e-6
 * ```
 */
export function piecewiseInterpolate(options: PiecewiseInterpolateOptions): Schedule<PiecewiseInterpolateConfig> {
  const name = 'piecewiseInterpolate';
  const checked = knownKeys(name, options, piecewiseInterpolateKeys, { renamed: { steps: 'boundaries' } });
  const boundaries = increasingNumbers(name, 'boundaries', required(name, 'boundaries', checked.boundaries), 0);
  const values = numberArray(name, 'values', required(name, 'values', checked.values));
  if (values.length !== boundaries.length) {
    throw new RangeError(
      `${name}: \`values\` must have one value per boundary (${boundaries.length}); received ${describeValue(values)} of length ${values.length}`,
    );
  }
  const interpolation = oneOf(name, 'interpolation', checked.interpolation ?? 'linear', ['linear', 'cosine'] as const);
  const between =
    interpolation === 'linear'
      ? (start: number, end: number, p: number) => (end - start) * p + start
      : (start: number, end: number, p: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * p) + 1);
  return defineSchedule({ type: 'piecewise-interpolate', boundaries, values, interpolation }, (step) => {
    if (step < boundaries[0]!) return values[0]!;
    for (let index = 0; index + 1 < boundaries.length; index += 1) {
      const low = boundaries[index]!;
      const high = boundaries[index + 1]!;
      if (step < high) return between(values[index]!, values[index + 1]!, (step - low) / (high - low));
    }
    return values[values.length - 1]!;
  });
}
