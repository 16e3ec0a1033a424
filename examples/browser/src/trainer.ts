import type { Schedule } from '@lrkit/schedules';
import { LearningRateScheduler, LossHistory } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import type { MnistTensors } from './data.js';
import { epochOrder } from './epoch-order.js';
import { createModel } from './model.js';
import { nextSlice, type RunEvent, type RunState } from './run-state.js';

/** What the trainer needs from the page. */
export interface TrainerHost {
  readonly state: () => RunState;
  readonly dispatch: (event: RunEvent) => void;
}

function metric(logs: tf.Logs | undefined, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = logs?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

/**
 * One run: a model, its Adam optimizer, the `LearningRateScheduler` and `LossHistory`
 * callbacks, trained one epoch (or the rest of a stopped epoch) per `fit` call, so that a
 * stop keeps everything and a resume continues at the next batch with the global step
 * (the optimizer's update count) continuing.
 */
export class Trainer {
  readonly model: tf.LayersModel;
  readonly scheduler: LearningRateScheduler;
  readonly history: LossHistory;

  constructor(
    private readonly data: MnistTensors,
    readonly schedule: Schedule,
    private readonly settings: { readonly learningRate: number; readonly seed: number },
    private readonly host: TrainerHost,
  ) {
    this.model = createModel(settings.learningRate, settings.seed);
    this.scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    this.history = new LossHistory();
  }

  /** Trains until the run is complete or `stop()` is called; then evaluates on the test set when complete. */
  async train(): Promise<void> {
    const live = new tf.CustomCallback({
      onBatchEnd: async (_batch, logs) => {
        const optimizer = this.model.optimizer as unknown as { learningRate: number };
        this.host.dispatch({
          type: 'batch',
          point: {
            step: this.scheduler.step,
            epoch: this.host.state().epoch,
            learningRate: optimizer.learningRate,
            loss: metric(logs, 'loss') ?? Number.NaN,
            accuracy: metric(logs, 'acc', 'accuracy'),
          },
        });
      },
      onEpochEnd: async (epoch, logs) => {
        this.host.dispatch({
          type: 'epoch-end',
          point: {
            epoch,
            loss: metric(logs, 'loss'),
            accuracy: metric(logs, 'acc', 'accuracy'),
            validationLoss: metric(logs, 'val_loss'),
            validationAccuracy: metric(logs, 'val_acc', 'val_accuracy'),
          },
        });
      },
    });
    try {
      for (;;) {
        const state = this.host.state();
        if (state.status !== 'training') break;
        const slice = nextSlice(state);
        if (slice === undefined) break;
        const order = epochOrder(this.data.trainCount, this.settings.seed, slice.epoch).subarray(slice.firstExample);
        const [images, labels] = tf.tidy(() => {
          const indices = tf.tensor1d(order, 'int32');
          return [tf.gather(this.data.trainImages, indices), tf.gather(this.data.trainLabels, indices)];
        });
        try {
          await this.model.fit(images, labels, {
            epochs: slice.epoch + 1,
            initialEpoch: slice.epoch,
            batchSize: state.batchSize,
            shuffle: false,
            validationData: [this.data.testImages, this.data.testLabels],
            callbacks: [this.scheduler, this.history, live],
          });
        } finally {
          images.dispose();
          labels.dispose();
        }
      }
      this.host.dispatch({ type: 'segment-ended' });
      if (this.host.state().status === 'evaluating') {
        this.host.dispatch({ type: 'evaluated', testAccuracy: await this.evaluate() });
      }
    } catch (error) {
      this.host.dispatch({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Asks the running `fit` to stop after the current batch. */
  stop(): void {
    this.model.stopTraining = true;
  }

  /** Accuracy on the test subset. */
  async evaluate(): Promise<number> {
    const result = this.model.evaluate(this.data.testImages, this.data.testLabels, { batchSize: 250 }) as tf.Scalar[];
    const values = await Promise.all(result.map((tensor) => tensor.data()));
    tf.dispose(result);
    return values[1]?.[0] ?? Number.NaN;
  }

  dispose(): void {
    this.model.dispose();
  }
}
