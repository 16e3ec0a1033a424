import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link inverseSqrt}. */
export interface InverseSqrtOptions {
  /** The value at step 0. */
  readonly initialValue: number;
  /** Steps after which the value has fallen to `initialValue / sqrt(2)` (> 0). Default 1. */
  readonly timescale?: number;
}

/** The JSON config of an {@link inverseSqrt} schedule. */
export interface InverseSqrtConfig {
  readonly type: 'inverse-sqrt';
  readonly initialValue: number;
  readonly timescale: number;
}

/** The option keys of {@link inverseSqrt}. */
const inverseSqrtKeys = optionKeys<InverseSqrtOptions>({ initialValue: true, timescale: true });

/**
 * Inverse square-root decay (Vaswani et al. 2017), as Hugging Face
 * `get_inverse_sqrt_schedule` after its warm-up.
 *
 * Formula: `f(t) = initialValue / sqrt(1 + t / timescale)`.
 * HF with `num_warmup_steps = w` and `timescale = s` (default `w`) is this schedule behind
 * a linear warm-up from 0:
 * `warmup({ schedule: inverseSqrt({ initialValue, timescale: s }), warmupSteps: w })`.
 *
 * @param options.initialValue - the value at step 0.
 * @param options.timescale - steps scaling the decay (a positive finite number, default 1).
 * @example
 * ```ts
 * const s = inverseSqrt({ initialValue: 1, timescale: 100 });
 * s(0);   // 1
 * s(300); // 0.5
 * ```
 * @see https://arxiv.org/abs/1706.03762
 */
export function inverseSqrt(options: InverseSqrtOptions): Schedule<InverseSqrtConfig> {
  const name = 'inverseSqrt';
  const checked = knownKeys(name, options, inverseSqrtKeys, { allowNull: false });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const timescale = positiveNumber(name, 'timescale', checked.timescale ?? 1);
  return defineSchedule({ type: 'inverse-sqrt', initialValue, timescale }, (t) => initialValue / Math.sqrt(1 + t / timescale));
}
