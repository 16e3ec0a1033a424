import { booleanOption, functionOption, knownKeys, nonNegativeInteger, numberGreaterThan, optionKeys, positiveInteger } from '@lrkit/schedules/validation';
import { adaptOptimizer, snapshotTrainingState } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { releaseAbandonedTape } from './abandoned-tape.js';
import {
  type BatchSource,
  checkBatchShapes,
  type DatasetBatch,
  datasetBatches,
  isDataset,
  type RangeTestData,
  sampleCount,
  type TensorData,
  tensorBatches,
} from './batch-source.js';
import type { RangeTestConfidence } from './confidence.js';
import { createDivergenceCheck, defaultDivergeThreshold, type StopReason } from './divergence.js';
import { checkSmoothing, createLossSmoother, defaultSmoothing } from './smoothed-loss.js';
import { suggestionMethods, suggestLearningRates } from './suggest.js';
import type { LearningRateSuggestion, SuggestionMethod } from './suggestion.js';
import { renamedSweepOptions, resolveSweep, type SweepMode, sweepLearningRate } from './sweep.js';

/** One batch of the sweep, as passed to `onBatch`. */
export interface RangeTestBatch {
  /** Batch index, from 0. */
  readonly index: number;
  readonly learningRate: number;
  /** The raw loss (training loss of the batch, or the validation loss after it). */
  readonly loss: number;
  readonly smoothedLoss: number;
  /** The planned number of batches. */
  readonly totalSteps: number;
}

/** Options of {@link findLearningRate}. */
export interface FindLearningRateOptions {
  /** Learning rate of the first batch (> 0). Default 1e-7. */
  readonly initialLearningRate?: number;
  /** Learning rate of the last batch (> initialLearningRate). Default 10. */
  readonly finalLearningRate?: number;
  /** Batches in the sweep (integer >= 2). Default 100. */
  readonly totalSteps?: number;
  /** `'exponential'` (default) or `'linear'` growth of the learning rate. */
  readonly mode?: SweepMode;
  /** β of the bias-corrected moving average of the loss, in [0, 1); 0 turns smoothing off. Default 0.98 (fastai). */
  readonly smoothing?: number;
  /** Stop when the smoothed loss exceeds this factor × the best smoothed loss (> 1). Default 4 (fastai; pytorch-lr-finder 5). */
  readonly divergeThreshold?: number;
  /** Whether `divergeThreshold` stops the sweep (a NaN/Infinity loss always does). Default true. */
  readonly stopOnDivergence?: boolean;
  /** Samples per batch when `data` is tensors (integer >= 1). Default 32. */
  readonly batchSize?: number;
  /** Shuffle tensor data before every pass (seeded). Default true. */
  readonly shuffle?: boolean;
  /** Seed of the shuffle (integer >= 0). Default 0. */
  readonly seed?: number;
  /** Record the loss on these data (evaluated after every batch) instead of the training loss. */
  readonly validationData?: RangeTestData;
  /** Batch size of the validation evaluation of tensor data. Default 32... as `model.evaluate`. */
  readonly validationBatchSize?: number;
  /** Points skipped at the start of the curve before suggesting. Default floor(totalSteps / 10) (fastai). */
  readonly skipStart?: number;
  /** Points skipped at the end of the curve before suggesting. Default 5 (fastai). */
  readonly skipEnd?: number;
  /** Suggestion rules, in order; the first is `result.suggestion`. Default `['edge', 'valley', 'steepest', 'minimum']`. */
  readonly methods?: readonly SuggestionMethod[];
  /** Called after every batch (for progress output); may be async. */
  readonly onBatch?: (batch: RangeTestBatch) => void | Promise<void>;
}

