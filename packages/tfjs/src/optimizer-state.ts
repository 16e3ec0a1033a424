import * as tf from '@tensorflow/tfjs';
import { adaptOptimizer } from './optimizer-adapter.js';

/** A slot of a tfjs optimizer: `{ originalName, variable }` in `accumulatedGrads`, `accumulatedFirstMoment`, … */
export interface OptimizerSlot {
  readonly originalName?: string;
  readonly variable: tf.Variable;
}

/** Whether a value is one optimizer slot entry. */
export function isOptimizerSlot(value: unknown): value is OptimizerSlot {
  return value !== null && typeof value === 'object' && (value as { variable?: unknown }).variable instanceof tf.Variable;
}

/** Whether a field of an optimizer is an array of slots (holes allowed: slots are created lazily). */
export function isOptimizerSlotArray(value: unknown): value is (OptimizerSlot | undefined | null)[] {
  return Array.isArray(value) && value.every((entry) => entry === undefined || entry === null || isOptimizerSlot(entry));
}

/** A plain field value of an optimizer that JSON can hold. */
export type OptimizerField = number | boolean | string | null;

/**
 * The JSON part of an optimizer's state (see {@link readOptimizerState}): its plain fields, the
 * names of its own variables, and per slot array the `originalName` of each slot (null: hole).
 */
export interface OptimizerStateDescription {
  /** The optimizer's tfjs class name. */
  readonly className: string;
  /** Number, boolean, string and null fields (`iterations_`, `learningRate`, `beta1`, …). */
  readonly fields: Readonly<Record<string, OptimizerField>>;
  /** Fields holding a `tf.Variable` (Adam's `accBeta1`, Adamax's `iteration`, …). */
  readonly variables: readonly string[];
  /** Slot arrays: field name and each slot's `originalName` (null for a hole). */
  readonly slots: readonly { readonly field: string; readonly names: readonly (string | null)[] }[];
}

/** An optimizer's complete state: the JSON description and its tensors by name. */
export interface OptimizerState {
  readonly description: OptimizerStateDescription;
  /** `variable/<field>` and `slot/<field>/<index>` → a clone of the value (the caller disposes them). */
  readonly tensors: Readonly<Record<string, tf.Tensor>>;
}

const learningRateFields = new Set(['learningRate', 'momentum', 'beta1']);

/**
 * Reads everything an optimizer keeps between updates, so that another optimizer of the same
 * class continues bit for bit: its own variables (Adam's `accBeta1`/`accBeta2`, Adamax's
 * `iteration`), every slot variable (moments, accumulators, with their names), and its plain
 * fields (`iterations_`, `learningRate`, `momentum`, `beta1`, …). The tensors are clones (no
 * copy until training replaces the variables' values); the caller disposes them.
 *
 * tfjs's own `optimizer.getWeights()` is not used: it omits Adam's running `accBeta` products
 * (`setWeights` recomputes them as `beta ** (t + 1)`, not bit-identical) and the plain fields.
 *
 * @param optimizer - a tfjs optimizer.
 * @example
 * ```ts
 * const state = readOptimizerState(model.optimizer);
 * writeOptimizerState(otherModel.optimizer, state);
 * tf.dispose(Object.values(state.tensors));
 * ```
 */
export function readOptimizerState(optimizer: tf.Optimizer): OptimizerState {
  const record = optimizer as unknown as Record<string, unknown>;
  const fields: Record<string, OptimizerField> = {};
  const variables: string[] = [];
  const slots: { field: string; names: (string | null)[] }[] = [];
  const tensors: Record<string, tf.Tensor> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value instanceof tf.Variable) {
      variables.push(key);
      tensors[`variable/${key}`] = tf.clone(value);
    } else if (isOptimizerSlotArray(value)) {
      const names = value.map((entry, index) => {
        if (!isOptimizerSlot(entry)) return null;
        tensors[`slot/${key}/${index}`] = tf.clone(entry.variable);
        return entry.originalName ?? `${key}/${index}`;
      });
      slots.push({ field: key, names });
    } else if (value === null || ['number', 'boolean', 'string'].includes(typeof value)) {
      fields[key] = value as OptimizerField;
    }
  }
  return { description: { className: optimizer.getClassName(), fields, variables, slots }, tensors };
}

/**
 * Writes a state read by {@link readOptimizerState} into an optimizer of the same class (fresh
 * or trained): variables are assigned, slot variables assigned or created (the old slots beyond
 * the saved ones are disposed), plain fields set, and the learning rate and momentum go through
 * the optimizer adapter so cached scalars (`sgd`/`momentum`) follow. The given tensors stay the
 * caller's.
 *
 * @param optimizer - the optimizer to overwrite.
 * @param state - the saved state.
 * @throws TypeError when the classes differ or a tensor is missing.
 * @example
 * ```ts
 * const saved = readOptimizerState(model.optimizer);
 * await model.fit(xs, ys, { epochs: 1 });
 * writeOptimizerState(model.optimizer, saved); // as if that epoch never ran
 * ```
 */
export function writeOptimizerState(optimizer: tf.Optimizer, state: OptimizerState): void {
  const owner = 'writeOptimizerState';
  const { description, tensors } = state;
  if (optimizer.getClassName() !== description.className) {
    throw new TypeError(`${owner}: the saved state is of a ${description.className} optimizer; received a ${optimizer.getClassName()} optimizer`);
  }
  const take = (name: string): tf.Tensor => {
    const tensor = tensors[name];
    if (tensor === undefined) throw new TypeError(`${owner}: the saved state has no tensor ${JSON.stringify(name)}`);
    return tensor;
  };
  const record = optimizer as unknown as Record<string, unknown>;
  for (const key of description.variables) {
    const target = record[key];
    if (!(target instanceof tf.Variable)) throw new TypeError(`${owner}: the optimizer has no variable field ${JSON.stringify(key)}`);
    target.assign(take(`variable/${key}`));
  }
  for (const { field, names } of description.slots) {
    const current = isOptimizerSlotArray(record[field]) ? (record[field] as (OptimizerSlot | undefined | null)[]) : [];
    const next: (OptimizerSlot | undefined)[] = [];
    names.forEach((name, index) => {
      const existing = current[index];
      if (name === null) {
        if (isOptimizerSlot(existing)) existing.variable.dispose();
        next.push(undefined);
        return;
      }
      const value = take(`slot/${field}/${index}`);
      if (isOptimizerSlot(existing) && existing.variable.shape.join() === value.shape.join()) {
        existing.variable.assign(value);
        next.push(existing);
      } else {
        if (isOptimizerSlot(existing)) existing.variable.dispose();
        next.push({ originalName: name, variable: tf.variable(value, false) });
      }
    });
    for (const extra of current.slice(names.length)) if (isOptimizerSlot(extra)) extra.variable.dispose();
    record[field] = next;
  }
  for (const [key, value] of Object.entries(description.fields)) {
    if (!learningRateFields.has(key)) record[key] = value;
  }
  const adapter = adaptOptimizer(optimizer);
  const learningRate = description.fields['learningRate'];
  if (typeof learningRate === 'number') adapter.setLearningRate(learningRate);
  const knob = adapter.momentumKnob;
  const momentum = knob === undefined ? undefined : description.fields[knob];
  if (typeof momentum === 'number') adapter.setMomentum(momentum);
}
