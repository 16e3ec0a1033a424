import { checkConfigShape } from './config-shape.js';
import { excerptText } from './excerpt.js';
import { limits } from './limits.js';
import { scheduleFactories } from './registry.js';
import type { JsonValue, Schedule, ScheduleConfig } from './schedule.js';
import { closestName, describeValue } from './validation.js';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Returns a deep copy of a schedule's JSON config, ready for `JSON.stringify`.
 * Throws a `TypeError` when the schedule (or a schedule nested in it) is a `lambda`,
 * whose function cannot be serialised.
 *
 * @example
 * ```ts
 * toConfig(cosine({ initialValue: 0.1, decaySteps: 100 }));
 * // { type: 'cosine', initialValue: 0.1, decaySteps: 100, finalValue: 0, exponent: 1 }
 * ```
 */
export function toConfig(schedule: Schedule): ScheduleConfig {
  if (typeof schedule !== 'function' || schedule.config === undefined) {
    throw new TypeError(`toConfig: \`schedule\` must be an lrkit schedule; received ${describeValue(schedule)}`);
  }
  return copyConfig(schedule.config as unknown as JsonValue, 'schedule') as unknown as ScheduleConfig;
}

function copyConfig(value: JsonValue, path: string): JsonValue {
  if (Array.isArray(value)) return value.map((item, index) => copyConfig(item as JsonValue, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, JsonValue>;
    if (record.type === 'lambda') {
      throw new TypeError(
        `toConfig: ${path} is a lambda schedule, whose function cannot be serialised; ` + 'replace it with a built-in schedule to save this config',
      );
    }
    const copy: Record<string, JsonValue> = {};
    for (const [key, inner] of Object.entries(record)) copy[key] = copyConfig(inner, `${path}.${key}`);
    return copy;
  }
  return value;
}

/**
 * Builds a schedule from a JSON config made by {@link toConfig} (or written by hand,
 * or read from an untrusted file). The config is validated: an unknown `type` (with the
 * closest known name suggested), a wrong field type, an unknown key and prototype keys
 * (`__proto__`, `constructor`, `prototype`) are rejected with a clear error. Nesting deeper than
 * `limits.maxNestingDepth` (32), more than `limits.maxConfigNodes` (100,000) values, or an array
 * longer than `limits.maxArrayLength` (10,000) is a `RangeError` naming the limit.
 *
 * @example
 * ```ts
 * const s = fromConfig({ type: 'cosine', initialValue: 0.1, decaySteps: 100 });
 * s(50); // 0.05
 * ```
 */
export function fromConfig(config: unknown): Schedule {
  checkConfigShape(config, 'fromConfig');
  return load(config, 'config');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isScheduleConfig(value: unknown): boolean {
  return isPlainObject(value) && typeof value.type === 'string';
}

function load(config: unknown, path: string): Schedule {
  if (!isPlainObject(config)) {
    throw new TypeError(`fromConfig: ${path} must be a plain object with a \`type\`; received ${describeValue(config)}`);
  }
  for (const key of Object.keys(config)) {
    if (forbiddenKeys.has(key)) {
      throw new TypeError(`fromConfig: ${path} has the forbidden key \`${key}\`; received ${describeValue(config)}`);
    }
  }
  const { type, ...options } = config;
  if (typeof type !== 'string') {
    throw new TypeError(`fromConfig: ${path}.type must be a string; received ${describeValue(type)}`);
  }
  if (type === 'lambda') {
    throw new TypeError(`fromConfig: ${path} is a lambda schedule, which cannot be loaded from JSON; re-create it with lambda(fn)`);
  }
  const factory = Object.hasOwn(scheduleFactories, type) ? scheduleFactories[type] : undefined;
  if (factory === undefined) {
    const known = Object.keys(scheduleFactories);
    const suggestion = closestName(type, known);
    throw new TypeError(
      `fromConfig: ${path}.type ${describeValue(type)} is not a known schedule` +
        (suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`) +
        `; known types are ${known.join(', ')}`,
    );
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    resolved[key] = loadNested(value, `${path}.${excerptText(key)}`);
  }
  return (factory as (options: Record<string, unknown>) => Schedule)(resolved);
}

function loadNested(value: unknown, path: string): unknown {
  if (isScheduleConfig(value)) return load(value, path);
  // A longer array is left to the schedule's own length check (loading it first would be unbounded work).
  if (Array.isArray(value) && value.length > 0 && value.length <= limits.maxArrayLength && value.every(isScheduleConfig)) {
    return value.map((item, index) => load(item, `${path}[${index}]`));
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (forbiddenKeys.has(key)) {
        throw new TypeError(`fromConfig: ${path} has the forbidden key \`${key}\`; received ${describeValue(value)}`);
      }
    }
  }
  return value;
}
