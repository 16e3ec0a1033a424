import { type PlateauReducer, plateau } from '../plateau.js';
import { describeValue, knownKeys, nonNegativeInteger, nonNegativeNumber, numberBetweenExclusive, oneOf, optionKeys } from '../validation.js';
import { argument } from './framework-arguments.js';

/** Options of {@link kerasPlateau}: `keras.callbacks.ReduceLROnPlateau`'s, spelled as Keras spells them. */
export interface KerasPlateauOptions {
  /** The monitored quantity; with `mode: 'auto'` a name containing `'acc'` means higher is better. Default `'val_loss'`. */
  readonly monitor?: string;
  /** Multiplier per reduction, in (0, 1). Default 0.1. */
  readonly factor?: number;
  /** Epochs without improvement: the reduction comes when the wait REACHES it. Default 10. */
  readonly patience?: number;
  /** Accepted and ignored (logging only). Default 0. */
  readonly verbose?: number;
  /** `'auto'` (default), `'min'` or `'max'`. */
  readonly mode?: 'auto' | 'min' | 'max';
  /** Smallest significant improvement, absolute. Default 1e-4. */
  readonly min_delta?: number;
  /** Epochs to wait after a reduction; Keras ignores `cooldown - 1` of them. Default 0. */
  readonly cooldown?: number;
  /** Floor for the learning rate. Default 0. */
  readonly min_lr?: number;
}

/** A plateau reducer that also remembers which quantity Keras would monitor. */
export type KerasPlateauReducer = PlateauReducer & {
  /** The metric name to feed to `update` (Keras's `monitor`). */
  readonly monitor: string;
};

const kerasPlateauOptionKeys = optionKeys<KerasPlateauOptions>({
  monitor: true,
  factor: true,
  patience: true,
  verbose: true,
  mode: true,
  min_delta: true,
  cooldown: true,
  min_lr: true,
});

/**
 * Keras's `ReduceLROnPlateau` callback as a pure {@link PlateauReducer}, reproducing its
 * numbers exactly. The mapping onto the native reducer: the wait reaching `patience`
 * triggers a reduction in both; `min_delta` is absolute; `min_lr` → `minValue`; `mode: 'auto'`
 * becomes `'max'` when `monitor` contains `'acc'`, else `'min'`. Keras decrements its
 * cooldown counter before counting the epoch, so the epoch on which the counter reaches 0
 * already counts: Keras ignores `cooldown - 1` epochs (cooldown 1 behaves as 0), hence
 * native `cooldown = max(cooldown - 1, 0)`.
 *
 * Differences: Keras compares against `float32(min_lr)` and stores the learning rate in
 * float32; lrkit works in float64. Keras counts `-inf` as an improvement in `'min'` mode;
 * the native reducer never counts a non-finite metric as one.
 *
 * @example
 * ```ts
 * const reducer = kerasPlateau({ factor: 0.1, patience: 2 });
 * let state = reducer.init();
 * for (const loss of [1, 0.9, 0.9, 0.9]) state = reducer.update(state, loss, 1);
 * reducer.apply(state, 1); // 0.1 (the wait reached 2)
 * ```
 */
export function kerasPlateau(options: KerasPlateauOptions = {}): KerasPlateauReducer {
  const owner = 'kerasPlateau';
  const o = knownKeys(owner, options, kerasPlateauOptionKeys);
  const monitor = argument(o, 'monitor', 'val_loss');
  if (typeof monitor !== 'string') {
    throw new TypeError(`${owner}: \`monitor\` must be a string; received ${describeValue(monitor)}`);
  }
  const verbose = argument(o, 'verbose', 0);
  if (typeof verbose !== 'number' && typeof verbose !== 'boolean') {
    throw new TypeError(`${owner}: \`verbose\` must be a number; received ${describeValue(verbose)}`);
  }
  const mode = oneOf(owner, 'mode', argument(o, 'mode', 'auto'), ['auto', 'min', 'max'] as const);
  const cooldown = nonNegativeInteger(owner, 'cooldown', argument(o, 'cooldown', 0));
  const reducer = plateau({
    mode: mode === 'auto' ? (monitor.includes('acc') ? 'max' : 'min') : mode,
    factor: numberBetweenExclusive(owner, 'factor', argument(o, 'factor', 0.1), 0, 1),
    patience: nonNegativeInteger(owner, 'patience', argument(o, 'patience', 10)),
    minDelta: nonNegativeNumber(owner, 'min_delta', argument(o, 'min_delta', 1e-4)),
    minDeltaMode: 'absolute',
    cooldown: Math.max(cooldown - 1, 0),
    minValue: nonNegativeNumber(owner, 'min_lr', argument(o, 'min_lr', 0)),
    minChange: 0,
    countNonFinite: true,
  });
  return { ...reducer, monitor };
}
