import { booleanOption, describeValue, knownKeys, nonEmptyString, optionKeys } from '@lrkit/schedules/validation';
import * as tf from '@tensorflow/tfjs';
import { type CallbackState, encodeStateNumber, readState, type StatefulCallback } from './callback-state.js';
import { type LearningRateController, learningRateControllerFor } from './learning-rate-controller.js';
import { type CallbackLogs, ModelCallback, readScalars } from './model-callback.js';
import { watchFitEnd } from './training-end.js';

/** One row of a {@link LossHistory}: the fixed columns, then every metric found in the logs. */
export interface HistoryRow {
  /** The global epoch: counted across `fit` calls, `initialEpoch` honoured (the scheduler's epoch). */
  readonly epoch: number;
  /** Batch rows: the batch index within the epoch. */
  readonly batch?: number;
  /** Batch rows: the schedule step of this batch's update (as the scheduler counts it); epoch rows: the step after the epoch. */
  readonly step: number;
  /** Seconds since this history first started training. */
  readonly time: number;
  /** The learning rate the optimizer used for this batch (epoch rows: for the epoch's last batch). */
  readonly learningRate: number;
  /** The momentum (Adam/Adamax: `beta1`) used, or null when the optimizer has none. */
  readonly momentum: number | null;
  /** Every metric of the logs (`loss`, `acc`, `val_loss`, batch `size`, …). */
  readonly [metric: string]: number | null | undefined;
}

/** Options of {@link LossHistory}. */
export interface LossHistoryOptions {
  /**
   * Node only: a file to which rows are appended as JSON Lines (`{"type":"batch",…}` and
   * `{"type":"epoch",…}`), written and flushed (`fsync`) once per epoch, so a killed run
   * leaves only complete lines. Default: none (rows kept in memory only).
   */
  readonly file?: string;
  /** Record a row per batch (losses kept on the device, read back once per epoch). Default true. */
  readonly everyBatch?: boolean;
}

const owner = 'LossHistory';
/** The option names of {@link LossHistoryOptions}, checked against the interface. */
const optionNames = optionKeys<LossHistoryOptions>({ file: true, everyBatch: true });

interface PendingMetric {
  readonly row: Record<string, number | null>;
  readonly key: string;
  readonly tensor: tf.Tensor;
}

type NodeFs = typeof import('node:fs');

/**
 * Records training per batch and per epoch: epoch, batch, global step, every metric in the
 * logs, the learning rate and momentum actually in use, and the time — the history tfjs's own
 * `History` does not keep (it is per epoch only and never records the learning rate).
 *
 * Per-batch metrics stay on the device as scalar tensors and are read back with one
 * `stack` + `data()` per epoch (one sync per epoch, not per batch); every tensor is disposed.
 * In Node, `file` streams JSON Lines, appended and `fsync`ed at each epoch end (the file is
 * opened and closed for each write, so no handle is held between epochs).
 *
 * Epochs and steps are global and agree with a {@link LearningRateScheduler} on the same
 * optimizer: a second `fit` continues the epoch count, and a run resumed with `initialEpoch`
 * on a fresh optimizer labels its steps as the scheduler does. When a `fit` is aborted (a
 * callback or the data throws), the rows of the unfinished epoch are dropped and their
 * tensors released as the fit call returns; the next run starts clean.
 *
 * @example
 * ```ts
 * const history = new LossHistory();
 * await model.fit(xs, ys, { epochs: 5, callbacks: [scheduler, history] });
 * history.batches[0]; // { epoch: 0, batch: 0, step: 0, time: 0.01, learningRate: 0.1, momentum: null, loss: 2.3, size: 32 }
 * console.log(history.toCSV('epochs'));
 * ```
 */
export class LossHistory extends ModelCallback implements StatefulCallback {
  /** One row per batch (when `everyBatch`), filled at each epoch end. */
  readonly batches: HistoryRow[] = [];
  /** One row per epoch. */
  readonly epochs: HistoryRow[] = [];
  /** The JSON Lines file, when given. */
  readonly file: string | undefined;
  /** Whether batch rows are recorded. */
  readonly everyBatch: boolean;
  private controller: LearningRateController | undefined;
  private pending: PendingMetric[] = [];
  private epochBatchRows: Record<string, number | null>[] = [];
  private startTime: number | undefined;
  private elapsedBefore = 0;
  private lastLearningRate = Number.NaN;
  private lastMomentum: number | null = null;
  private batchesThisEpoch = 0;
  private currentEpochIndex = 0;
  private completedEpochs = 0;
  private epochOffset = 0;
  private ownStepOffset: number | undefined;
  private fitStarting = false;
  private fs: NodeFs | undefined;
  private filePosition: number | undefined;
  private truncateTo: number | undefined;
  private stopWatching: (() => void) | undefined;

  constructor(options: LossHistoryOptions = {}) {
    super();
    const checked = knownKeys(owner, options, optionNames);
    this.file = checked.file === undefined ? undefined : nonEmptyString(owner, 'file', checked.file);
    this.everyBatch = checked.everyBatch === undefined ? true : booleanOption(owner, 'everyBatch', checked.everyBatch);
  }

