/**
 * The callbacks' own per-batch cost, isolated from training. A driver calls the hooks exactly
 * as tfjs's fit loop does (awaiting each callback's onBatchBegin / onBatchEnd with logs
 * holding scalar tensors `loss` and `acc`, disposed after the hook; epoch logs with
 * `val_loss` / `val_acc` tensors; the optimizer's update count advanced every batch) —
 * without the training step, so the only difference between the baseline (no lrkit callback)
 * and a variant is the callbacks' work, including the awaits. Measured on process CPU time,
 * alternating, thousands of batches per round: a low-noise figure of microseconds per batch
 * that the report divides by a measured batch time.
 */
import * as tf from '@tensorflow/tfjs';
import { lrkitCallbackSet, lrkitCallbackSetNames } from './lrkit-callback-sets.js';
import { buildMlp, disposeModelAndOptimizer } from './overhead.bench.js';
import { type Spread, spread, timeAlternating, type Variant } from './timing.js';

/** Sizes of the hook-cost run. */
export interface HookCostOptions {
  readonly repetitions: number;
  readonly warmup: number;
  /** Batches driven per round. */
  readonly batches: number;
  /** Batches per epoch (an epoch end, with LossHistory's read-back, every this many). */
  readonly batchesPerEpoch: number;
}

/** Per-batch cost of one configuration. */
export interface HookCostVariant {
  readonly name: string;
  /** CPU microseconds per batch above the baseline driver, per round: median, min, max. */
  readonly microsecondsPerBatch: Spread;
}

/** The hook-cost result. */
export interface HookCostResult {
  readonly backend: string;
  readonly batchesPerEpoch: number;
  /** CPU microseconds per batch of the baseline driver itself (logs tensors created and disposed). */
  readonly baselineMicrosecondsPerBatch: number;
  readonly variants: readonly HookCostVariant[];
}

export const fullHookCostOptions: HookCostOptions = { repetitions: 9, warmup: 1, batches: 4000, batchesPerEpoch: 16 };
export const smokeHookCostOptions: HookCostOptions = { repetitions: 1, warmup: 0, batches: 32, batchesPerEpoch: 16 };

/** Configurations driven, in report order. */
export const hookCostVariantNames = lrkitCallbackSetNames;

type Logs = Record<string, number | tf.Tensor>;
type Hooks = {
  onTrainBegin(logs?: Logs): Promise<void>;
  onTrainEnd(logs?: Logs): Promise<void>;
  onEpochBegin(epoch: number, logs?: Logs): Promise<void>;
  onEpochEnd(epoch: number, logs?: Logs): Promise<void>;
  onBatchBegin(batch: number, logs?: Logs): Promise<void>;
  onBatchEnd(batch: number, logs?: Logs): Promise<void>;
};

/**
 * Drives `batches` batches of hooks on `callbacks` the way tfjs's fit loop does.
 * `epochOffset` keeps the epochs counting across rounds.
 */
async function drive(callbacks: readonly tf.CustomCallback[], model: tf.LayersModel, options: HookCostOptions, epochOffset: number): Promise<void> {
  const hooks = callbacks as unknown as Hooks[];
  const incrementIterations = (): void => {
    (model.optimizer as unknown as { incrementIterations(): void }).incrementIterations();
  };
  const epochs = Math.ceil(options.batches / options.batchesPerEpoch);
  for (const callback of callbacks) {
    callback.setModel(model as unknown as Parameters<tf.CustomCallback['setModel']>[0]);
    callback.setParams({
      epochs: epochOffset + epochs,
      initialEpoch: epochOffset,
      samples: options.batchesPerEpoch * 32,
      batchSize: 32,
      verbose: 0,
      doValidation: true,
      metrics: ['loss', 'acc', 'val_loss', 'val_acc'],
    });
  }
  for (const hook of hooks) await hook.onTrainBegin({});
  let done = 0;
  for (let epoch = epochOffset; done < options.batches; epoch += 1) {
    for (const hook of hooks) await hook.onEpochBegin(epoch, {});
    for (let batch = 0; batch < options.batchesPerEpoch && done < options.batches; batch += 1, done += 1) {
      const logs: Logs = {};
      for (const hook of hooks) await hook.onBatchBegin(batch, logs);
      incrementIterations();
      logs.batch = batch;
      logs.size = 32;
      logs.loss = tf.scalar(1 / (1 + done));
      logs.acc = tf.scalar(0.5);
      for (const hook of hooks) await hook.onBatchEnd(batch, logs);
      tf.dispose([logs.loss, logs.acc] as tf.Tensor[]);
    }
    const epochLogs: Logs = { loss: tf.scalar(1 / (1 + epoch)), acc: tf.scalar(0.5), val_loss: tf.scalar(1 / (1 + epoch)), val_acc: tf.scalar(0.5) };
    for (const hook of hooks) await hook.onEpochEnd(epoch, epochLogs);
    tf.dispose(Object.values(epochLogs).filter((value): value is tf.Tensor => typeof value !== 'number'));
  }
  for (const hook of hooks) await hook.onTrainEnd({});
}

/**
 * Measures the per-batch CPU cost of each callback configuration on the current backend.
 *
 * @example
 * ```ts
 * const { variants } = await runHookCostBench(smokeHookCostOptions);
 * ```
 */
export async function runHookCostBench(options: HookCostOptions): Promise<HookCostResult> {
  const models: tf.LayersModel[] = [];
  const rounds = options.warmup + options.repetitions;
  const variant = (name: string, callbacks: tf.CustomCallback[]): Variant => {
    const model = buildMlp(tf.train.adam(0.001));
    models.push(model);
    let round = 0;
    return [
      name,
      async () => {
        await drive(callbacks, model, options, round * Math.ceil(options.batches / options.batchesPerEpoch));
        round += 1;
      },
    ] as const;
  };
  try {
    const variants: Variant[] = [
      variant('baseline', []),
      ...hookCostVariantNames.map((name) => variant(name, lrkitCallbackSet(name, { totalBatches: options.batches * rounds, totalEpochs: 1000 }))),
    ];
    const samples = await timeAlternating(variants, { repetitions: options.repetitions, warmup: options.warmup });
    const baseline = samples.get('baseline') ?? [];
    const perBatch = (milliseconds: number): number => (milliseconds * 1000) / options.batches;
    return {
      backend: tf.getBackend(),
      batchesPerEpoch: options.batchesPerEpoch,
      baselineMicrosecondsPerBatch: spread(baseline.map((sample) => perBatch(sample.cpuMilliseconds))).median,
      variants: hookCostVariantNames.map((name) => ({
        name,
        microsecondsPerBatch: spread(
          (samples.get(name) ?? []).map((sample, round) => perBatch(sample.cpuMilliseconds - (baseline[round]?.cpuMilliseconds ?? Number.NaN))),
        ),
      })),
    };
  } finally {
    for (const model of models) disposeModelAndOptimizer(model);
  }
}