/** What {@link findLearningRate} measured and suggests. */
export interface RangeTestResult {
  /** The learning rate of each batch that ran. */
  readonly learningRates: readonly number[];
  /** The raw loss of each batch (training loss, or validation loss after it). */
  readonly losses: readonly number[];
  /** The bias-corrected smoothed loss of each batch. */
  readonly smoothedLosses: readonly number[];
  /** Suggestions in the order of `methods` (empty when fewer than 2 usable points). */
  readonly suggestions: readonly LearningRateSuggestion[];
  /** The first suggestion (`edge` by default: a third of the loss's turning point), if any. */
  readonly suggestion?: LearningRateSuggestion;
  /** Whether the curve can be trusted, with the reasons when not. */
  readonly confidence: RangeTestConfidence;
  /** The analysed window of the curve (indexes, end exclusive). */
  readonly window: { readonly start: number; readonly end: number };
  /** True when the sweep ended before `totalSteps` batches. */
  readonly stoppedEarly: boolean;
  /**
   * The batch index where the sweep stopped: the diverging (or non-finite) batch, which is
   * recorded as the last point, or, when the data ran out, the first batch that could not run.
   */
  readonly stoppedAt?: number;
  /** Why the sweep stopped early. */
  readonly stopReason?: StopReason;
  /** A sentence explaining the early stop. */
  readonly stopMessage?: string;
  /** The lowest finite smoothed loss (Infinity when none). */
  readonly bestLoss: number;
  /** The sweep's settings. */
  readonly mode: SweepMode;
  readonly initialLearningRate: number;
  readonly finalLearningRate: number;
  readonly totalSteps: number;
  readonly smoothing: number;
  readonly divergeThreshold: number;
  /** `'training'` or `'validation'`: which loss was recorded. */
  readonly lossSource: 'training' | 'validation';
}

const optionNames = optionKeys<FindLearningRateOptions>({
  initialLearningRate: true,
  finalLearningRate: true,
  totalSteps: true,
  mode: true,
  smoothing: true,
  divergeThreshold: true,
  stopOnDivergence: true,
  batchSize: true,
  shuffle: true,
  seed: true,
  validationData: true,
  validationBatchSize: true,
  skipStart: true,
  skipEnd: true,
  methods: true,
  onBatch: true,
});

function firstLoss(value: number | number[]): number {
  return Array.isArray(value) ? (value[0] as number) : value;
}

async function evaluationLoss(model: tf.LayersModel, data: RangeTestData, batchSize: number): Promise<number> {
  const result = isDataset(data)
    ? await model.evaluateDataset(data as unknown as tf.data.Dataset<{}>, {})
    : model.evaluate(data.x as tf.Tensor | tf.Tensor[], data.y as tf.Tensor | tf.Tensor[], { batchSize });
  const scalars = Array.isArray(result) ? result : [result];
  try {
    return ((await (scalars[0] as tf.Scalar).data())[0] as number) ?? NaN;
  } finally {
    tf.dispose(scalars);
  }
}

/**
 * The learning-rate range test (Smith 2015, "Cyclical learning rates"; fastai `lr_find`;
 * pytorch-lr-finder): trains `model` on successive batches while the learning rate grows from
 * `initialLearningRate` to `finalLearningRate`, records the loss of every batch, and suggests learning rates from the
 * curve of loss against learning rate.
 *
 * - Batch `i` uses `initialLearningRate * (finalLearningRate / initialLearningRate) ** (i / (totalSteps − 1))` (or the linear
 *   interpolation), set on the model's optimizer before the batch.
 * - Each batch is one `model.trainOnBatch` (the compiled loss, regularisers and optimizer,
 *   exactly as `fit` trains; one read of the loss per batch, which the divergence check
 *   needs anyway). With `validationData` the recorded loss is `model.evaluate` on it after
 *   the batch (slower, less noisy).
 * - The loss is smoothed with a bias-corrected moving average (β = `smoothing`); the sweep
 *   stops early when the smoothed loss exceeds `divergeThreshold` × its best value or a loss
 *   is NaN/Infinity (that batch is recorded and `stoppedAt` names it), or when a dataset
 *   ends first (`stopReason: 'data-exhausted'`).
 * - Suggestions: `edge` (the default), `valley`, `steepest`, `minimum` (see {@link suggestLearningRates}) with a
 *   confidence verdict.
 *
 * Afterwards the model and its optimizer are exactly as before, bit for bit: weights,
 * optimizer slot variables, `optimizer.iterations` and the learning rate, also when a batch
 * throws (`snapshotTrainingState` of `@lrkit/tfjs`). No tensor is left behind.
 *
 * @param model - a compiled `tf.LayersModel` (its optimizer is the one swept).
 * @param data - `{ x, y }` tensors (batched with `batchSize`, repeated as needed) or a
 *   `tf.data.Dataset` of `{ xs, ys }` batches (one pass; use `dataset.repeat()` for more).
 * @param options - see {@link FindLearningRateOptions}.
 * @throws RangeError/TypeError for invalid options, naming the option; TypeError when the
 *   model is not compiled or is training.
 * @example
 * ```ts
 * model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
 * const result = await findLearningRate(model, { x: xs, y: ys }, { batchSize: 64 });
 * console.log(result.suggestion?.learningRate, result.confidence.confident);
 * ```
 */
