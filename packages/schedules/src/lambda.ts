import { defineSchedule, type Schedule } from './schedule.js';
import { describeValue, functionOption, knownKeys, optionKeys } from './validation.js';

/** Options of {@link lambda}. */
export interface LambdaOptions {
  /** A human-readable description kept in the config (for logs and previews). */
  readonly description?: string;
}

/** The config of a {@link lambda} schedule: a marker that cannot be saved or loaded. */
export interface LambdaConfig {
  readonly type: 'lambda';
  readonly description?: string;
}

/** The option keys of {@link lambda}. */
const lambdaKeys = optionKeys<LambdaOptions>({ description: true });

/**
 * Wraps a user function `(step) => value` as a schedule (PyTorch `LambdaLR`, Keras
 * `LearningRateScheduler`), so it can be composed with the built-ins. The function
 * should be pure: lrkit may evaluate steps in any order.
 *
 * A lambda cannot be serialised: `toConfig` throws on it (and on any composite that
 * contains it), and `fromConfig` rejects `{ type: 'lambda' }`.
 *
 * @param fn - the formula; receives a finite step >= 0 (possibly fractional).
 * @param options - see {@link LambdaOptions}.
 * @throws TypeError when `fn` is not a function or an option is invalid.
 * @example
 * ```ts
 * const s = lambda((step) => 0.1 * 0.95 ** step, { description: '0.1 * 0.95^t' });
 * s(2); // 0.09025
 * ```
 */
export function lambda(fn: (step: number) => number, options: LambdaOptions = {}): Schedule<LambdaConfig> {
  const name = 'lambda';
  const formula = functionOption<(step: number) => number>(name, 'fn', fn);
  const checked = knownKeys(name, options, lambdaKeys, { allowNull: false });
  const description = checked.description;
  if (description !== undefined && typeof description !== 'string') {
    throw new TypeError(`${name}: \`description\` must be a string; received ${describeValue(description)}`);
  }
  return defineSchedule(description === undefined ? { type: name } : { type: name, description }, (step) => formula(step));
}
