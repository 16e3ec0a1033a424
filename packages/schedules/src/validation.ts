/**
 * Argument checks shared by every lrkit package (import them from `@lrkit/schedules/validation`).
 * Each throws at construction with the owner's name, the argument's name, the rule and the
 * value received, for example ``cosine: `decaySteps` must be a positive finite number; received -3``.
 *
 * Internal to lrkit: the subpath exists so that the lrkit packages share one set of checks;
 * it is not part of the public API, is left out of the API reference and may change in any
 * release. Applications and other plugins should write their own checks.
 *
 * @packageDocumentation
 * @internal
 */

import { excerpt, excerptText } from './excerpt.js';
import { limits } from './limits.js';

export { excerpt, excerptText } from './excerpt.js';
export { limits } from './limits.js';

/**
 * Formats a received value for an error message: strings quoted, plain data as JSON-like
 * text, cut at `limits.maxExcerptLength` (200) characters with `…` and the value's size
 * (see {@link excerpt}), so that every message stays one short line.
 *
 * @example
 * ```ts
 * describeValue('cos');     // '"cos"'
 * describeValue([1, 2]);    // '[1,2]'
 * describeValue([1, , 3]);  // '[1,<empty>,3]'
 * describeValue(Math.max);  // 'a function'
 * ```
 * @internal
 */
export function describeValue(value: unknown): string {
  return excerpt(value);
}

/**
 * Throws a `TypeError` or `RangeError` naming the owner, the argument, the rule and the value.
 *
 * @example
 * ```ts
 * fail('cosine', 'decaySteps', 'a positive finite number', -3, 'range');
 * // RangeError: cosine: `decaySteps` must be a positive finite number; received -3
 * ```
 * @internal
 */
export function fail(owner: string, name: string, rule: string, value: unknown, kind: 'range' | 'type'): never {
  const message = `${owner}: \`${name}\` must be ${rule}; received ${describeValue(value)}`;
  throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/**
 * Requires a number (not NaN, finite); a non-number is a `TypeError`.
 *
 * @example
 * ```ts
 * finiteNumber('step', 'factor', 0.5);      // 0.5
 * finiteNumber('step', 'factor', Infinity); // RangeError
 * finiteNumber('step', 'factor', '0.5');    // TypeError
 * ```
 * @internal
 */
export function finiteNumber(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a finite number', value, 'type');
  if (!Number.isFinite(value)) fail(owner, name, 'a finite number', value, 'range');
  return value === 0 ? 0 : value; // -0 is 0: JSON writes it so, and a loaded config must evaluate the same
}

/**
 * Requires a finite number > 0.
 *
 * @example
 * ```ts
 * positiveNumber('cosine', 'decaySteps', 100); // 100
 * positiveNumber('cosine', 'decaySteps', -3);  // RangeError: cosine: `decaySteps` must be a positive finite number; received -3
 * ```
 * @internal
 */
export function positiveNumber(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a positive finite number', value, 'type');
  if (!(Number.isFinite(value) && value > 0)) fail(owner, name, 'a positive finite number', value, 'range');
  return value;
}

/**
 * Requires a finite number >= 0.
 *
 * @example
 * ```ts
 * nonNegativeNumber('cosine', 'exponent', 0);   // 0
 * nonNegativeNumber('cosine', 'exponent', -1);  // RangeError
 * ```
 * @internal
 */
export function nonNegativeNumber(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a finite number >= 0', value, 'type');
  if (!(Number.isFinite(value) && value >= 0)) fail(owner, name, 'a finite number >= 0', value, 'range');
  return value === 0 ? 0 : value; // -0 is 0: JSON writes it so, and a loaded config must evaluate the same
}

/**
 * Requires an integer >= 1.
 *
 * @example
 * ```ts
 * positiveInteger('step', 'periodSteps', 30);  // 30
 * positiveInteger('step', 'periodSteps', 2.5); // RangeError
 * ```
 * @internal
 */
export function positiveInteger(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'an integer >= 1', value, 'type');
  if (!(Number.isInteger(value) && value >= 1)) fail(owner, name, 'an integer >= 1', value, 'range');
  return value;
}

/**
 * Requires an integer >= 0.
 *
 * @example
 * ```ts
 * nonNegativeInteger('plateau', 'cooldown', 0);  // 0
 * nonNegativeInteger('plateau', 'cooldown', -1); // RangeError
 * ```
 * @internal
 */
export function nonNegativeInteger(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'an integer >= 0', value, 'type');
  if (!(Number.isInteger(value) && value >= 0)) fail(owner, name, 'an integer >= 0', value, 'range');
  return value;
}

