import { adaptOptimizer } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import cliProgress from 'cli-progress';

import { formatDuration, formatEpochLine, formatNumber } from './format.js';

/** A writable text stream (process.stdout or a test double). */
export interface ProgressOutput {
  write(text: string): unknown;
  /** True when the stream is a terminal. */
  readonly isTTY?: boolean;
}

/** Options of {@link TrainingProgress}. */
export interface TrainingProgressOptions {
  /** Epochs in the run (for `epoch 3/10` and the ETA). */
  readonly epochs: number;
  /** Batches per epoch (the bar's length). */
  readonly batchesPerEpoch: number;
  /** A prefix naming the run, for example the variant name; default none. */
  readonly label?: string;
  /** The metric shown next to the loss; default `'acc'` (tfjs's name for `'accuracy'`). */
  readonly metric?: string;
  /**
   * Reads the current learning rate; default {@link optimizerLearningRate} (through
   * `@lrkit/tfjs`'s optimizer adapter).
   */
  readonly learningRate?: (model: tf.LayersModel | undefined) => number | undefined;
  /** Where to write; default `process.stdout`. */
  readonly output?: ProgressOutput;
  /**
   * Draw a live bar (true) or one plain line per epoch (false); default: a bar when the
   * output is a terminal and the `CI` environment variable is not set.
   */
  readonly interactive?: boolean;
  /** Clock in milliseconds, for tests; default `performance.now`. */
  readonly now?: () => number;
}

/**
 * Reads the learning rate of the model's optimizer with `@lrkit/tfjs`'s `adaptOptimizer`
 * (all seven tfjs optimizers).
 *
 * @param model - the model being trained.
 * @returns the learning rate, or undefined without a compiled model or for an unknown optimizer.
 * @example
 * ```ts
 * optimizerLearningRate(model); // 0.1
 * ```
 */
export function optimizerLearningRate(model: tf.LayersModel | undefined): number | undefined {
  const optimizer = model?.optimizer;
  if (optimizer == null) return undefined;
  try {
    return adaptOptimizer(optimizer).getLearningRate();
  } catch {
    return undefined;
  }
}

type ModelArgument = Parameters<tf.CustomCallback['setModel']>[0];

/**
 * A progress display for `model.fit` / `model.fitDataset`, as a `tf.CustomCallback`.
 *
 * On a terminal it draws one bar per epoch (cli-progress) with the batch count, the
 * running loss, the metric, the learning rate and the epoch's ETA; the finished bar
 * stays on screen with the epoch's validation values. When the output is not a terminal
 * (or `CI` is set) it prints one plain line per epoch instead, with the run's ETA, and
 * does not read the batch logs (no per-batch device sync).
 *
 * @example
 * ```ts
 * await model.fitDataset(batches, {
 *   epochs: 5,
 *   callbacks: [new TrainingProgress({ epochs: 5, batchesPerEpoch: 100, label: 'sgd' })],
 * });
 * ```
 */
export class TrainingProgress extends tf.CustomCallback {
  private readonly settings: Required<Omit<TrainingProgressOptions, 'learningRate'>> & Pick<TrainingProgressOptions, 'learningRate'>;
  private trainingModel: tf.LayersModel | undefined;
  private bar: cliProgress.SingleBar | undefined;
  private epochStart = 0;
  private trainStart = 0;
  private epochsDone = 0;

  /**
   * @param options - epochs, batches per epoch, label, metric, output.
   */
  constructor(options: TrainingProgressOptions) {
    const output = options.output ?? process.stdout;
    const interactive = options.interactive ?? (output.isTTY === true && !process.env.CI);
    super({
      onTrainBegin: async () => this?.handleTrainBegin(),
      onEpochBegin: async (epoch) => this?.handleEpochBegin(epoch),
      ...(interactive ? { onBatchEnd: async (batch: number, logs?: tf.Logs) => this?.handleBatchEnd(batch, logs ?? {}) } : {}),
      onEpochEnd: async (epoch, logs) => this?.handleEpochEnd(epoch, logs ?? {}),
    });
    this.settings = {
      label: '',
      metric: 'acc',
      now: () => performance.now(),
      ...options,
      output,
      interactive,
    };
  }

  /** Keeps the model so the learning rate can be read from its optimizer. */
  override setModel(model: ModelArgument): void {
    this.trainingModel = model as unknown as tf.LayersModel;
  }

  private learningRate(): number | undefined {
    return (this.settings.learningRate ?? optimizerLearningRate)(this.trainingModel);
  }

  private handleTrainBegin(): void {
    this.trainStart = this.settings.now();
    this.epochsDone = 0;
  }

  private handleEpochBegin(epoch: number): void {
    this.epochStart = this.settings.now();
    if (!this.settings.interactive) return;
    const label = this.settings.label === '' ? '' : `${this.settings.label} `;
    this.bar = new cliProgress.SingleBar(
      {
        format: `${label}epoch ${epoch + 1}/${this.settings.epochs} [{bar}] {value}/{total} | loss {loss} | ${this.settings.metric} {metric} | lr {lr} | ETA {eta_formatted}{extra}`,
        stream: this.settings.output as NodeJS.WritableStream,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 24,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(this.settings.batchesPerEpoch, 0, { loss: '-', metric: '-', lr: this.formattedRate(), extra: '' });
  }

  private formattedRate(): string {
    const rate = this.learningRate();
    return rate === undefined ? '-' : formatNumber(rate);
  }

  private handleBatchEnd(batch: number, logs: Record<string, unknown>): void {
    if (this.bar === undefined) return;
    const loss = logs.loss;
    const metric = logs[this.settings.metric];
    this.bar.update(batch + 1, {
      loss: typeof loss === 'number' ? formatNumber(loss) : '-',
      metric: typeof metric === 'number' ? formatNumber(metric) : '-',
      lr: this.formattedRate(),
    });
  }

  private handleEpochEnd(epoch: number, logs: Record<string, unknown>): void {
    const now = this.settings.now();
    const seconds = (now - this.epochStart) / 1000;
    this.epochsDone += 1;
    const perEpoch = (now - this.trainStart) / 1000 / this.epochsDone;
    const numbers = Object.fromEntries(Object.entries(logs).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
    if (this.bar !== undefined) {
      const extra = Object.entries(numbers)
        .filter(([key]) => key !== 'loss' && key !== this.settings.metric)
        .map(([key, value]) => ` | ${key} ${formatNumber(value)}`)
        .join('');
      this.bar.update(this.settings.batchesPerEpoch, {
        loss: numbers.loss === undefined ? '-' : formatNumber(numbers.loss),
        metric: numbers[this.settings.metric] === undefined ? '-' : formatNumber(numbers[this.settings.metric] as number),
        lr: this.formattedRate(),
        extra: `${extra} | ${formatDuration(seconds)}`,
      });
      this.bar.stop();
      this.bar = undefined;
      return;
    }
    this.settings.output.write(
      `${formatEpochLine({
        label: this.settings.label,
        epoch: epoch + 1,
        epochs: this.settings.epochs,
        logs: numbers,
        learningRate: this.learningRate(),
        seconds,
        remainingSeconds: perEpoch * (this.settings.epochs - epoch - 1),
      })}\n`,
    );
  }
}
