import * as tf from '@tensorflow/tfjs';

/** The logs tfjs passes to callbacks: numbers, or scalar tensors not yet read back. */
export type CallbackLogs = { [key: string]: number | tf.Tensor };

/** The parameters tfjs gives every callback at the start of `fit` / `fitDataset`. */
export interface FitParams {
  readonly epochs?: number;
  readonly initialEpoch?: number;
  readonly samples?: number | null;
  readonly steps?: number | null;
  readonly batchSize?: number;
  readonly verbose?: number;
  readonly doValidation?: boolean;
  readonly metrics?: readonly string[];
}

/**
 * Base of the lrkit callbacks: a `tf.CustomCallback` (so `model.fit` accepts it next to
 * plain callback objects) that keeps the model tfjs hands to `setModel` — `CustomCallback`
 * itself drops it — and implements the hooks as methods.
 *
 * The hooks are overridden directly instead of passed as `CustomCallback` arguments, so
 * tfjs never resolves the logs of a hook on its own (each resolution is a device sync): a
 * subclass reads exactly the values it needs, and the batch hooks of the scheduler read
 * none. `yieldEvery` is `'never'`: these callbacks never wait for the next frame themselves.
 *
 * @example
 * ```ts
 * // Log the learning rate at the end of every epoch.
 * class LearningRateLogger extends ModelCallback {
 *   override async onEpochEnd(epoch: number): Promise<void> {
 *     const optimizer = this.requireOptimizer('LearningRateLogger');
 *     console.log(epoch, adaptOptimizer(optimizer).getLearningRate());
 *   }
 * }
 * await model.fit(xs, ys, { epochs: 3, callbacks: [new LearningRateLogger()] });
 * ```
 */
export abstract class ModelCallback extends tf.CustomCallback {
  /** The model being trained (set by tfjs before `onTrainBegin`). */
  protected trainingModel: tf.LayersModel | undefined;

  constructor() {
    super({}, 'never');
  }

  /** Called by tfjs with the model before training starts. */
  override setModel(model: Parameters<tf.CustomCallback['setModel']>[0]): void {
    this.trainingModel = model as unknown as tf.LayersModel;
  }

  /** The `fit` parameters (`epochs`, `initialEpoch`, `samples`, `batchSize`, `steps`, …). */
  protected get fitParams(): FitParams {
    return (this.params ?? {}) as FitParams;
  }

  /**
   * Batches per epoch of the current fit call, from its params (`samples` / `batchSize` for
   * `fit`, `steps` for `fitDataset` given `batchesPerEpoch`), or undefined when unknown.
   */
  protected get fitBatchesPerEpoch(): number | undefined {
    const params = this.fitParams;
    if (typeof params.samples === 'number' && typeof params.batchSize === 'number' && params.batchSize > 0) {
      return Math.ceil(params.samples / params.batchSize);
    }
    return typeof params.steps === 'number' && params.steps > 0 ? params.steps : undefined;
  }

  /** The optimizer of the model being trained; throws a clear error before `setModel`. */
  protected requireOptimizer(owner: string): tf.Optimizer {
    const optimizer = this.trainingModel?.optimizer;
    if (optimizer == null) {
      throw new Error(`${owner}: no optimizer to drive; pass the callback in \`callbacks\` of model.fit / model.fitDataset ` + 'on a compiled model');
    }
    return optimizer;
  }

  /** Called by tfjs once at the start of each `fit` / `fitDataset` call (after `setModel`). Does nothing here. */
  override async onTrainBegin(_logs?: CallbackLogs): Promise<void> {}
  /** Called by tfjs once at the end of each `fit` / `fitDataset` call. Does nothing here. */
  override async onTrainEnd(_logs?: CallbackLogs): Promise<void> {}
  /** Called by tfjs before each epoch; `epoch` counts from `initialEpoch`. Does nothing here. */
  override async onEpochBegin(_epoch: number, _logs?: CallbackLogs): Promise<void> {}
  /** Called by tfjs after each epoch with the epoch's metrics (tensors until resolved, see {@link resolveLogs}). Does nothing here. */
  override async onEpochEnd(_epoch: number, _logs?: CallbackLogs): Promise<void> {}
  /** Called by tfjs before each batch; `batch` restarts at 0 every epoch. Does nothing here. */
  override async onBatchBegin(_batch: number, _logs?: CallbackLogs): Promise<void> {}
  /** Called by tfjs after each batch with the batch's metrics (disposed by tfjs after this hook). Does nothing here. */
  override async onBatchEnd(_batch: number, _logs?: CallbackLogs): Promise<void> {}
}

/**
 * Reads scalar tensors back with a single device read (stacked into one float32 vector
 * first when there are several). The tensors are not disposed.
 *
 * @example
 * ```ts
 * const losses = [tf.scalar(0.5), tf.scalar(0.25)];
 * const values = await readScalars(losses); // Float32Array [0.5, 0.25], one device read
 * tf.dispose(losses);
 * ```
 */
export async function readScalars(tensors: readonly tf.Tensor[]): Promise<Float32Array | Int32Array | Uint8Array> {
  if (tensors.length === 1 && tensors[0] !== undefined) {
    return (await tensors[0].data()) as Float32Array;
  }
  const stacked = tf.tidy(() =>
    tf.stack(
      tensors.map((tensor) => {
        // Metrics are float32 scalars; anything else is brought to that shape first.
        const scalar = tensor.rank === 0 ? tensor : tf.reshape(tensor, []);
        return scalar.dtype === 'float32' ? scalar : tf.cast(scalar, 'float32');
      }),
    ),
  );
  try {
    return (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
}

/**
 * Reads every tensor in `logs` back as a number (one device read),
 * replaces it in `logs` and disposes the tensor — what `tf.CustomCallback` does before
 * calling a user hook, so later callbacks see numbers.
 *
 * @example
 * ```ts
 * override async onEpochEnd(epoch: number, logs?: CallbackLogs): Promise<void> {
 *   const metrics = await resolveLogs(logs); // { loss: 0.31, val_loss: 0.35 }
 *   console.log(epoch, metrics['val_loss']);
 * }
 * ```
 */
export async function resolveLogs(logs: CallbackLogs | undefined): Promise<Record<string, number>> {
  if (logs == null) return {};
  const keys: string[] = [];
  const tensors: tf.Tensor[] = [];
  for (const key of Object.keys(logs)) {
    const value = logs[key];
    if (value !== undefined && typeof value !== 'number') {
      keys.push(key);
      tensors.push(value);
    }
  }
  if (tensors.length > 0) {
    const values = await readScalars(tensors);
    keys.forEach((key, index) => {
      logs[key] = values[index] ?? Number.NaN;
    });
    tf.dispose(tensors);
  }
  return logs as Record<string, number>;
}