/**
 * Requires a finite number in the open interval (low, high).
 *
 * @example
 * ```ts
 * numberBetweenExclusive('plateau', 'factor', 0.5, 0, 1); // 0.5
 * numberBetweenExclusive('plateau', 'factor', 1, 0, 1);   // RangeError: … must be a number in (0, 1); received 1
 * ```
 * @internal
 */
export function numberBetweenExclusive(owner: string, name: string, value: unknown, low: number, high: number): number {
  const rule = `a number in (${low}, ${high})`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(value > low && value < high)) fail(owner, name, rule, value, 'range');
  return value === 0 ? 0 : value; // -0 is 0: JSON writes it so, and a loaded config must evaluate the same
}

/**
 * Requires a finite number in the closed interval [low, high].
 *
 * @example
 * ```ts
 * numberBetween('oneCycle', 'warmupFraction', 1, 0, 1);   // 1
 * numberBetween('oneCycle', 'warmupFraction', 1.5, 0, 1); // RangeError
 * ```
 * @internal
 */
export function numberBetween(owner: string, name: string, value: unknown, low: number, high: number): number {
  const rule = `a number in [${low}, ${high}]`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(value >= low && value <= high)) fail(owner, name, rule, value, 'range');
  return value === 0 ? 0 : value; // -0 is 0: JSON writes it so, and a loaded config must evaluate the same
}

/**
 * Requires a non-empty string.
 *
 * @example
 * ```ts
 * nonEmptyString('ReduceLROnPlateau', 'monitor', 'val_loss'); // 'val_loss'
 * nonEmptyString('ReduceLROnPlateau', 'monitor', '');         // RangeError
 * ```
 * @internal
 */
export function nonEmptyString(owner: string, name: string, value: unknown): string {
  if (typeof value !== 'string') fail(owner, name, 'a non-empty string', value, 'type');
  if (value.length === 0) fail(owner, name, 'a non-empty string', value, 'range');
  return value;
}

/**
 * Requires a boolean.
 *
 * @example
 * ```ts
 * booleanOption('exponential', 'staircase', true); // true
 * booleanOption('exponential', 'staircase', 1);    // TypeError
 * ```
 * @internal
 */
export function booleanOption(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(owner, name, 'a boolean', value, 'type');
  return value;
}

/**
 * Requires one of the listed strings.
 *
 * @example
 * ```ts
 * const mode = oneOf('plateau', 'mode', 'max', ['min', 'max'] as const); // 'max', typed 'min' | 'max'
 * oneOf('plateau', 'mode', 'maximum', ['min', 'max'] as const);         // RangeError: … must be one of 'min', 'max'; received "maximum"
 * ```
 * @internal
 */
export function oneOf<const Choices extends readonly string[]>(owner: string, name: string, value: unknown, choices: Choices): Choices[number] {
  const rule = `one of ${choices.map((choice) => `'${choice}'`).join(', ')}`;
  if (typeof value !== 'string') fail(owner, name, rule, value, 'type');
  if (!choices.includes(value)) fail(owner, name, rule, value, 'range');
  return value as Choices[number];
}

/**
 * Requires a dense array of at most `limits.maxArrayLength` (10,000) entries: a non-array is a
 * `TypeError`; a longer array, or a sparse one (`[1, , 3]`, whose hole would read as
 * `undefined`), is a `RangeError`. Returns a copy.
 *
 * @example
 * ```ts
 * arrayOption('join', 'boundaries', [10, 20], 'an array of numbers'); // [10, 20]
 * arrayOption('join', 'boundaries', [10, , 20], 'an array of numbers'); // RangeError: … `boundaries[1]` is an empty slot …
 * ```
 * @internal
 */
export function arrayOption(owner: string, name: string, value: unknown, rule: string): unknown[] {
  if (!Array.isArray(value)) fail(owner, name, rule, value, 'type');
  if (value.length > limits.maxArrayLength) {
    throw new RangeError(
      `${owner}: \`${name}\` must have at most ${limits.maxArrayLength} entries (limits.maxArrayLength); ` +
        `received an array of ${value.length} entries ${excerpt(value, 60)}`,
    );
  }
  const copy: unknown[] = [];
  for (let index = 0; index < value.length; index += 1) {
    if (!Object.hasOwn(value, index)) {
      throw new RangeError(`${owner}: \`${name}[${index}]\` is an empty slot of a sparse array; \`${name}\` must be ${rule}; received ${describeValue(value)}`);
    }
    copy.push(value[index]);
  }
  return copy;
}

