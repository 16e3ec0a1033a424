import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, optionKeys, required } from './validation.js';

/** Options of {@link constant}. */
export interface ConstantOptions {
  /** The value returned at every step. */
  readonly value: number;
}

/** The JSON config of a {@link constant} schedule. */
export interface ConstantConfig {
  readonly type: 'constant';
  readonly value: number;
}

/** The option keys of {@link constant}. */
const constantKeys = optionKeys<ConstantOptions>({ value: true });

/**
 * A constant schedule: `value` at every step.
 *
 * Formula: `f(t) = value`.
 *
 * @example
 * ```ts
 * const s = constant({ value: 0.1 });
 * s(0); // 0.1
 * s(1e6); // 0.1
 * ```
 */
export function constant(options: ConstantOptions): Schedule<ConstantConfig> {
  const checked = knownKeys('constant', options, constantKeys, { allowNull: false });
  const value = finiteNumber('constant', 'value', required('constant', 'value', checked.value));
  return defineSchedule({ type: 'constant', value }, () => value);
}
