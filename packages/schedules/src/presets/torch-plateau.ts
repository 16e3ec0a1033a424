import { type PlateauReducer, plateau } from '../plateau.js';
import { knownKeys, nonNegativeInteger, nonNegativeNumber, numberBetweenExclusive, oneOf, optionKeys } from '../validation.js';
import { argument } from './framework-arguments.js';

/** Options of {@link torchPlateau}: `torch.optim.lr_scheduler.ReduceLROnPlateau`'s, spelled as PyTorch spells them. */
export interface TorchPlateauOptions {
  /** `'min'` (default) or `'max'`. */
  readonly mode?: 'min' | 'max';
  /** Multiplier per reduction, in (0, 1). Default 0.1. */
  readonly factor?: number;
  /** Bad epochs tolerated: the reduction comes when they EXCEED it (patience 2 reduces on the 3rd). Default 10. */
  readonly patience?: number;
  /** Smallest significant improvement. Default 1e-4. */
  readonly threshold?: number;
  /** `'rel'` (default: better than `best * (1 - threshold)`) or `'abs'` (`best - threshold`). */
  readonly threshold_mode?: 'rel' | 'abs';
  /** Epochs ignored after a reduction. Default 0. */
  readonly cooldown?: number;
  /** Floor for the learning rate. Default 0. */
  readonly min_lr?: number;
  /** A reduction of `eps` or less is skipped. Default 1e-8. */
  readonly eps?: number;
}

/**
 * PyTorch's `ReduceLROnPlateau` as a pure {@link PlateauReducer}, reproducing its numbers
 * exactly. The mapping onto the native reducer: PyTorch reduces when bad epochs exceed
 * `patience`, the native reducer when they reach it, so native `patience = patience + 1`;
 * `threshold`/`threshold_mode` → `minDelta`/`minDeltaMode` (`'rel'` → `'relative'`);
 * `cooldown` unchanged (PyTorch and the native reducer both ignore `cooldown` evaluations);
 * `min_lr` → `minValue`; `eps` → `minChange`. Pass the optimizer's learning rate as
 * `baseValue` to `update` so `min_lr` and `eps` are measured in learning-rate units.
 *
 * Differences: PyTorch counts `-inf` in `'min'` mode (`+inf` in `'max'`) as an improvement;
 * the native reducer never counts a non-finite metric as one.
 *
 * @example
 * ```ts
 * const reducer = torchPlateau({ factor: 0.1, patience: 2 });
 * let state = reducer.init();
 * for (const loss of [1, 0.9, 0.9, 0.9, 0.9]) state = reducer.update(state, loss, 1);
 * reducer.apply(state, 1); // 0.1 (after the 3rd bad epoch)
 * ```
 */
export function torchPlateau(options: TorchPlateauOptions = {}): PlateauReducer {
  return torchPlateauFor('torchPlateau', options);
}

const torchPlateauOptionKeys = optionKeys<TorchPlateauOptions>({
  mode: true,
  factor: true,
  patience: true,
  threshold: true,
  threshold_mode: true,
  cooldown: true,
  min_lr: true,
  eps: true,
});

/** {@link torchPlateau} with the name of the function the user called, for its error messages (not exported by the package). */
export function torchPlateauFor(owner: string, options: TorchPlateauOptions): PlateauReducer {
  const o = knownKeys(owner, options, torchPlateauOptionKeys);
  const thresholdMode = oneOf(owner, 'threshold_mode', argument(o, 'threshold_mode', 'rel'), ['rel', 'abs'] as const);
  return plateau({
    mode: oneOf(owner, 'mode', argument(o, 'mode', 'min'), ['min', 'max'] as const),
    factor: numberBetweenExclusive(owner, 'factor', argument(o, 'factor', 0.1), 0, 1),
    patience: nonNegativeInteger(owner, 'patience', argument(o, 'patience', 10)) + 1,
    minDelta: nonNegativeNumber(owner, 'threshold', argument(o, 'threshold', 1e-4)),
    minDeltaMode: thresholdMode === 'rel' ? 'relative' : 'absolute',
    cooldown: nonNegativeInteger(owner, 'cooldown', argument(o, 'cooldown', 0)),
    minValue: nonNegativeNumber(owner, 'min_lr', argument(o, 'min_lr', 0)),
    minChange: nonNegativeNumber(owner, 'eps', argument(o, 'eps', 1e-8)),
    countNonFinite: true,
  });
}