/**
 * Requires a non-empty, dense array of finite numbers (at most `limits.maxArrayLength` entries).
 *
 * @example
 * ```ts
 * numberArray('piecewiseConstant', 'values', [0.1, 0.01]); // [0.1, 0.01] (a copy)
 * numberArray('piecewiseConstant', 'values', []);          // RangeError
 * numberArray('piecewiseConstant', 'values', [1, , 3]);    // RangeError: … an empty slot …
 * ```
 * @internal
 */
export function numberArray(owner: string, name: string, value: unknown): number[] {
  const rule = 'a non-empty array of finite numbers';
  const items = arrayOption(owner, name, value, rule);
  if (items.length === 0) fail(owner, name, rule, value, 'range');
  items.forEach((item, index) => finiteNumber(owner, `${name}[${index}]`, item));
  return items as number[];
}

/**
 * Requires a step: a number (never `null`, a string or a boolean, which are not coerced) that
 * is finite and in `[0, limits.maxStep]` (0 … 2^53 - 1). Every schedule checks its `step`
 * argument with this rule.
 *
 * @example
 * ```ts
 * stepNumber('cosine', 'step', 5);    // 5
 * stepNumber('cosine', 'step', '5');  // TypeError: cosine: `step` must be a finite number in [0, 9007199254740991]; received "5"
 * stepNumber('cosine', 'step', null); // TypeError
 * ```
 * @internal
 */
export function stepNumber(owner: string, name: string, value: unknown): number {
  const rule = `a finite number in [0, ${limits.maxStep}]`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(value >= 0 && value <= limits.maxStep)) fail(owner, name, rule, value, 'range');
  return value;
}

/**
 * Requires an integer step count: a number (never `null` or a string) that is an integer in
 * `[minimum, limits.maxStep]`.
 *
 * @example
 * ```ts
 * integerStep('batchSizeSchedule', 'phases[0].epochs', 5, 1);   // 5
 * integerStep('batchSizeSchedule', 'phases[0].epochs', '5', 1); // TypeError: … must be an integer in [1, 9007199254740991]; received "5"
 * ```
 * @internal
 */
export function integerStep(owner: string, name: string, value: unknown, minimum = 0): number {
  const rule = `an integer in [${minimum}, ${limits.maxStep}]`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(Number.isInteger(value) && value >= minimum && value <= limits.maxStep)) fail(owner, name, rule, value, 'range');
  return value;
}

/**
 * Requires a non-empty array of strictly increasing finite numbers (>= `minimum`).
 *
 * @example
 * ```ts
 * increasingNumbers('multiStep', 'boundaries', [30, 80], 0); // [30, 80]
 * increasingNumbers('multiStep', 'boundaries', [80, 30], 0); // RangeError: … must be strictly increasing
 * ```
 * @internal
 */
export function increasingNumbers(owner: string, name: string, value: unknown, minimum = -Infinity): number[] {
  const numbers = numberArray(owner, name, value);
  numbers.forEach((item, index) => {
    if (item < minimum) fail(owner, `${name}[${index}]`, `>= ${minimum}`, item, 'range');
    const previous = numbers[index - 1];
    if (previous !== undefined && !(item > previous)) {
      fail(owner, name, 'strictly increasing', value, 'range');
    }
  });
  return numbers;
}

/**
 * Requires a function.
 *
 * @typeParam Fn - The function type the caller expects (not checked at run time: only `typeof value === 'function'` is).
 *
 * @example
 * ```ts
 * const formula = functionOption<(step: number) => number>('lambda', 'formula', (step: number) => 0.1 / (1 + step));
 * formula(1); // 0.05
 * ```
 * @internal
 */
export function functionOption<Fn extends (...args: never[]) => unknown>(owner: string, name: string, value: unknown): Fn {
  if (typeof value !== 'function') fail(owner, name, 'a function', value, 'type');
  return value as Fn;
}

/**
 * Requires an object whose own keys are all in `allowed`; suggests the closest name. With
 * `allowNull: false` (every native schedule, the plateau reducer, the batch-size and LR-finder
 * options) an option set to `null` is a `TypeError`, never read as "use the default"; the
 * PyTorch and Keras presets keep the default `allowNull: true`, where `null` is Python's `None`.
 *
 * @example
 * ```ts
 * knownKeys('cosine', { initialValue: 0.1, decaySteps: 10 }, ['initialValue', 'decaySteps', 'finalValue']); // the object
 * knownKeys('cosine', { initialValue: 0.1, decaySetps: 10 }, ['initialValue', 'decaySteps', 'finalValue']);
 * // TypeError: cosine: unknown option `decaySetps` (did you mean `decaySteps`?); valid options are …
 * knownKeys('cosine', { alpha: 0 }, ['initialValue', 'decaySteps', 'finalValue'], { renamed: { alpha: 'finalValue' } });
 * // TypeError: cosine: option `alpha` was renamed `finalValue` before 1.0 (…)
 * ```
 * @internal
 */
