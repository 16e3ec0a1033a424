import * as tf from '@tensorflow/tfjs';
import { isOptimizerSlotArray as isSlotArray, isOptimizerSlot as isSlotEntry } from './optimizer-state.js';

/** A saved copy of a model's weights and its optimizer's state, restorable bit-for-bit. */
export interface TrainingStateSnapshot {
  /** Puts every saved value back and disposes what the sweep created; the snapshot is spent afterwards. */
  restore(): void;
  /** Frees the saved copies without restoring (idempotent). */
  dispose(): void;
}

type SlotEntry = { readonly variable: tf.Variable };

interface SavedVariable {
  readonly variable: tf.Variable;
  readonly value: tf.Tensor;
}

interface SavedSlotArray {
  readonly key: string;
  readonly entries: readonly SlotEntry[];
  readonly values: readonly tf.Tensor[];
}

/**
 * Saves what training changes so that it can be put back exactly:
 *
 * - every weight of the model (`model.getWeights()`: trainable and non-trainable, e.g.
 *   batch-norm statistics), restored with `model.setWeights`;
 * - every `tf.Variable` the optimizer holds in its own fields (Adam's `accBeta1`/`accBeta2`,
 *   Adamax's `iteration`, …) and in its slot arrays (`accumulatedFirstMoment`,
 *   `accumulatedMoments`, `accumulatedGrads`, …), restored by assigning the saved value; slot
 *   variables the sweep created (an optimizer that had not stepped yet creates them lazily)
 *   are disposed and removed, so the slot arrays get back their old length;
 * - the optimizer's own number, boolean and string fields (`iterations_`, `learningRate`,
 *   `momentum`, …), restored as they were.
 *
 * tfjs's `optimizer.setWeights` is not used for restoring: it re-creates the slot variables
 * without disposing the old ones and recomputes Adam's `accBeta1` as `beta1 ** (t + 1)`,
 * which is not bit-identical to the running product. Saved copies are `tf.clone`s (they share
 * the storage until training replaces the variable's value), so a snapshot costs no copy.
 *
 * The optimizer's cached learning-rate scalars (`sgd`/`momentum`) are tensors, not
 * variables: the caller restores the learning rate through the optimizer adapter.
 *
 * @param model - a compiled model; its `optimizer` is saved too.
 * @example
 * ```ts
 * const snapshot = snapshotTrainingState(model);
 * try { await model.trainOnBatch(xs, ys); } finally { snapshot.restore(); }
 * ```
 */
export function snapshotTrainingState(model: tf.LayersModel): TrainingStateSnapshot {
  const weights = model.getWeights().map((weight) => tf.clone(weight));
  const optimizer = model.optimizer as unknown as Record<string, unknown>;
  const variables: SavedVariable[] = [];
  const slotArrays: SavedSlotArray[] = [];
  const primitives: { key: string; value: unknown }[] = [];
  for (const key of Object.keys(optimizer)) {
    const value = optimizer[key];
    if (value instanceof tf.Variable) {
      variables.push({ variable: value, value: tf.clone(value) });
    } else if (isSlotArray(value)) {
      const entries = value.filter(isSlotEntry);
      slotArrays.push({ key, entries: [...value] as SlotEntry[], values: entries.map((entry) => tf.clone(entry.variable)) });
    } else if (value === null || value === undefined || ['number', 'boolean', 'string'].includes(typeof value)) {
      primitives.push({ key, value });
    }
  }
  let spent = false;

  const dispose = (): void => {
    if (spent) return;
    spent = true;
    tf.dispose(weights);
    tf.dispose(variables.map((saved) => saved.value));
    for (const saved of slotArrays) tf.dispose([...saved.values]);
  };

  return {
    restore(): void {
      if (spent) throw new Error('snapshotTrainingState: this snapshot was already restored or disposed');
      model.setWeights(weights);
      for (const saved of variables) saved.variable.assign(saved.value);
      for (const saved of slotArrays) {
        const current = optimizer[saved.key];
        const kept = new Set(saved.entries.map((entry) => entry?.variable));
        if (Array.isArray(current)) {
          for (const entry of current) {
            if (isSlotEntry(entry) && !kept.has(entry.variable)) entry.variable.dispose();
          }
        }
        let position = 0;
        for (const entry of saved.entries) {
          if (!isSlotEntry(entry)) continue;
          entry.variable.assign(saved.values[position] as tf.Tensor);
          position += 1;
        }
        optimizer[saved.key] = [...saved.entries];
      }
      for (const saved of primitives) optimizer[saved.key] = saved.value;
      dispose();
    },
    dispose,
  };
}
