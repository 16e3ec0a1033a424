import { type OptimizerAdapter, resolveLogs } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import type { BatchScheduleRun } from './batch-schedule-run.js';
import type { BatchSizePhase } from './batch-size-schedule.js';

/** What the recorder notes about one epoch (metrics are merged in from tfjs's History). */
export interface RecordedEpoch {
  /** The epoch (0-based, continuing across phases). */
  readonly epoch: number;
  /** The phase index. */
  readonly phase: number;
  /** The largest batch of the epoch as trained: the phase's batch size, or fewer when the epoch held fewer samples. */
  readonly batchSize: number;
  /** The optimizer's learning rate at the start of the epoch (after epoch-begin callbacks). */
  readonly learningRate: number;
  /** The optimizer's momentum at the start of the epoch, for optimizers that have one. */
  readonly momentum?: number;
  /** Parameter updates (batches) in this epoch. */
  readonly updates: number;
  /** Samples seen in this epoch. */
  readonly samples: number;
}

/**
 * Counts updates and samples per epoch and reads the learning rate at the start of each
 * epoch (after the user's epoch-begin hooks). Never reads a tensor: it uses the batch
 * logs' `size`, a plain number.
 */
export class PhaseRecorder extends tf.Callback {
  readonly epochs: RecordedEpoch[] = [];
  private phase: BatchSizePhase | undefined;
  private current: { epoch: number; learningRate: number; momentum: number | undefined; updates: number; samples: number; largestBatch: number } | undefined;

  constructor(
    private readonly adapter: OptimizerAdapter,
    private readonly run?: BatchScheduleRun,
  ) {
    super();
  }

  override setModel(model: tf.LayersModel): void {
    (this as { model: tf.LayersModel }).model = model;
  }

  beginPhase(phase: BatchSizePhase): void {
    this.phase = phase;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.current = {
      epoch,
      learningRate: this.adapter.getLearningRate(),
      momentum: this.adapter.supportsMomentum ? this.adapter.getMomentum() : undefined,
      updates: 0,
      samples: 0,
      largestBatch: 0,
    };
  }

  override async onBatchEnd(_batch: number, logs?: tf.Logs): Promise<void> {
    if (this.current === undefined) return;
    const size = typeof logs?.size === 'number' ? logs.size : 0;
    this.current.updates += 1;
    this.current.samples += size;
    if (size > this.current.largestBatch) this.current.largestBatch = size;
  }

  override async onEpochEnd(_epoch: number, logs?: tf.Logs): Promise<void> {
    const current = this.current;
    const phase = this.phase;
    if (current === undefined || phase === undefined) return;
    const row: RecordedEpoch = {
      epoch: current.epoch,
      phase: phase.index,
      // The batch as trained: fewer than asked when the epoch held fewer samples (a generator dataset).
      batchSize: current.largestBatch > 0 ? Math.min(current.largestBatch, phase.batchSize) : phase.batchSize,
      learningRate: current.learningRate,
      ...(current.momentum === undefined ? {} : { momentum: current.momentum }),
      updates: current.updates,
      samples: current.samples,
    };
    this.epochs.push(row);
    // With a run to keep, the epoch's metrics are read now (one read per epoch) so that a
    // backup taken before the next epoch holds them.
    if (this.run !== undefined) this.run.record({ ...row, metrics: { ...(await resolveLogs(logs as never)) } });
    this.current = undefined;
  }
}
