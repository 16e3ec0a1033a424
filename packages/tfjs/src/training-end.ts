import type * as tf from '@tensorflow/tfjs';

type Listener = () => void;

const listenersByModel = new WeakMap<object, Set<Listener>>();

/**
 * Calls `listener` whenever a `fit` / `fitDataset` call of `model` finishes — normally or
 * because a callback, the data or the model threw. tfjs calls no callback hook when a fit is
 * aborted by an exception; the one thing it always does is reset `model.isTraining` in its
 * `finally` block, so this watches that field (an accessor installed once per model; the value
 * behaves as before). A listener that throws is reported with `console.warn` and does not
 * disturb tfjs.
 *
 * @param model - the model being trained (a `tf.Sequential` is watched through the model it wraps).
 * @param listener - called after each fit call ends (after `onTrainEnd` when there was one).
 * @returns a function that removes the listener.
 * @example
 * ```ts
 * const stop = watchFitEnd(model, () => console.log('fit ended'));
 * await model.fit(xs, ys, { epochs: 1 }).catch(() => {}); // logs 'fit ended' even if it threw
 * stop();
 * ```
 */
export function watchFitEnd(model: tf.LayersModel, listener: () => void): () => void {
  // A tf.Sequential trains through the LayersModel it wraps: that one's flag is the one set.
  const inner = (model as unknown as { model?: unknown }).model;
  if (inner !== null && typeof inner === 'object' && inner !== model && 'isTraining' in inner) {
    return watchFitEnd(inner as unknown as tf.LayersModel, listener);
  }
  let listeners = listenersByModel.get(model);
  if (listeners === undefined) {
    const registered = new Set<Listener>();
    listeners = registered;
    listenersByModel.set(model, registered);
    const record = model as unknown as { isTraining: boolean };
    let training = record.isTraining;
    Object.defineProperty(model, 'isTraining', {
      configurable: true,
      enumerable: true,
      get: () => training,
      set: (next: boolean) => {
        const ended = training && !next;
        training = next;
        if (!ended) return;
        for (const each of [...registered]) {
          try {
            each();
          } catch (error) {
            console.warn('lrkit: a fit-end listener failed:', error);
          }
        }
      },
    });
  }
  const registered = listeners;
  registered.add(listener);
  return () => {
    registered.delete(listener);
  };
}
