import { bisectRight } from './bisect-right.js';
import { defineSchedule, type Schedule } from './schedule.js';
import { describeValue, increasingNumbers, knownKeys, numberArray, optionKeys, required } from './validation.js';

/** Options of {@link piecewiseConstant}. */
export interface PiecewiseConstantOptions {
  /** Steps at which the value changes: non-empty, strictly increasing, >= 0. */
  readonly boundaries: readonly number[];
  /** The values, one more than `boundaries`: `values[i]` applies from `boundaries[i - 1]` on. */
  readonly values: readonly number[];
}

/** The JSON config of a {@link piecewiseConstant} schedule. */
export interface PiecewiseConstantConfig {
  readonly type: 'piecewise-constant';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];
}

/** The option keys of {@link piecewiseConstant}. */
const piecewiseConstantKeys = optionKeys<PiecewiseConstantOptions>({ boundaries: true, values: true });

/**
 * A piecewise-constant schedule given by boundaries and values, like Keras
 * `PiecewiseConstantDecay` but switching AT the boundary step, as PyTorch and optax.
 *
 * Formula: `f(t) = values[i]` where `i` counts the boundaries `<= t`; so `values[0]`
 * applies before `boundaries[0]`, `values[i]` from `boundaries[i - 1]` (inclusive) to
 * `boundaries[i]` (exclusive), and the last value from the last boundary on.
 * Keras switches one step later (`step > boundary`): Keras boundaries `b` are native
 * boundaries `b + 1`.
 *
 * @param options.boundaries - steps of the changes (strictly increasing numbers >= 0).
 * @param options.values - finite values, `boundaries.length + 1` of them.
 * @example
 * ```ts
 * const s = piecewiseConstant({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
 * s(99);  // 1
 * s(100); // 0.5
 * s(200); // 0.1
 * ```
 * @see https://keras.io/api/optimizers/learning_rate_schedules/piecewise_constant_decay/
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): Schedule<PiecewiseConstantConfig> {
  const name = 'piecewiseConstant';
  const checked = knownKeys(name, options, piecewiseConstantKeys, { allowNull: false });
  const boundaries = increasingNumbers(name, 'boundaries', required(name, 'boundaries', checked.boundaries), 0);
  const values = numberArray(name, 'values', required(name, 'values', checked.values));
  if (values.length !== boundaries.length + 1) {
    throw new RangeError(
      `${name}: \`values\` must have boundaries.length + 1 = ${boundaries.length + 1} entries; ` + `received ${values.length} entries ${describeValue(values)}`,
    );
  }
  return defineSchedule({ type: 'piecewise-constant', boundaries, values }, (t) => values[bisectRight(boundaries, t)] as number);
}
