import * as tf from '@tensorflow/tfjs';
import { adaptOptimizer, type OptimizerAdapter } from './optimizer-adapter.js';
import { ModelCallback, readScalars, type CallbackLogs } from './model-callback.js';
import { booleanOption, describeValue, knownKeys, nonEmptyString } from '@lrkit/schedules/validation';

/** One row of a {@link LossHistory}: the fixed columns, then every metric found in the logs. */
export interface HistoryRow {
  /** The global epoch (as tfjs reports it, so `initialEpoch` resumes count on). */
  readonly epoch: number;
  /** Batch rows: the batch index within the epoch. */
  readonly batch?: number;
  /** Batch rows: the optimizer update index of this batch; epoch rows: updates applied so far. */
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

interface PendingMetric {
  readonly row: Record<string, number | null>;
  readonly key: string;
  readonly tensor: tf.Tensor;
}

interface FileSink {
  readonly fs: typeof import('node:fs');
  readonly fd: number;
}

/**
 * Records training per batch and per epoch: epoch, batch, global step, every metric in the
 * logs, the learning rate and momentum actually in use, and the time — the history tfjs's own
 * `History` does not keep (it is per epoch only and never records the learning rate).
 *
 * Per-batch metrics stay on the device as scalar tensors and are read back with one
 * `stack` + `data()` per epoch (one sync per epoch, not per batch); every tensor is disposed.
 * In Node, `file` streams JSON Lines, appended and `fsync`ed at each epoch end.
 *
 * @example
 * ```ts
 * const history = new LossHistory();
 * await model.fit(xs, ys, { epochs: 5, callbacks: [scheduler, history] });
 * history.batches[0]; // { epoch: 0, batch: 0, step: 0, time: 0.01, learningRate: 0.1, momentum: null, loss: 2.3, size: 32 }
 * console.log(history.toCSV('epochs'));
 * ```
 */
export class LossHistory extends ModelCallback {
  /** One row per batch (when `everyBatch`), filled at each epoch end. */
  readonly batches: HistoryRow[] = [];
  /** One row per epoch. */
  readonly epochs: HistoryRow[] = [];
  /** The JSON Lines file, when given. */
  readonly file: string | undefined;
  /** Whether batch rows are recorded. */
  readonly everyBatch: boolean;
  private adapter: OptimizerAdapter | undefined;
  private pending: PendingMetric[] = [];
  private epochBatchRows: Record<string, number | null>[] = [];
  private startTime: number | undefined;
  private lastLearningRate = Number.NaN;
  private lastMomentum: number | null = null;
  private batchesThisEpoch = 0;
  private currentEpochIndex = 0;
  private sink: FileSink | undefined;

  constructor(options: LossHistoryOptions = {}) {
    super();
    const checked = knownKeys(owner, options, ['file', 'everyBatch']);
    this.file = checked.file === undefined ? undefined : nonEmptyString(owner, 'file', checked.file);
    this.everyBatch = checked.everyBatch === undefined ? true : booleanOption(owner, 'everyBatch', checked.everyBatch);
  }

  override async onTrainBegin(): Promise<void> {
    const optimizer = this.requireOptimizer(owner);
    this.adapter = adaptOptimizer(optimizer);
    this.startTime ??= now();
    this.captureOptimizer();
    if (this.file !== undefined && this.sink === undefined) this.sink = await openSink(this.file);
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.batchesThisEpoch = 0;
    this.currentEpochIndex = epoch;
  }

  override async onBatchEnd(batch: number, logs?: CallbackLogs): Promise<void> {
    this.batchesThisEpoch = batch + 1;
    this.captureOptimizer();
    if (!this.everyBatch) return;
    const adapter = this.adapter;
    const row: Record<string, number | null> = {
      epoch: this.currentEpochIndex,
      batch,
      step: adapter === undefined ? batch : adapter.getIterations() - 1,
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

  override async onEpochEnd(epoch: number, logs?: CallbackLogs): Promise<void> {
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
      epoch,
      step: this.adapter?.getIterations() ?? 0,
      time: this.elapsed(),
      learningRate: this.lastLearningRate,
      momentum: this.lastMomentum,
      batches: this.batchesThisEpoch,
    };
    if (logs != null) {
      for (const key of Object.keys(logs)) {
        const value = logs[key];
        if (typeof value === 'number') epochRow[key] = value;
      }
    }
    const batchRows = this.epochBatchRows;
    this.epochBatchRows = [];
    this.batches.push(...(batchRows as HistoryRow[]));
    this.epochs.push(epochRow as HistoryRow);
    if (this.sink !== undefined) {
      const lines = batchRows.map((row) => JSON.stringify({ type: 'batch', ...row }));
      lines.push(JSON.stringify({ type: 'epoch', ...epochRow }));
      writeAndFlush(this.sink, `${lines.join('\n')}\n`);
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.pending.length > 0) {
      // Training stopped without an epoch end: drop the unread batch metrics.
      tf.dispose(this.pending.map((item) => item.tensor));
      this.pending = [];
    }
    if (this.sink !== undefined) {
      this.sink.fs.closeSync(this.sink.fd);
      this.sink = undefined;
    }
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

  private captureOptimizer(): void {
    const adapter = this.adapter;
    if (adapter === undefined) return;
    this.lastLearningRate = adapter.getLearningRate();
    this.lastMomentum = adapter.supportsMomentum ? adapter.getMomentum() : null;
  }

  private elapsed(): number {
    return this.startTime === undefined ? 0 : (now() - this.startTime) / 1000;
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

async function openSink(file: string): Promise<FileSink> {
  // Kept out of bundlers' static graph so the browser entry has no Node-only import.
  const specifier = 'node:fs';
  let fs: typeof import('node:fs');
  try {
    fs = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as typeof import('node:fs');
  } catch {
    throw new Error(`${owner}: \`file\` needs Node's fs module; it is not available here (received file ${describeValue(file)})`);
  }
  return { fs, fd: fs.openSync(file, 'a') };
}

function writeAndFlush(sink: FileSink, text: string): void {
  const buffer = new TextEncoder().encode(text);
  let offset = 0;
  while (offset < buffer.length) offset += sink.fs.writeSync(sink.fd, buffer, offset, buffer.length - offset);
  sink.fs.fsyncSync(sink.fd);
}
