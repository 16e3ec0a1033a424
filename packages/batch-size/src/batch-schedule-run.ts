import { type CallbackState, readState, type StatefulCallback } from '@lrkit/tfjs';
import type { RecordedEpoch } from './phase-recorder.js';

/** One completed epoch of a batch-size run: what the phase recorder noted plus the epoch's metrics. */
export interface BatchScheduleRunEpoch extends RecordedEpoch {
  /** The epoch's metrics as numbers (`loss`, `val_loss`, `learning_rate`, …). */
  readonly metrics: Readonly<Record<string, number>>;
}

const owner = 'BatchScheduleRun';

/**
 * The bookkeeping of one batch-size run across `fitWithBatchSchedule` calls: every completed
 * epoch with its phase, batch size, learning rate, updates, samples and metrics. Pass it as
 * `run` to `fitWithBatchSchedule` and name it in `BackupAndRestore`'s `state`: a run resumed
 * after a crash then reports the whole run (all epochs, total updates, updates saved), not
 * only the epochs trained after the resume.
 *
 * @example
 * ```ts
 * const run = new BatchScheduleRun();
 * const backup = new BackupAndRestore({ location: 'runs/backup', state: { run, scheduler } });
 * const initialEpoch = await backup.resume(model);
 * const result = await fitWithBatchSchedule(model, { x, y }, { schedule, initialEpoch, run, callbacks: [scheduler, backup] });
 * result.summary.totalUpdates; // updates of the whole run, before and after the crash
 * ```
 */
export class BatchScheduleRun implements StatefulCallback {
  private rows: BatchScheduleRunEpoch[] = [];

  /** The completed epochs' records, in order (named like `BatchScheduleResult.epochRecords`). */
  get epochRecords(): readonly BatchScheduleRunEpoch[] {
    return this.rows;
  }

  /** Records a completed epoch (an epoch trained again replaces its earlier row and every later one). */
  record(epoch: BatchScheduleRunEpoch): void {
    this.rows = this.rows.filter((row) => row.epoch < epoch.epoch);
    this.rows.push(epoch);
  }

  /** The epochs completed before `epoch` (the rows a run resumed at `epoch` keeps). */
  before(epoch: number): BatchScheduleRunEpoch[] {
    return this.rows.filter((row) => row.epoch < epoch);
  }

  /** Forgets every epoch. */
  reset(): void {
    this.rows = [];
  }

  /**
   * The run's rows as JSON.
   *
   * @example
   * ```ts
   * run.getState(); // { type: 'BatchScheduleRun', version: 1, epochRecords: [{ epoch: 0, phase: 0, batchSize: 8, … }] }
   * ```
   */
  getState(): CallbackState {
    return {
      type: owner,
      version: 1,
      epochRecords: this.rows.map((row) => ({ ...row, metrics: { ...row.metrics } })),
    };
  }

  /**
   * Puts rows from {@link getState} back. A state saved before the rename (rows under
   * `epochs`) is read as well, so a backup written by an earlier version still resumes.
   *
   * @example
   * ```ts
   * const run = new BatchScheduleRun();
   * run.setState(JSON.parse(savedText));
   * ```
   */
  setState(state: CallbackState): void {
    const read = readState(owner, state);
    const key = read.value('epochRecords') === undefined && read.value('epochs') !== undefined ? 'epochs' : 'epochRecords';
    const records = read.value(key);
    if (!Array.isArray(records)) {
      throw new TypeError(`${owner}.setState: \`state.${key}\` must be an array of epoch rows; received ${JSON.stringify(records)?.slice(0, 80)}`);
    }
    this.rows = records.map((row: unknown, index: number) => {
      const record = row as Partial<BatchScheduleRunEpoch> | null;
      const numeric = ['epoch', 'phase', 'batchSize', 'learningRate', 'updates', 'samples'] as const;
      if (record === null || typeof record !== 'object' || numeric.some((key) => typeof record[key] !== 'number')) {
        throw new TypeError(`${owner}.setState: \`state.${key}[${index}]\` must have numeric ${numeric.join(', ')}`);
      }
      return { ...(record as BatchScheduleRunEpoch), metrics: { ...(record.metrics ?? {}) } };
    });
  }
}