export async function findLearningRate(model: tf.LayersModel, data: RangeTestData, options: FindLearningRateOptions = {}): Promise<RangeTestResult> {
  const owner = 'findLearningRate';
  knownKeys(owner, options, optionNames, { allowNull: false, renamed: renamedSweepOptions });
  const sweep = resolveSweep(owner, options);
  const smoothing = checkSmoothing(owner, options.smoothing ?? defaultSmoothing);
  const divergeThreshold = numberGreaterThan(owner, 'divergeThreshold', options.divergeThreshold ?? defaultDivergeThreshold, 1);
  const stopOnDivergence = booleanOption(owner, 'stopOnDivergence', options.stopOnDivergence ?? true);
  const batchSize = positiveInteger(owner, 'batchSize', options.batchSize ?? 32);
  const shuffle = booleanOption(owner, 'shuffle', options.shuffle ?? true);
  const seed = nonNegativeInteger(owner, 'seed', options.seed ?? 0);
  const validationBatchSize = positiveInteger(owner, 'validationBatchSize', options.validationBatchSize ?? 32);
  const onBatch =
    options.onBatch === undefined ? undefined : functionOption<NonNullable<FindLearningRateOptions['onBatch']>>(owner, 'onBatch', options.onBatch);
  const methods = options.methods ?? suggestionMethods;

  if (model === null || typeof model !== 'object' || typeof (model as { trainOnBatch?: unknown }).trainOnBatch !== 'function') {
    throw new TypeError(`${owner}: \`model\` must be a tf.LayersModel; received ${model === null ? 'null' : typeof model}`);
  }
  if (model.optimizer == null) {
    throw new TypeError(`${owner}: the model is not compiled (it has no optimizer); call model.compile({ optimizer, loss }) first`);
  }
  if (isTraining(model)) {
    throw new TypeError(`${owner}: the model is training (a fit call is running); run the range test before or after it`);
  }
  if (!isDataset(data)) {
    if (data === null || typeof data !== 'object' || !('x' in data) || !('y' in data)) {
      throw new TypeError(`${owner}: \`data\` must be { x, y } tensors or a tf.data.Dataset of { xs, ys } batches`);
    }
    sampleCount(owner, data);
  }
  const validationData = options.validationData;
  if (validationData !== undefined && !isDataset(validationData)) sampleCount(owner, validationData as TensorData);

  const access = optimizerAccess(owner, model.optimizer);
  const originalLearningRate = access.getLearningRate();
  const snapshot = snapshotTrainingState(model);
  const source: BatchSource = isDataset(data) ? datasetBatches(data) : tensorBatches(data, batchSize, shuffle, seed);
  const smoother = createLossSmoother(smoothing);
  const divergence = createDivergenceCheck(divergeThreshold, stopOnDivergence);
  const learningRates: number[] = [];
  const losses: number[] = [];
  const smoothedLosses: number[] = [];
  let bestLoss = Infinity;
  let stopReason: StopReason | undefined;
  let stoppedAt: number | undefined;
  try {
    for (let index = 0; index < sweep.totalSteps; index += 1) {
      const learningRate = sweepLearningRate(sweep, index);
      const batch: DatasetBatch | undefined = await source.next();
      if (batch === undefined) {
        stopReason = 'data-exhausted';
        stoppedAt = index;
        break;
      }
      access.setLearningRate(learningRate);
      let loss: number;
      try {
        if (index === 0) checkBatchShapes(owner, model, batch);
        loss = firstLoss(await model.trainOnBatch(batch.xs as tf.Tensor, batch.ys as tf.Tensor));
        if (validationData !== undefined) loss = await evaluationLoss(model, validationData, validationBatchSize);
      } catch (error) {
        releaseAbandonedTape();
        throw error;
      } finally {
        tf.dispose(batch as unknown as tf.TensorContainer);
      }
      const smoothedLoss = smoother.update(loss);
      const verdict = divergence.update(loss, smoothedLoss);
      bestLoss = verdict.best;
      learningRates.push(learningRate);
      losses.push(loss);
      smoothedLosses.push(smoothedLoss);
      await onBatch?.({ index, learningRate, loss, smoothedLoss, totalSteps: sweep.totalSteps });
      if (verdict.stop !== undefined) {
        stopReason = verdict.stop;
        stoppedAt = index;
        break;
      }
    }
  } finally {
    source.dispose();
    access.setLearningRate(originalLearningRate);
    snapshot.restore();
  }

  const report = suggestLearningRates(
    { learningRates, losses, smoothedLosses },
    {
      totalSteps: sweep.totalSteps,
      methods,
      ...(options.skipStart === undefined ? {} : { skipStart: options.skipStart }),
      ...(options.skipEnd === undefined ? {} : { skipEnd: options.skipEnd }),
    },
  );
  const stopMessage = describeStop(stopReason, stoppedAt, sweep.totalSteps, learningRates, divergeThreshold);
  const [suggestion] = report.suggestions;
  return {
    learningRates,
    losses,
    smoothedLosses,
    suggestions: report.suggestions,
    ...(suggestion === undefined ? {} : { suggestion }),
    confidence: report.confidence,
    window: report.window,
    stoppedEarly: stopReason !== undefined,
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
    ...(stopReason === undefined ? {} : { stopReason }),
    ...(stopMessage === undefined ? {} : { stopMessage }),
    bestLoss,
    mode: sweep.mode,
    initialLearningRate: sweep.initialLearningRate,
    finalLearningRate: sweep.finalLearningRate,
    totalSteps: sweep.totalSteps,
    smoothing,
    divergeThreshold,
    lossSource: validationData === undefined ? 'training' : 'validation',
  };
}

