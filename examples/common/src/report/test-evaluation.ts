import * as tf from '@tensorflow/tfjs';

/** Options of {@link TestEvaluation}. */
export interface TestEvaluationOptions {
  /** Test images. */
  readonly xs: tf.Tensor;
  /** Test labels (one-hot). */
  readonly ys: tf.Tensor;
  /** Batch size of the evaluation; default 256. */
  readonly batchSize?: number;
}

/** Test loss and accuracy after one epoch. */
export interface TestRecord {
  /** The epoch, counted from 0. */
  readonly epoch: number;
  /** Loss on the test set. */
  readonly loss: number;
  /** Accuracy on the test set (the model's first metric). */
  readonly accuracy: number;
}

type ModelArgument = Parameters<tf.CustomCallback['setModel']>[0];

/**
 * Evaluates the model on a test set after every epoch, keeps the results in `records`
 * and adds `test_loss` and `test_acc` to the epoch's logs (so callbacks listed after it,
 * such as a progress display, show them). The model must be compiled with one metric.
 *
 * @example
 * ```ts
 * const test = new TestEvaluation({ xs: data.test.xs, ys: data.test.ys });
 * await model.fitDataset(batches, { epochs: 3, callbacks: [test, progress] });
 * test.records; // [{ epoch: 0, loss: 0.31, accuracy: 0.91 }, …]
 * ```
 */
export class TestEvaluation extends tf.CustomCallback {
  /** One record per finished epoch. */
  readonly records: TestRecord[] = [];
  private trainingModel: tf.LayersModel | undefined;

  /**
   * @param options - the test tensors and the evaluation batch size.
   */
  constructor(options: TestEvaluationOptions) {
    super({
      onEpochEnd: async (epoch, logs) => {
        await this?.evaluate(epoch, logs);
      },
    });
    this.options = options;
  }

  private readonly options: TestEvaluationOptions;

  /** Keeps the model being trained. */
  override setModel(model: ModelArgument): void {
    this.trainingModel = model as unknown as tf.LayersModel;
  }

  private async evaluate(epoch: number, logs: tf.Logs | undefined): Promise<void> {
    const model = this.trainingModel;
    if (model === undefined) throw new Error('TestEvaluation: no model (the callback must be passed to fit)');
    const outputs = model.evaluate(this.options.xs, this.options.ys, { batchSize: this.options.batchSize ?? 256 });
    const tensors = Array.isArray(outputs) ? outputs : [outputs];
    const values = await Promise.all(tensors.map(async (tensor) => (await tensor.data())[0] as number));
    tf.dispose(tensors);
    const [loss = Number.NaN, accuracy = Number.NaN] = values;
    this.records.push({ epoch, loss, accuracy });
    if (logs !== undefined) {
      logs.test_loss = loss;
      logs.test_acc = accuracy;
    }
  }
}
