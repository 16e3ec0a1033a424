import { booleanOption, describeValue, knownKeys, nonEmptyString, optionKeys, positiveInteger } from '@lrkit/schedules/validation';
import type * as tf from '@tensorflow/tfjs';
import { type BackupStore, openBackupStore } from './backup-store.js';
import { isStatefulCallback, type StatefulCallback } from './callback-state.js';
import { ModelCallback } from './model-callback.js';
import { captureCheckpoint, checkpointArtifacts, disposeCheckpoint, restoreCheckpoint, type TrainingCheckpoint } from './training-checkpoint.js';
import { watchFitEnd } from './training-end.js';

/** Options of {@link BackupAndRestore}. */
export interface BackupAndRestoreOptions {
  /**
   * Where the backup lives: a directory in Node (`model.json` + `weights.bin`, replaced
   * atomically), or a tfjs model URL such as `'indexeddb://my-run'` in the browser (Keras
   * `backup_dir`).
   */
  readonly location: string;
  /** Save every this many epochs (Keras `save_freq='epoch'` is 1). Default 1. */
  readonly saveEvery?: number;
  /**
   * The lrkit callbacks (and other state holders) whose state is saved with the weights, by a
   * name of your choice: `{ scheduler, plateau, history, stopping }`. Default none.
   */
  readonly state?: Readonly<Record<string, StatefulCallback>>;
  /** Delete the backup when training ends normally (Keras `delete_checkpoint`). Default true. */
  readonly deleteOnEnd?: boolean;
  /**
   * Aborts the run: training stops after the batch in progress and the last completed epoch
   * is saved (the backup is kept). Wire it to SIGINT in Node, or to a Stop button.
   */
  readonly abortSignal?: AbortSignal;
  /** Print each save and restore (`console.log`). Default false. */
  readonly verbose?: boolean;
}

const owner = 'BackupAndRestore';
/** The option names of {@link BackupAndRestoreOptions}, checked against the interface. */
const optionNames = optionKeys<BackupAndRestoreOptions>({ location: true, saveEvery: true, state: true, deleteOnEnd: true, abortSignal: true, verbose: true });

/**
 * Backs up a training run so that it can resume where it stopped — lrkit's Keras
 * `BackupAndRestore`. Every `saveEvery` epochs it saves the model's weights (through a tfjs IO
 * handler: files in Node, IndexedDB in the browser), the optimizer's complete state (moments,
 * accumulators, update count, learning rate, read so that the resumed optimizer continues bit
 * for bit), the state of every callback named in `state`, and the epoch.
 *
 * To resume, call {@link resume} before `fit`: it restores everything and returns the epoch to
 * pass as `initialEpoch` (0 when there is no backup). A fit that starts while an unrestored
 * backup exists, or at another epoch than the backup's, is refused with an explanation.
 *
 * Saves are atomic (write, flush, rename), so a kill during a save leaves the previous backup.
 * A save is taken between epochs (just before the next epoch's first batch, or at the end of
 * training), when every callback has finished the epoch. When a run is aborted — `abortSignal`
 * fires, or a callback or the data throws — the last completed epoch is saved (with
 * `saveEvery > 1` it is held in memory until then: one extra copy of the weights and optimizer
 * state). The backup is deleted when training ends normally (`deleteOnEnd`), including an early stop.
 *
 * @example
 * ```ts
 * const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
 * const history = new LossHistory({ file: 'runs/history.jsonl' });
 * const backup = new BackupAndRestore({ location: 'runs/backup', state: { scheduler, history } });
 * const initialEpoch = await backup.resume(model); // 0 on the first run, 3 after a crash in epoch 3
 * await model.fit(xs, ys, { epochs: 6, initialEpoch, callbacks: [scheduler, history, backup] });
 * ```
 */
export class BackupAndRestore extends ModelCallback {
  /** The backup's location. */
  readonly location: string;
  /** The options with defaults filled in. */
  readonly options: { readonly saveEvery: number; readonly deleteOnEnd: boolean; readonly verbose: boolean };
  private readonly holders: Readonly<Record<string, StatefulCallback>>;
  private readonly abortSignal: AbortSignal | undefined;
  private storePromise: Promise<BackupStore> | undefined;
  private store: BackupStore | undefined;
  private synchronised = false;
  private resumeEpoch: number | undefined;
  private firstEpochOfFit = false;
  private pendingEpoch: number | undefined;
  private lastSavedEpoch: number | undefined;
  private retained: TrainingCheckpoint | undefined;
  private aborted = false;
  private abortedEpoch = false;
  private trainEnded = false;
  private batchesThisEpoch = 0;
  private stopWatching: (() => void) | undefined;
  private watchedModel: tf.LayersModel | undefined;

