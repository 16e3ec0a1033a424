import * as tf from '@tensorflow/tfjs';
import type { Schedule } from '@lrkit/schedules';

/**
 * Local adapter standing in for `@lrkit/tfjs` until it lands on main: the subset of
 * `LearningRateScheduler` (batch unit, global step = optimizer update count) and
 * `LossHistory` (rows per batch and per epoch, CSV and JSON) this page uses.
 */
type Row = Record<string, number | null>;

function iterationsOf(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as { iterations_: number }).iterations_ ?? 0;
}

export class LearningRateScheduler extends tf.CustomCallback {
  private optimizer: tf.Optimizer | undefined;
  private current: number | undefined;
  private currentStep = 0;

  constructor(private readonly options: { schedule: Schedule; unit: 'batch' }) {
    super({});
  }

  override setModel(model: tf.Container): void {
    this.optimizer = (model as tf.LayersModel).optimizer;
  }

  get step(): number {
    return this.currentStep;
  }

  get learningRate(): number | undefined {
    return this.current;
  }

  override async onBatchBegin(): Promise<void> {
    if (this.optimizer === undefined) return;
    this.currentStep = iterationsOf(this.optimizer);
    const value = this.options.schedule(this.currentStep);
    if (value !== this.current) {
      (this.optimizer as unknown as { learningRate: number }).learningRate = value;
      this.current = value;
    }
  }
}

export class LossHistory extends tf.CustomCallback {
  readonly batches: Row[] = [];
  readonly epochs: Row[] = [];
  private optimizer: tf.Optimizer | undefined;
  private epoch = 0;

  constructor() {
    super({});
  }

  override setModel(model: tf.Container): void {
    this.optimizer = (model as tf.LayersModel).optimizer;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
  }

  override async onBatchEnd(batch: number, logs?: tf.Logs): Promise<void> {
    const optimizer = this.optimizer;
    this.batches.push({
      epoch: this.epoch,
      batch,
      step: optimizer === undefined ? batch : iterationsOf(optimizer) - 1,
      learningRate: optimizer === undefined ? null : (optimizer as unknown as { learningRate: number }).learningRate,
      ...(logs as Row),
    });
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    const optimizer = this.optimizer;
    this.epochs.push({
      epoch,
      step: optimizer === undefined ? null : iterationsOf(optimizer),
      learningRate: optimizer === undefined ? null : (optimizer as unknown as { learningRate: number }).learningRate,
      ...(logs as Row),
    });
  }

  toJSON(): { batches: Row[]; epochs: Row[] } {
    return { batches: this.batches, epochs: this.epochs };
  }

  toCSV(rows: 'batches' | 'epochs' = 'batches'): string {
    const list = rows === 'batches' ? this.batches : this.epochs;
    const keys = [...new Set(list.flatMap((row) => Object.keys(row)))];
    return [keys.join(','), ...list.map((row) => keys.map((key) => row[key] ?? '').join(','))].join('\n') + '\n';
  }
}
