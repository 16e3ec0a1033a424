/**
 * Argument helpers shared by the framework presets. The presets keep the framework's own
 * spelling (`step_size`, `T_max`, `decay_steps`), so errors name the function the user
 * called, then the framework's class and argument:
 * ``fromTorch: StepLR: `step_size` must be an integer >= 1; received 0``.
 */
import type { JsonValue } from '../schedule.js';
import { arrayOption, describeValue } from '../validation.js';

/**
 * Runs a preset's builder so that each `TypeError` / `RangeError` it throws starts with the
 * function the user called (`fromTorch: StepLR: …`); a message that already does is kept.
 *
 * @example
 * ```ts
 * calledAs('fromTorch', () => positiveInteger('StepLR', 'step_size', 0));
 * // RangeError: fromTorch: StepLR: `step_size` must be an integer >= 1; received 0
 * ```
 */
export function calledAs<T>(owner: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if ((error instanceof TypeError || error instanceof RangeError) && !error.message.startsWith(`${owner}:`)) {
      const Kind = error instanceof RangeError ? RangeError : TypeError;
      throw new Kind(`${owner}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** The value of `key` in `args`, or `fallback` when the key is absent or `undefined`. */
export function argument(args: Record<string, unknown>, key: string, fallback: unknown): unknown {
  const value = args[key];
  return value === undefined ? fallback : value;
}

/** Python `None`: `null` or absent. */
export function isNone(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** Rejects PyTorch's `last_epoch` unless it is the default -1 (resuming is not modelled). */
export function defaultLastEpoch(owner: string, value: unknown): void {
  if (value !== undefined && value !== -1) {
    throw new RangeError(
      `${owner}: \`last_epoch\` must be -1 (resuming is not modelled: evaluate the schedule at the resumed step instead); received ${describeValue(value)}`,
    );
  }
}

/** Placeholder stored in a config where a JavaScript function was given. */
export const lambdaPlaceholder: { readonly type: 'lambda' } = Object.freeze({ type: 'lambda' });

/** Requires a function; a `{ type: 'lambda' }` placeholder from a saved config gets a clear error. */
export function functionArgument<Fn>(owner: string, name: string, value: unknown): Fn {
  if (typeof value === 'function') return value as Fn;
  if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'lambda') {
    throw new TypeError(`${owner}: \`${name}\` is a saved { type: 'lambda' } placeholder, whose function cannot be loaded from JSON; pass the function again`);
  }
  throw new TypeError(`${owner}: \`${name}\` must be a function; received ${describeValue(value)}`);
}

/** Calls a user function and requires a finite number back. */
export function callNumber(owner: string, name: string, fn: (value: number) => unknown, input: number): number {
  const result = fn(input);
  if (typeof result !== 'number' || !Number.isFinite(result)) {
    throw new TypeError(`${owner}: \`${name}\` must return a finite number; received ${describeValue(result)} for ${input}`);
  }
  return result;
}

/** Requires a non-empty, dense array of integers >= `minimum` (at most `limits.maxArrayLength` entries). */
export function integerArray(owner: string, name: string, value: unknown, minimum: number): number[] {
  const rule = `a non-empty array of integers >= ${minimum}`;
  const items = arrayOption(owner, name, value, rule);
  if (items.length === 0) throw new RangeError(`${owner}: \`${name}\` must be ${rule}; received []`);
  items.forEach((item: unknown, index) => {
    if (typeof item !== 'number' || !Number.isInteger(item) || item < minimum) {
      throw new RangeError(`${owner}: \`${name}[${index}]\` must be an integer >= ${minimum}; received ${describeValue(item)}`);
    }
  });
  return items as number[];
}

/** Python's `%` (the result has the sign of the divisor). */
export function pythonModulo(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** A JSON-safe copy of an argument value: functions become `{ type: 'lambda' }`. */
export function jsonArgument(value: unknown): JsonValue {
  if (typeof value === 'function') return lambdaPlaceholder;
  if (value === undefined) return null;
  return value as JsonValue;
}
