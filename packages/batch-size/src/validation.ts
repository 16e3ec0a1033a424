/**
 * Argument checks with the message shape used across lrkit:
 * ``batchSizeSchedule: `phases[1].batchSize` must be an integer >= 1; received 0.5``.
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

/** Requires a finite number > 0. */
export function positiveNumber(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a positive finite number', value, 'type');
  if (!(Number.isFinite(value) && value > 0)) fail(owner, name, 'a positive finite number', value, 'range');
  return value;
}

/** Requires an integer >= 1. */
export function positiveInteger(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'an integer >= 1', value, 'type');
  if (!(Number.isInteger(value) && value >= 1)) fail(owner, name, 'an integer >= 1', value, 'range');
  return value;
}

/** Requires a number in the half-open interval [0, 1) (a momentum coefficient). */
export function momentumValue(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a number in [0, 1)', value, 'type');
  if (!(value >= 0 && value < 1)) fail(owner, name, 'a number in [0, 1)', value, 'range');
  return value;
}

/** Requires a number > 0 (`Infinity` allowed). */
export function positiveOrInfinite(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a number > 0 (Infinity allowed)', value, 'type');
  if (!(value > 0)) fail(owner, name, 'a number > 0 (Infinity allowed)', value, 'range');
  return value;
}

/** Requires a boolean. */
export function booleanOption(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(owner, name, 'a boolean', value, 'type');
  return value;
}

/** Requires a non-empty array of strictly increasing integers >= 1 (epoch milestones). */
export function increasingEpochs(owner: string, name: string, value: unknown): number[] {
  const rule = 'a non-empty array of strictly increasing integers >= 1 (epochs)';
  if (!Array.isArray(value)) fail(owner, name, rule, value, 'type');
  if (value.length === 0) fail(owner, name, rule, value, 'range');
  value.forEach((item: unknown, index) => {
    positiveInteger(owner, `${name}[${index}]`, item);
    const previous = value[index - 1] as number | undefined;
    if (previous !== undefined && !((item as number) > previous)) {
      fail(owner, name, `strictly increasing (${name}[${index}] = ${String(item)} follows ${previous})`, value, 'range');
    }
  });
  return [...(value as number[])];
}

/** Requires that a mandatory option is present. */
export function required<T>(owner: string, name: string, value: T | undefined): T {
  if (value === undefined) {
    throw new TypeError(`${owner}: \`${name}\` is required; received undefined`);
  }
  return value;
}

/** Requires an object whose own keys are all in `allowed`; suggests the closest name. */
export function knownKeys(owner: string, options: unknown, allowed: readonly string[], label = 'options'): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${owner}: ${label} must be a plain object; received ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      const suggestion = closestName(key, allowed);
      throw new TypeError(
        `${owner}: unknown option \`${key}\` in ${label}${suggestion === undefined ? '' : ` (did you mean \`${suggestion}\`?)`}; ` +
          `valid options are ${allowed.map((name) => `\`${name}\``).join(', ')}`,
      );
    }
  }
  return options as Record<string, unknown>;
}

/** The candidate with the smallest edit distance to `name`, when close enough to be a typo. */
function closestName(name: string, candidates: readonly string[]): string | undefined {
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