  override async onTrainBegin(): Promise<void> {
    const optimizer = this.requireOptimizer(owner);
    this.controller = learningRateControllerFor(optimizer);
    this.discardUnfinishedEpoch();
    this.startTime ??= now();
    this.captureOptimizer();
    this.fitStarting = true;
    if (this.file !== undefined) {
      this.fs ??= await loadFs(this.file);
      if (this.truncateTo !== undefined) {
        // Resumed: rows written after the saved state belong to epochs that will run again.
        if (this.fs.existsSync(this.file)) this.fs.truncateSync(this.file, this.truncateTo);
        this.filePosition = this.truncateTo;
        this.truncateTo = undefined;
      }
    }
    const model = this.trainingModel;
    if (model !== undefined && this.stopWatching === undefined) {
      // tfjs calls no hook when a fit is aborted: release what the unfinished epoch holds
      // as soon as the fit call returns.
      this.stopWatching = watchFitEnd(model, () => this.discardUnfinishedEpoch());
    }
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.discardUnfinishedEpoch();
    if (this.fitStarting) this.startFit(epoch);
    this.batchesThisEpoch = 0;
    this.currentEpochIndex = epoch + this.epochOffset;
  }

  override async onBatchEnd(batch: number, logs?: CallbackLogs): Promise<void> {
    this.batchesThisEpoch = batch + 1;
    this.captureOptimizer();
    if (!this.everyBatch) return;
    const row: Record<string, number | null> = {
      epoch: this.currentEpochIndex,
      batch,
      step: this.stepAfterUpdates() - 1,
      time: this.elapsed(),
      learningRate: this.lastLearningRate,
      momentum: this.lastMomentum,
    };
    if (logs != null) {
      for (const key of Object.keys(logs)) {
        if (key === 'batch') continue;
        const value = logs[key];
        if (value === undefined) continue;
        if (typeof value === 'number') {
          row[key] = value;
        } else {
          row[key] = null;
          // A clone shares the data: no copy, and tfjs may dispose the logs after this hook.
          this.pending.push({ row, key, tensor: tf.clone(value) });
        }
      }
    }
    this.epochBatchRows.push(row);
  }

  override async onEpochEnd(_epoch: number, logs?: CallbackLogs): Promise<void> {
    // One read-back for the epoch: the batch metrics and the epoch logs stacked together.
    const epochTensorKeys: string[] = [];
    const epochTensors: tf.Tensor[] = [];
    if (logs != null) {
      for (const key of Object.keys(logs)) {
        const value = logs[key];
        if (value !== undefined && typeof value !== 'number') {
          epochTensorKeys.push(key);
          epochTensors.push(value);
        }
      }
    }
    const pending = this.pending;
    this.pending = [];
    const tensors = [...pending.map((item) => item.tensor), ...epochTensors];
    if (tensors.length > 0) {
      let values: ArrayLike<number>;
      try {
        values = await readScalars(tensors);
      } finally {
        tf.dispose(pending.map((item) => item.tensor));
      }
      pending.forEach((item, index) => {
        item.row[item.key] = values[index] ?? Number.NaN;
      });
      if (logs != null) {
        epochTensorKeys.forEach((key, index) => {
          logs[key] = values[pending.length + index] ?? Number.NaN;
        });
        tf.dispose(epochTensors);
      }
    }
    const epochRow: Record<string, number | null> = {
      epoch: this.currentEpochIndex,
      step: this.stepAfterUpdates(),
      time: this.elapsed(),
      learningRate: this.lastLearningRate,
      momentum: this.lastMomentum,
      batches: this.batchesThisEpoch,
    };
    if (logs != null) {
      for (const key of Object.keys(logs)) {
        const value = logs[key];
        if (typeof value === 'number' && !(key in epochRow)) epochRow[key] = value;
      }
    }
    const batchRows = this.epochBatchRows;
    this.epochBatchRows = [];
    this.completedEpochs = this.currentEpochIndex + 1;
    this.batches.push(...(batchRows as HistoryRow[]));
    this.epochs.push(epochRow as HistoryRow);
    if (this.fs !== undefined && this.file !== undefined) {
      const lines = batchRows.map((row) => JSON.stringify({ type: 'batch', ...row }));
      lines.push(JSON.stringify({ type: 'epoch', ...epochRow }));
      this.filePosition = appendAndFlush(this.fs, this.file, `${lines.join('\n')}\n`);
    }
  }