/**
 * The learning-rate access to the model's optimizer; an optimizer lrkit cannot drive is named
 * in a message that starts with the function the user called, not with `adaptOptimizer`.
 */
function optimizerAccess(owner: string, optimizer: tf.Optimizer): ReturnType<typeof adaptOptimizer> {
  try {
    return adaptOptimizer(optimizer);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new TypeError(`${owner}: the model's ${error.message.replace(/^adaptOptimizer[^:]*: /, '')}`);
  }
}

/**
 * Whether a `fit`/`fitDataset` call is running on the model. A `tf.sequential` model trains
 * through an inner functional model, whose `isTraining` is the one tfjs sets: both are checked.
 */
function isTraining(model: tf.LayersModel): boolean {
  const outer = model as unknown as { isTraining?: unknown; model?: { isTraining?: unknown } };
  return outer.isTraining === true || outer.model?.isTraining === true;
}

function describeStop(
  reason: StopReason | undefined,
  stoppedAt: number | undefined,
  totalSteps: number,
  learningRates: readonly number[],
  divergeThreshold: number,
): string | undefined {
  if (reason === undefined || stoppedAt === undefined) return undefined;
  const at = learningRates[stoppedAt];
  const rate = at === undefined ? '' : ` (learning rate ${Number(at.toPrecision(3))})`;
  if (reason === 'diverged') {
    return `stopped at batch ${stoppedAt}${rate}: the smoothed loss exceeded ${divergeThreshold} × its best value`;
  }
  if (reason === 'non-finite') return `stopped at batch ${stoppedAt}${rate}: the loss became NaN or infinite`;
  return `stopped after ${stoppedAt} of ${totalSteps} batches: the dataset ended before the sweep did; ` + 'repeat it (dataset.repeat()) or lower totalSteps';
}