export function knownKeys(
  owner: string,
  options: unknown,
  allowed: readonly string[],
  { allowNull = true, renamed = {} }: { readonly allowNull?: boolean; readonly renamed?: Readonly<Record<string, string>> } = {},
): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${owner}: options must be a plain object; received ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      const newName = Object.hasOwn(renamed, key) ? renamed[key] : undefined;
      if (newName !== undefined) {
        throw new TypeError(`${owner}: option \`${key}\` was renamed \`${newName}\` before 1.0 (same meaning unless the changelog says otherwise)`);
      }
      const suggestion = closestName(key, allowed);
      throw new TypeError(
        `${owner}: unknown option \`${excerptText(key)}\`${suggestion === undefined ? '' : ` (did you mean \`${suggestion}\`?)`}; ` +
          `valid options are ${allowed.map((name) => `\`${name}\``).join(', ')}`,
      );
    }
    if (!allowNull && (options as Record<string, unknown>)[key] === null) {
      // `null` is never read as "use the default": that would silently change what was asked.
      throw new TypeError(`${owner}: \`${excerptText(key)}\` must be left out (for its default) or given a value; received null`);
    }
  }
  return options as Record<string, unknown>;
}

/**
 * The option keys of an options interface, from one object that TypeScript checks against
 * it: a key missing from `shape`, or one the interface lacks, is a compile error. Pass the
 * result to {@link knownKeys}, so the allow-list and the interface cannot drift.
 *
 * @example
 * ```ts
 * interface StepOptions { readonly initialValue: number; readonly factor?: number }
 * const stepKeys = optionKeys<StepOptions>({ initialValue: true, factor: true }); // ['initialValue', 'factor']
 * ```
 * @internal
 */
export function optionKeys<T>(shape: { readonly [K in keyof T]-?: true }): readonly (keyof T & string)[] {
  return Object.keys(shape) as (keyof T & string)[];
}

/**
 * Requires that a mandatory option is present.
 *
 * @example
 * ```ts
 * required('cosine', 'decaySteps', 100);       // 100
 * required('cosine', 'decaySteps', undefined); // TypeError: cosine: `decaySteps` is required; received undefined
 * ```
 * @internal
 */
export function required<T>(owner: string, name: string, value: T | undefined): T {
  if (value === undefined) {
    throw new TypeError(`${owner}: \`${name}\` is required; received undefined`);
  }
  return value;
}

/**
 * The candidate with the smallest edit distance to `name`, when close enough to be a typo.
 *
 * @example
 * ```ts
 * closestName('patiense', ['patience', 'factor']); // 'patience'
 * closestName('learningRate', ['patience', 'factor']); // undefined
 * ```
 * @internal
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  // A name longer than 64 characters is no typo of a short one (and the distance costs name.length²).
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Requires an integer >= `minimum`.
 *
 * @example
 * ```ts
 * integerAtLeast('cosineRestarts', 'cycleLimit', 0, 0);  // 0
 * integerAtLeast('cosineRestarts', 'cycleLimit', -1, 0); // RangeError: … must be an integer >= 0; received -1
 * ```
 * @internal
 */
export function integerAtLeast(owner: string, name: string, value: unknown, minimum: number): number {
  const rule = `an integer >= ${minimum}`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(Number.isInteger(value) && value >= minimum)) fail(owner, name, rule, value, 'range');
  return value;
}

/**
 * Requires a finite number > `minimum`.
 *
 * @example
 * ```ts
 * numberGreaterThan('inverseSqrt', 'timescale', 10, 0); // 10
 * numberGreaterThan('inverseSqrt', 'timescale', 0, 0);  // RangeError: … must be a finite number > 0; received 0
 * ```
 * @internal
 */
export function numberGreaterThan(owner: string, name: string, value: unknown, minimum: number): number {
  const rule = `a finite number > ${minimum}`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(Number.isFinite(value) && value > minimum)) fail(owner, name, rule, value, 'range');
  return value === 0 ? 0 : value; // -0 is 0: JSON writes it so, and a loaded config must evaluate the same
}
