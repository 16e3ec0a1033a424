import type { JsonValue } from '@lrkit/schedules';
import { describeValue } from '@lrkit/schedules/validation';
import type * as tf from '@tensorflow/tfjs';

/**
 * The saved state of an lrkit callback: plain JSON (`JSON.stringify` round-trips it; the
 * non-finite numbers a state may hold, such as a best value of `Infinity` before the first
 * epoch, are written as the strings `'Infinity'`, `'-Infinity'` and `'NaN'`).
 */
export interface CallbackState {
  /** The class that wrote it (`'LearningRateScheduler'`, `'ReduceLROnPlateau'`, …); `setState` checks it. */
  readonly type: string;
  /** The state format's version (1). */
  readonly version: number;
  readonly [key: string]: JsonValue;
}

/**
 * Something whose training state can be saved and put back: every lrkit callback, and the
 * state holder of a batch-size run. `BackupAndRestore` saves and restores these.
 *
 * A holder that keeps tensors too (EarlyStopping's best weights) lists them in
 * `getStateTensors()`; they are given back to `setState` in the same order.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(scheduler.getState());
 * // … later, in a new process, with a new scheduler built with the same options:
 * scheduler.setState(JSON.parse(saved));
 * ```
 */
export interface StatefulCallback {
  /** The state as plain JSON. */
  getState(): CallbackState;
  /** Puts a state from `getState()` back (`tensors`: those `getStateTensors()` listed, in order). */
  setState(state: CallbackState, tensors?: readonly tf.Tensor[]): void;
  /** Tensors that belong to the state (not copied: the caller clones or serialises them). */
  getStateTensors?(): readonly tf.Tensor[];
}

/**
 * Whether a value has `getState` and `setState`.
 *
 * @example
 * ```ts
 * isStatefulCallback(new LossHistory()); // true
 * isStatefulCallback({});                // false
 * ```
 */
export function isStatefulCallback(value: unknown): value is StatefulCallback {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as StatefulCallback).getState === 'function' &&
    typeof (value as StatefulCallback).setState === 'function'
  );
}

/**
 * A number for a JSON state: finite numbers as they are, others as `'Infinity'`, `'-Infinity'`, `'NaN'`.
 *
 * @example
 * ```ts
 * encodeStateNumber(Infinity); // 'Infinity'
 * encodeStateNumber(0.5);      // 0.5
 * ```
 */
export function encodeStateNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/**
 * Reads a state written by a `getState()`: checks its `type` and version and returns a reader
 * of its fields that throws one clear error (owner, field, rule, value) on a field of the wrong kind.
 *
 * @param owner - the class reading it (its name is the expected `type`).
 * @param state - the state given to `setState`.
 * @example
 * ```ts
 * const read = readState('EarlyStopping', state);
 * const wait = read.integer('wait');
 * const best = read.number('best'); // accepts 'Infinity'
 * ```
 */
export function readState(owner: string, state: unknown): StateReader {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) {
    throw new TypeError(`${owner}.setState: \`state\` must be an object from ${owner}.getState(); received ${describeValue(state)}`);
  }
  const record = state as Record<string, unknown>;
  if (record['type'] !== owner) {
    throw new TypeError(
      `${owner}.setState: \`state.type\` must be ${JSON.stringify(owner)} (a state from ${owner}.getState()); received ${describeValue(record['type'])}`,
    );
  }
  if (record['version'] !== 1) {
    throw new RangeError(`${owner}.setState: \`state.version\` must be 1; received ${describeValue(record['version'])}`);
  }
  const wrong = (key: string, rule: string): never => {
    throw new TypeError(`${owner}.setState: \`state.${key}\` must be ${rule}; received ${describeValue(record[key])}`);
  };
  const decode = (key: string, value: unknown): number => {
    if (typeof value === 'number') return value;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (value === 'NaN') return Number.NaN;
    return wrong(key, 'a number');
  };
  return {
    number: (key) => decode(key, record[key]),
    optionalNumber: (key) => (record[key] === null || record[key] === undefined ? undefined : decode(key, record[key])),
    integer: (key) => {
      const value = record[key];
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : wrong(key, 'an integer >= 0');
    },
    boolean: (key) => (typeof record[key] === 'boolean' ? (record[key] as boolean) : wrong(key, 'a boolean')),
    value: (key) => record[key],
  };
}

/** Typed access to the fields of a state (see {@link readState}). */
export interface StateReader {
  /** A number (or its encoded non-finite form). */
  number(key: string): number;
  /** A number, or undefined when the field is null or absent. */
  optionalNumber(key: string): number | undefined;
  /** An integer >= 0. */
  integer(key: string): number;
  /** A boolean. */
  boolean(key: string): boolean;
  /** The raw field. */
  value(key: string): unknown;
}