  constructor(options: BackupAndRestoreOptions) {
    super();
    const checked = knownKeys(owner, options, optionNames);
    this.location = nonEmptyString(owner, 'location', checked.location);
    const state = checked.state ?? {};
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw new TypeError(`${owner}: \`state\` must be an object of named callbacks ({ scheduler, plateau, … }); received ${describeValue(state)}`);
    }
    for (const [key, holder] of Object.entries(state)) {
      if (!isStatefulCallback(holder)) {
        throw new TypeError(`${owner}: \`state.${key}\` must have getState() and setState() (an lrkit callback); received ${describeValue(holder)}`);
      }
    }
    this.holders = state as Record<string, StatefulCallback>;
    const abortSignal = checked.abortSignal;
    if (abortSignal !== undefined && !(typeof abortSignal === 'object' && abortSignal !== null && 'aborted' in abortSignal)) {
      throw new TypeError(`${owner}: \`abortSignal\` must be an AbortSignal; received ${describeValue(abortSignal)}`);
    }
    this.abortSignal = abortSignal as AbortSignal | undefined;
    this.options = {
      saveEvery: checked.saveEvery === undefined ? 1 : positiveInteger(owner, 'saveEvery', checked.saveEvery),
      deleteOnEnd: checked.deleteOnEnd === undefined ? true : booleanOption(owner, 'deleteOnEnd', checked.deleteOnEnd),
      verbose: checked.verbose === undefined ? false : booleanOption(owner, 'verbose', checked.verbose),
    };
  }

  /**
   * Restores the backup, if there is one, into `model` (weights and optimizer state) and into
   * the callbacks of `state`, and returns the epoch to resume at: pass it as `initialEpoch`.
   * Returns 0 and changes nothing when there is no backup.
   *
   * @param model - the compiled model, built as in the run that was backed up.
   * @example
   * ```ts
   * const initialEpoch = await backup.resume(model);
   * await model.fit(xs, ys, { epochs: 6, initialEpoch, callbacks: [backup] });
   * ```
   */
  async resume(model: tf.LayersModel): Promise<number> {
    if (model?.optimizer == null) {
      throw new TypeError(`${owner}.resume: \`model\` must be a compiled tf.LayersModel; received ${describeValue(model)}`);
    }
    const store = await this.openStore();
    const artifacts = await store.load();
    this.synchronised = true;
    if (artifacts === undefined) {
      this.resumeEpoch = 0;
      return 0;
    }
    const epoch = restoreCheckpoint(model, artifacts, this.holders, store.location);
    this.resumeEpoch = epoch;
    this.lastSavedEpoch = epoch;
    if (this.options.verbose) console.log(`${owner}: resumed from ${store.location} at epoch ${epoch}`);
    return epoch;
  }

  /** Whether a backup exists at the location. */
  async exists(): Promise<boolean> {
    return (await this.openStore()).exists();
  }

  /** Deletes the backup (and frees a checkpoint held in memory). */
  async remove(): Promise<void> {
    this.releaseRetained();
    await (await this.openStore()).remove();
  }

  override async onTrainBegin(): Promise<void> {
    const model = this.trainingModel;
    this.requireOptimizer(owner);
    const store = await this.openStore();
    if (!this.synchronised && (await store.exists())) {
      throw new Error(
        `${owner}: a backup exists at ${JSON.stringify(store.location)}; resume it with ` +
          '`const initialEpoch = await backup.resume(model)` and pass `initialEpoch` to fit, ' +
          'or delete it with `await backup.remove()` to start over',
      );
    }
    this.synchronised = true;
    this.trainEnded = false;
    this.aborted = this.abortSignal?.aborted ?? false;
    this.firstEpochOfFit = true;
    if (model !== undefined && this.watchedModel !== model) {
      this.stopWatching?.();
      this.watchedModel = model;
      this.stopWatching = watchFitEnd(model, () => this.onFitFinished());
    }
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    if (this.firstEpochOfFit) {
      this.firstEpochOfFit = false;
      const expected = this.pendingEpoch ?? this.resumeEpoch;
      if (expected !== undefined && expected > 0 && epoch !== expected) {
        throw new RangeError(`${owner}: the run resumes at epoch ${expected} but fit started at epoch ${epoch}; pass \`initialEpoch: ${expected}\` to fit`);
      }
      this.resumeEpoch = undefined;
    }
    await this.flushPending();
    this.batchesThisEpoch = 0;
    this.abortedEpoch = false;
    if (this.aborted) this.stopTraining();
  }

  override async onBatchEnd(batch: number): Promise<void> {
    this.batchesThisEpoch = batch + 1;
    if (!this.aborted && this.abortSignal?.aborted === true) {
      this.aborted = true;
      this.abortedEpoch = true;
      this.stopTraining();
    }
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    // An epoch cut short (abort, or stopTraining set mid-epoch) is not a completed epoch.
    const expected = this.fitBatchesPerEpoch;
    const partial = this.abortedEpoch || (expected !== undefined && this.batchesThisEpoch < expected);
    if (!partial) this.pendingEpoch = epoch + 1;
  }

  override async onTrainEnd(): Promise<void> {
    this.trainEnded = true;
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.watchedModel = undefined;
    const store = await this.openStore();
    if (this.aborted || !this.options.deleteOnEnd) {
      await this.flushPending(true);
      await this.saveRetained();
    } else {
      this.pendingEpoch = undefined;
      this.releaseRetained();
      await store.remove();
      this.lastSavedEpoch = undefined;
      if (this.options.verbose) console.log(`${owner}: training ended; backup at ${store.location} deleted`);
    }
    this.releaseRetained();
  }

  /** Takes the checkpoint of a completed epoch: writes it when due (or `force`), else keeps it in memory. */
  private async flushPending(force = false): Promise<void> {
    const epoch = this.pendingEpoch;
    const model = this.trainingModel;
    if (epoch === undefined || model === undefined) return;
    this.pendingEpoch = undefined;
    const checkpoint = captureCheckpoint(model, epoch, this.holders);
    this.releaseRetained();
    if (force || epoch % this.options.saveEvery === 0) {
      try {
        await this.write(model, checkpoint);
      } finally {
        disposeCheckpoint(checkpoint);
      }
    } else {
      this.retained = checkpoint;
    }
  }

  /** Writes the checkpoint held in memory if it is newer than the last save. */
  private async saveRetained(): Promise<void> {
    const retained = this.retained;
    const model = this.trainingModel;
    this.retained = undefined;
    if (retained === undefined || model === undefined) return;
    try {
      if (this.lastSavedEpoch === undefined || retained.epoch > this.lastSavedEpoch) await this.write(model, retained);
    } finally {
      disposeCheckpoint(retained);
    }
  }

  private async write(model: tf.LayersModel, checkpoint: TrainingCheckpoint): Promise<void> {
    const store = this.store ?? (await this.openStore());
    await store.save(checkpointArtifacts(model, checkpoint));
    this.lastSavedEpoch = checkpoint.epoch;
    if (this.options.verbose) console.log(`${owner}: saved epoch ${checkpoint.epoch} to ${store.location}`);
  }

  /**
   * A fit call returned. Without an `onTrainEnd` it was aborted by an exception (or it was one
   * phase of a batch-size run): save the last completed epoch held in memory. The epoch in
   * progress is not saved — its end hooks may not all have run.
   */
  private onFitFinished(): void {
    if (this.trainEnded) return;
    this.pendingEpoch = undefined;
    // The file store writes synchronously, so this save completes before fit's promise settles.
    void this.saveRetained().catch((error: unknown) => console.warn(`${owner}: saving the backup after an aborted fit failed:`, error));
  }

  private stopTraining(): void {
    const model = this.trainingModel;
    if (model !== undefined) model.stopTraining = true;
  }

  private releaseRetained(): void {
    if (this.retained !== undefined) disposeCheckpoint(this.retained);
    this.retained = undefined;
  }

  private async openStore(): Promise<BackupStore> {
    this.storePromise ??= openBackupStore(this.location);
    this.store = await this.storePromise;
    return this.store;
  }
}
