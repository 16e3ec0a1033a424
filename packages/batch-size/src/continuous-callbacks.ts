import * as tf from '@tensorflow/tfjs';

/** The params tfjs passes to `setParams` (epochs, steps, metrics, …). */
export type CallbackParams = Parameters<tf.Callback['setParams']>[0];

/** A tfjs training callback (`tf.Callback`, `tf.CustomCallback`, `tf.callbacks.earlyStopping(...)`, lrkit callbacks). */
export interface TrainingCallback {
  /** Receives the fit call's parameters (epochs, steps, metrics) before training starts. */
  setParams(params: CallbackParams): void;
  /** Receives the model being trained. */
  setModel(model: tf.LayersModel): void;
  /** Called once when the run starts (once per run, not per phase, under `fitWithBatchSchedule`). */
  onTrainBegin(logs?: tf.Logs): Promise<void>;
  /** Called once when the run ends. */
  onTrainEnd(logs?: tf.Logs): Promise<void>;
  /** Called at the start of each epoch with the run's global epoch index. */
  onEpochBegin(epoch: number, logs?: tf.Logs): Promise<void>;
  /** Called at the end of each epoch with the run's global epoch index and the epoch's logs. */
  onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void>;
  /** Called before each batch with its index within the epoch. */
  onBatchBegin(batch: number, logs?: tf.Logs): Promise<void>;
  /** Called after each batch with its index within the epoch and its logs. */
  onBatchEnd(batch: number, logs?: tf.Logs): Promise<void>;
}

/** What `callbacks` accepts: callback instances, or `CustomCallbackArgs` objects as in `model.fit`. */
export type CallbacksOption = TrainingCallback | readonly TrainingCallback[] | tf.CustomCallbackArgs | readonly tf.CustomCallbackArgs[];

/** The runtime class every tfjs callback extends (not exported by tfjs itself). */
const BaseCallback = Object.getPrototypeOf(tf.Callback) as abstract new () => TrainingCallback;

/** Turns the `callbacks` option into callback instances, created once for the whole run. */
export function normalizeCallbacks(
  callbacks: CallbacksOption | undefined,
  yieldEvery: tf.ModelFitDatasetArgs<tf.TensorContainer>['yieldEvery'],
): TrainingCallback[] {
  if (callbacks === undefined) return [];
  const list = (Array.isArray(callbacks) ? callbacks : [callbacks]) as unknown[];
  return list.map((callback) =>
    callback instanceof BaseCallback
      ? (callback as TrainingCallback)
      : (new tf.CustomCallback(callback as tf.CustomCallbackArgs, yieldEvery) as unknown as TrainingCallback),
  );
}

/**
 * Makes several `fitDataset` calls look like ONE training run to the wrapped callbacks.
 *
 * tfjs fires `onTrainBegin` / `onTrainEnd` in every `fit` / `fitDataset` call (and
 * `tf.callbacks.earlyStopping`, plateau callbacks and histories reset their state in
 * `onTrainBegin`). This wrapper forwards `onTrainBegin` only in the first phase, swallows
 * the per-phase `onTrainEnd` and fires it once from {@link finish}; epoch and batch hooks
 * go through unchanged (epochs continue across phases through `initialEpoch`).
 * `setParams` forwards the phase's params with `epochs` replaced by the run's total and
 * `batchSize` / `phase` added.
 */
export class ContinuousCallbacks extends tf.Callback {
  private started = false;
  private runParams: CallbackParams = {};

  constructor(private readonly callbacks: readonly TrainingCallback[]) {
    super();
  }

  /** Sets what every phase's params are overlaid with (total epochs, phase, batch size). */
  setRunParams(params: CallbackParams): void {
    this.runParams = params;
  }

  override setParams(params: CallbackParams): void {
    const merged: CallbackParams = { ...params, ...this.runParams };
    this.params = merged;
    for (const callback of this.callbacks) callback.setParams(merged);
  }

  override setModel(model: tf.LayersModel): void {
    (this as { model: tf.LayersModel }).model = model;
    for (const callback of this.callbacks) callback.setModel(model);
  }

  override async onTrainBegin(logs?: tf.Logs): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const callback of this.callbacks) await callback.onTrainBegin(logs);
  }

  override async onTrainEnd(): Promise<void> {
    // Swallowed: fired once by finish() after the last phase.
  }

  override async onEpochBegin(epoch: number, logs?: tf.Logs): Promise<void> {
    for (const callback of this.callbacks) await callback.onEpochBegin(epoch, logs);
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    for (const callback of this.callbacks) await callback.onEpochEnd(epoch, logs);
  }

  override async onBatchBegin(batch: number, logs?: tf.Logs): Promise<void> {
    for (const callback of this.callbacks) await callback.onBatchBegin(batch, logs);
  }

  override async onBatchEnd(batch: number, logs?: tf.Logs): Promise<void> {
    for (const callback of this.callbacks) await callback.onBatchEnd(batch, logs);
  }

  /** Fires the run's single `onTrainEnd` (only if the run started). */
  async finish(logs: tf.Logs = {}): Promise<void> {
    if (!this.started) return;
    for (const callback of this.callbacks) await callback.onTrainEnd(logs);
  }
}
