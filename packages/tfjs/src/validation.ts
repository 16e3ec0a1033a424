/**
 * Argument checks of the tfjs callbacks, with the message shape used across lrkit:
 * ``ReduceLROnPlateau: `factor` must be a number in (0, 1); received 1``.
 * (`@lrkit/schedules` keeps its helpers private; these mirror them.)
 */

/** Formats a received value for an error message (strings quoted, objects as JSON). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value !== null && typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    if (name !== undefined && name !== 'Object' && name !== 'Array') return `an instance of ${name}`;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Throws a `TypeError` or `RangeError` naming the owner, the argument, the rule and the value. */
export function fail(owner: string, name: string, rule: string, value: unknown, kind: 'range' | 'type'): never {
  const message = `${owner}: \`${name}\` must be ${rule}; received ${describeValue(value)}`;
  throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** Requires a finite number >= 0. */
export function nonNegativeNumber(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a finite number >= 0', value, 'type');
  if (!(Number.isFinite(value) && value >= 0)) fail(owner, name, 'a finite number >= 0', value, 'range');
  return value;
}

/** Requires an integer >= 0. */
export function nonNegativeInteger(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'an integer >= 0', value, 'type');
  if (!(Number.isInteger(value) && value >= 0)) fail(owner, name, 'an integer >= 0', value, 'range');
  return value;
}

/** Requires an integer >= 1. */
export function positiveInteger(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'an integer >= 1', value, 'type');
  if (!(Number.isInteger(value) && value >= 1)) fail(owner, name, 'an integer >= 1', value, 'range');
  return value;
}

/** Requires a number in the open interval (low, high). */
export function numberBetweenExclusive(owner: string, name: string, value: unknown, low: number, high: number): number {
  const rule = `a number in (${low}, ${high})`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(value > low && value < high)) fail(owner, name, rule, value, 'range');
  return value;
}

/** Requires a boolean. */
export function booleanOption(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(owner, name, 'a boolean', value, 'type');
  return value;
}

/** Requires a non-empty string. */
export function nonEmptyString(owner: string, name: string, value: unknown): string {
  if (typeof value !== 'string') fail(owner, name, 'a non-empty string', value, 'type');
  if (value.length === 0) fail(owner, name, 'a non-empty string', value, 'range');
  return value;
}

/** Requires one of the listed strings. */
export function oneOf<const Choices extends readonly string[]>(
  owner: string,
  name: string,
  value: unknown,
  choices: Choices,
): Choices[number] {
  const rule = `one of ${choices.map((choice) => `'${choice}'`).join(', ')}`;
  if (typeof value !== 'string') fail(owner, name, rule, value, 'type');
  if (!choices.includes(value)) fail(owner, name, rule, value, 'range');
  return value as Choices[number];
}

/** Requires a plain object whose own keys are all in `allowed`. */
export function knownKeys(owner: string, options: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${owner}: options must be a plain object; received ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${owner}: unknown option \`${key}\`; valid options are ${allowed.map((name) => `\`${name}\``).join(', ')}`,
      );
    }
  }
  return options as Record<string, unknown>;
}
