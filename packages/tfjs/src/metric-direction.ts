/** Metric names that improve upwards (the same rule as Keras's `mode: 'auto'`). */
const maximisedMetric = /(^|_)(acc|accuracy|auc|precision|recall)($|_)|accuracy|precision|recall|auc/i;
/** Metric names that improve downwards: losses and error metrics. */
const minimisedMetric = /loss|error|mse|mae|mape|msle|crossentropy|hinge|kld|kullback|poisson|logcosh/i;

/**
 * Which way a metric improves, from its name: `'max'` for accuracy, AUC, precision and recall
 * (`acc`, `val_accuracy`, …), `'min'` for losses and error metrics (`loss`, `val_mse`, …), and
 * `undefined` when the name does not say.
 *
 * @param name - the log key (`'val_loss'`, `'acc'`, …).
 * @example
 * ```ts
 * metricDirection('val_acc');  // 'max'
 * metricDirection('loss');     // 'min'
 * metricDirection('f1');       // undefined
 * ```
 */
export function metricDirection(name: string): 'min' | 'max' | undefined {
  if (maximisedMetric.test(name)) return 'max';
  if (minimisedMetric.test(name)) return 'min';
  return undefined;
}
