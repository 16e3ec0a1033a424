import {
  booleanOption,
  describeValue,
  finiteNumber,
  knownKeys,
  nonEmptyString,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  optionKeys,
} from '@lrkit/schedules/validation';
import * as tf from '@tensorflow/tfjs';
import { type CallbackState, encodeStateNumber, readState, type StatefulCallback } from './callback-state.js';
import { metricDirection } from './metric-direction.js';
import { type CallbackLogs, ModelCallback, resolveLogs } from './model-callback.js';

/** Options of {@link EarlyStopping} (Keras 3's `EarlyStopping` arguments in lrkit's words). */
export interface EarlyStoppingOptions {
  /** The epoch-log metric to watch. Default `'val_loss'` (Keras `monitor`). */
  readonly monitor?: string;
  /** Smallest change that counts as an improvement, absolute. Default 0 (Keras `min_delta`). */
  readonly minDelta?: number;
  /** Epochs without improvement after which training stops. Default 0 (Keras `patience`). */
  readonly patience?: number;
  /**
   * `'min'`, `'max'`, or `'auto'` (default): `'max'` for accuracy, AUC, precision and recall,
   * `'min'` for losses and error metrics; any other name needs an explicit mode.
   */
  readonly mode?: 'auto' | 'min' | 'max';
  /** A value the metric must beat: the wait is only reset by an epoch that improves on it. Default none (Keras `baseline`). */
  readonly baseline?: number;
  /** Put back the weights of the best epoch when training stops or ends. Default false (Keras `restore_best_weights`). */
  readonly restoreBestWeights?: boolean;
  /** Epochs (global index) before monitoring starts: a warm-up that never stops. Default 0 (Keras `start_from_epoch`). */
  readonly startFromEpoch?: number;
  /** Print when training stops and when weights are restored (`console.log`). Default false. */
  readonly verbose?: boolean;
}

const owner = 'EarlyStopping';
/** The option names of {@link EarlyStoppingOptions}, checked against the interface. */
const optionNames = optionKeys<EarlyStoppingOptions>({
  monitor: true,
  minDelta: true,
  patience: true,
  mode: true,
  baseline: true,
  restoreBestWeights: true,
  startFromEpoch: true,
  verbose: true,
});

/**
 * Stops training when a monitored metric has stopped improving, with Keras 3's exact
 * counting, and (unlike `tf.callbacks.earlyStopping`, which throws for it) restores the best
 * epoch's weights.
 *
 * At each epoch end (epochs before `startFromEpoch` and epochs without the metric are
 * skipped): the wait grows by one; an improvement (`current + minDelta < best` in min mode,
 * `current - minDelta > best` in max mode) records the new best and resets the wait, but only
 * when it also improves on `baseline`; otherwise, when the wait has reached `patience` (and
 * the epoch is not the first), training stops. With `restoreBestWeights`, the weights of the
 * best epoch (the first monitored epoch when none improved) are kept as clones — no copy
 * until training replaces a weight — and put back bit for bit when training stops, or at the
 * end of training when it ran to the last epoch.
 *
 * State is reset when a training run begins (as Keras does; under `fitWithBatchSchedule` a
 * run is all its phases), except after `setState` (a resumed run). Keras 3 keeps `best` from
 * one `fit` to the next; lrkit resets it with the rest.
 *
 * @example
 * ```ts
 * const stopping = new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true });
 * await model.fit(xs, ys, { epochs: 100, validationSplit: 0.2, callbacks: [stopping] });
 * stopping.stoppedEpoch; // e.g. 14, and the model holds the weights of epoch stopping.bestEpoch
 * ```
 */
export class EarlyStopping extends ModelCallback implements StatefulCallback {
  /** The monitored metric. */
  readonly monitor: string;
  /** The direction of improvement (`mode: 'auto'` resolved). */
  readonly mode: 'min' | 'max';
  /** The options with defaults filled in. */
  readonly options: {
    readonly minDelta: number;
    readonly patience: number;
    readonly baseline: number | undefined;
    readonly restoreBestWeights: boolean;
    readonly startFromEpoch: number;
    readonly verbose: boolean;
  };
  private waitCount = 0;
  private bestValue: number;
  private bestEpochIndex: number | undefined;
  private stoppedEpochIndex: number | undefined;
  private bestWeightsCopy: tf.Tensor[] | undefined;
  private restoredFromState = false;
  private warnedMissing = false;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    const checked = knownKeys(owner, options, optionNames);
    this.monitor = nonEmptyString(owner, 'monitor', checked.monitor ?? 'val_loss');
    const mode = oneOf(owner, 'mode', checked.mode ?? 'auto', ['auto', 'min', 'max'] as const);
    if (mode === 'auto') {
      const direction = metricDirection(this.monitor);
      if (direction === undefined) {
        throw new RangeError(
          `${owner}: \`mode\` 'auto' cannot tell whether ${describeValue(this.monitor)} should be minimised or maximised; ` + "pass mode: 'min' or mode: 'max'",
        );
      }
      this.mode = direction;
    } else {
      this.mode = mode;
    }
    this.options = {
      minDelta: checked.minDelta === undefined ? 0 : nonNegativeNumber(owner, 'minDelta', checked.minDelta),
      patience: checked.patience === undefined ? 0 : nonNegativeInteger(owner, 'patience', checked.patience),
      baseline: checked.baseline === undefined ? undefined : finiteNumber(owner, 'baseline', checked.baseline),
      restoreBestWeights: checked.restoreBestWeights === undefined ? false : booleanOption(owner, 'restoreBestWeights', checked.restoreBestWeights),
      startFromEpoch: checked.startFromEpoch === undefined ? 0 : nonNegativeInteger(owner, 'startFromEpoch', checked.startFromEpoch),
      verbose: checked.verbose === undefined ? false : booleanOption(owner, 'verbose', checked.verbose),
    };
    this.bestValue = this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Epochs since the last improvement (Keras `wait`). */
  get wait(): number {
    return this.waitCount;
  }