  override async onTrainEnd(): Promise<void> {
    // Training stopped without an epoch end (stopTraining mid-epoch is followed by one).
    this.discardUnfinishedEpoch();
    // A normal end: no need to watch for an abort until the next run begins.
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /**
   * The history's counters as JSON: the epochs completed (the next global epoch), the step
   * offset, the seconds of training so far and the file's length after the last complete epoch.
   * The rows themselves are in the file (or in `batches` / `epochs`), not in the state.
   *
   * @example
   * ```ts
   * history.getState(); // { type: 'LossHistory', version: 1, completedEpochs: 3, filePosition: 2048, … }
   * ```
   */
  getState(): CallbackState {
    return {
      type: owner,
      version: 1,
      completedEpochs: this.completedEpochs,
      stepOffset: this.ownStepOffset ?? null,
      elapsedSeconds: encodeStateNumber(this.elapsed()),
      filePosition: this.filePosition ?? null,
    };
  }

  /**
   * Puts a state from {@link getState} back: the next `fit` continues the epoch labels and the
   * clock, and the `file` is cut back to its length at the saved state (rows of epochs that
   * will be trained again are removed), so the file has no gap and no duplicate row.
   *
   * @example
   * ```ts
   * const history = new LossHistory({ file: 'run.jsonl' });
   * history.setState(savedState);
   * await model.fit(xs, ys, { epochs: 6, initialEpoch: 3, callbacks: [history] });
   * ```
   */
  setState(state: CallbackState): void {
    const read = readState(owner, state);
    const completedEpochs = read.integer('completedEpochs');
    const stepOffset = read.optionalNumber('stepOffset');
    const elapsedSeconds = read.number('elapsedSeconds');
    const filePosition = read.optionalNumber('filePosition');
    this.discardUnfinishedEpoch();
    this.completedEpochs = completedEpochs;
    this.ownStepOffset = stepOffset;
    this.elapsedBefore = Number.isFinite(elapsedSeconds) ? elapsedSeconds : 0;
    this.startTime = undefined;
    this.truncateTo = filePosition;
    this.filePosition = filePosition;
  }

  /** The rows as plain JSON: `{ batches, epochs }`. */
  toJSON(): { batches: HistoryRow[]; epochs: HistoryRow[] } {
    return { batches: this.batches.map((row) => ({ ...row })), epochs: this.epochs.map((row) => ({ ...row })) };
  }

  /**
   * The batch or epoch rows as CSV (header = every column in order of first appearance;
   * missing values and null are empty cells).
   *
   * @param rows - `'batches'` (default) or `'epochs'`.
   */
  toCSV(rows: 'batches' | 'epochs' = 'batches'): string {
    if (rows !== 'batches' && rows !== 'epochs') {
      throw new RangeError(`${owner}.toCSV: \`rows\` must be one of 'batches', 'epochs'; received ${describeValue(rows)}`);
    }
    const data = rows === 'batches' ? this.batches : this.epochs;
    const columns: string[] = [];
    for (const row of data) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    const cell = (value: unknown): string => (typeof value === 'number' ? String(value) : '');
    return [columns.join(','), ...data.map((row) => columns.map((key) => cell(row[key])).join(','))].join('\n') + '\n';
  }

  /** Fixes the epoch label offset and the history's own step offset at the first epoch of a fit call. */
  private startFit(initialEpoch: number): void {
    this.fitStarting = false;
    this.epochOffset = Math.max(0, this.completedEpochs - initialEpoch);
    if (this.ownStepOffset === undefined) {
      const iterations = this.controller?.adapter.getIterations() ?? 0;
      const perEpoch = this.fitBatchesPerEpoch;
      this.ownStepOffset = iterations === 0 && initialEpoch > 0 && perEpoch !== undefined ? initialEpoch * perEpoch : 0;
    }
  }

  /** The schedule step after the updates applied so far: the scheduler's offset when one runs, else the history's own. */
  private stepAfterUpdates(): number {
    const controller = this.controller;
    if (controller === undefined) return 0;
    return controller.adapter.getIterations() + (controller.stepOffset ?? this.ownStepOffset ?? 0);
  }

  /** Drops the rows of an epoch that did not end and releases their tensors. */
  private discardUnfinishedEpoch(): void {
    if (this.pending.length > 0) tf.dispose(this.pending.map((item) => item.tensor));
    this.pending = [];
    this.epochBatchRows = [];
  }

  private captureOptimizer(): void {
    const adapter = this.controller?.adapter;
    if (adapter === undefined) return;
    this.lastLearningRate = adapter.getLearningRate();
    this.lastMomentum = adapter.supportsMomentum ? adapter.getMomentum() : null;
  }

  private elapsed(): number {
    return this.elapsedBefore + (this.startTime === undefined ? 0 : (now() - this.startTime) / 1000);
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

async function loadFs(file: string): Promise<NodeFs> {
  // Kept out of bundlers' static graph so the browser entry has no Node-only import.
  const specifier = 'node:fs';
  try {
    return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as NodeFs;
  } catch {
    throw new TypeError(`${owner}: \`file\` needs Node's fs module; it is not available here (received file ${describeValue(file)})`);
  }
}

/** Appends, flushes (`fsync`) and closes; returns the file's length afterwards. */
function appendAndFlush(fs: NodeFs, file: string, text: string): number {
  const buffer = new TextEncoder().encode(text);
  const descriptor = fs.openSync(file, 'a');
  try {
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(descriptor, buffer, offset, buffer.length - offset);
    fs.fsyncSync(descriptor);
    return fs.fstatSync(descriptor).size;
  } finally {
    fs.closeSync(descriptor);
  }
}