  /** The best value of the monitored metric so far (±Infinity before the first monitored epoch). */
  get best(): number {
    return this.bestValue;
  }

  /** The epoch of the best value (or of the kept weights), or undefined before the first monitored epoch. */
  get bestEpoch(): number | undefined {
    return this.bestEpochIndex;
  }

  /** The epoch at whose end training was stopped, or undefined when it was not stopped. */
  get stoppedEpoch(): number | undefined {
    return this.stoppedEpochIndex;
  }

  override async onTrainBegin(): Promise<void> {
    if (this.restoredFromState) {
      this.restoredFromState = false;
      return;
    }
    this.reset();
  }

  override async onEpochEnd(epoch: number, logs?: CallbackLogs): Promise<void> {
    const model = this.trainingModel;
    if (model === undefined) return;
    const resolved = await resolveLogs(logs);
    const current = resolved[this.monitor];
    if (current === undefined) {
      if (!this.warnedMissing) {
        this.warnedMissing = true;
        console.warn(
          `${owner}: the monitored metric ${describeValue(this.monitor)} is not in the epoch logs; ` +
            `available keys: ${Object.keys(resolved).join(', ') || '(none)'}. Training is not stopped.`,
        );
      }
      return;
    }
    if (epoch < this.options.startFromEpoch) return;
    if (this.options.restoreBestWeights && this.bestWeightsCopy === undefined) {
      // No epoch improved yet: the first monitored epoch's weights are the best so far.
      this.keepWeights(model);
      this.bestEpochIndex = epoch;
    }
    this.waitCount += 1;
    if (this.isImprovement(current, this.bestValue)) {
      this.bestValue = current;
      this.bestEpochIndex = epoch;
      if (this.options.restoreBestWeights) this.keepWeights(model);
      if (this.options.baseline === undefined || this.isImprovement(current, this.options.baseline)) this.waitCount = 0;
      return;
    }
    if (this.waitCount >= this.options.patience && epoch > 0) {
      this.stoppedEpochIndex = epoch;
      model.stopTraining = true;
      if (this.options.verbose) console.log(`${owner}: epoch ${epoch}: early stopping`);
      this.restoreBest(model);
    }
  }

  override async onTrainEnd(): Promise<void> {
    const model = this.trainingModel;
    if (model !== undefined) this.restoreBest(model);
    this.releaseWeights();
  }

  /** The state: wait, best value and epoch, stopped epoch, and whether best weights are kept (see {@link getStateTensors}). */
  getState(): CallbackState {
    return {
      type: owner,
      version: 1,
      wait: this.waitCount,
      best: encodeStateNumber(this.bestValue),
      bestEpoch: this.bestEpochIndex ?? null,
      stoppedEpoch: this.stoppedEpochIndex ?? null,
      bestWeights: this.bestWeightsCopy?.length ?? null,
    };
  }

  /** The kept best weights (in `model.getWeights()` order), or none. */
  getStateTensors(): readonly tf.Tensor[] {
    return this.bestWeightsCopy ?? [];
  }

  /**
   * Puts a state from {@link getState} back; the next training run continues it instead of
   * starting afresh. `tensors` are the best weights (cloned here; the caller keeps its own).
   */
  setState(state: CallbackState, tensors: readonly tf.Tensor[] = []): void {
    const read = readState(owner, state);
    const wait = read.integer('wait');
    const best = read.number('best');
    const bestEpoch = read.optionalNumber('bestEpoch');
    const stoppedEpoch = read.optionalNumber('stoppedEpoch');
    const count = read.optionalNumber('bestWeights');
    if (count !== undefined && tensors.length !== count) {
      throw new RangeError(`${owner}.setState: \`tensors\` must hold the ${count} best weights of the state; received ${tensors.length}`);
    }
    this.releaseWeights();
    this.waitCount = wait;
    this.bestValue = best;
    this.bestEpochIndex = bestEpoch;
    this.stoppedEpochIndex = stoppedEpoch;
    this.bestWeightsCopy = count === undefined ? undefined : tensors.map((tensor) => tf.clone(tensor));
    this.restoredFromState = true;
  }

  /** Back to the state before any epoch, releasing kept weights. */
  reset(): void {
    this.releaseWeights();
    this.waitCount = 0;
    this.bestValue = this.mode === 'min' ? Infinity : -Infinity;
    this.bestEpochIndex = undefined;
    this.stoppedEpochIndex = undefined;
    this.restoredFromState = false;
  }

  private isImprovement(value: number, reference: number): boolean {
    return this.mode === 'min' ? value + this.options.minDelta < reference : value - this.options.minDelta > reference;
  }

  private keepWeights(model: tf.LayersModel): void {
    this.releaseWeights();
    // Clones share storage with the variables until the next update replaces their values.
    this.bestWeightsCopy = model.getWeights().map((weight) => tf.clone(weight));
  }

  private restoreBest(model: tf.LayersModel): void {
    const best = this.bestWeightsCopy;
    if (!this.options.restoreBestWeights || best === undefined) return;
    if (this.options.verbose) console.log(`${owner}: restoring the weights of epoch ${this.bestEpochIndex}`);
    model.setWeights(best);
  }

  private releaseWeights(): void {
    if (this.bestWeightsCopy !== undefined) tf.dispose(this.bestWeightsCopy);
    this.bestWeightsCopy = undefined;
  }
}
