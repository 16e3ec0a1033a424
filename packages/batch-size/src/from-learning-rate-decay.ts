import type { Schedule, ScheduleConfig } from '@lrkit/schedules';
import { type BatchSizePhaseOptions, type BatchSizeSchedule, batchSizeSchedule } from './batch-size-schedule.js';
import { describeValue, fail, knownKeys, momentumValue, optionKeys, positiveInteger, required } from './validation.js';

/** Options of {@link fromLearningRateDecay}. */
export interface FromLearningRateDecayOptions {
  /** The batch size of the LR-decay run being converted (an integer >= 1). */
  readonly initialBatchSize: number;
  /**
   * The largest batch size to grow to (an integer >= the starting batch size, <= datasetSize).
   * Past it the remaining decay is applied to the learning rate (the hybrid rule).
   * Default: `floor(datasetSize / 10)` when `datasetSize` is given (Smith et al.'s "about
   * N/10"), otherwise no cap.
   */
  readonly maxBatchSize?: number;
  /** The number of training samples N (an integer >= 1); used for the default cap and checks. */
  readonly datasetSize?: number;
  /**
   * Total epochs. Required for a `'step'` decay (it decays forever); otherwise optional:
   * boundaries at or after it are dropped, and without it the last phase stays open.
   */
  readonly totalEpochs?: number;
  /** The momentum m of the LR-decay run (in [0, 1); default 0). */
  readonly momentum?: number;
  /**
   * Momentum scaling: train with this momentum instead of `momentum`, growing every batch
   * size by `(1 − momentum) / (1 − targetMomentum)` (B ∝ 1/(1 − m)) and adjusting the
   * learning rate so the noise scale `ε N / (B (1 − m))` stays that of the LR-decay run.
   * The phases then carry `momentum: targetMomentum`.
   */
  readonly targetMomentum?: number;
}

/** A learning-rate decay whose config can be read: a native schedule or its JSON config. */
export type LearningRateDecay = Schedule | (ScheduleConfig & { readonly [key: string]: unknown });

const owner = 'fromLearningRateDecay';

/** The option keys of {@link fromLearningRateDecay}, checked against its options interface. */
const fromLearningRateDecayKeys = optionKeys<FromLearningRateDecayOptions>({
  initialBatchSize: true,
  maxBatchSize: true,
  datasetSize: true,
  totalEpochs: true,
  momentum: true,
  targetMomentum: true,
});

/** Option names of {@link fromLearningRateDecay} renamed before 1.0, refused with their new name. */
const renamed = { epochs: 'totalEpochs' };
const supportedTypes = ['step', 'multi-step', 'piecewise-constant'] as const;

interface Decay {
  /** Epochs where the LR changes (> 0, strictly increasing, integers). */
  readonly boundaries: number[];
  /** The LR at epoch t. */
  readonly valueAt: (epoch: number) => number;
}

/**
 * Turns a piecewise-constant learning-rate decay measured in epochs (native `step`,
 * `multiStep` or `piecewiseConstant`) into batch-size increases by the same factors
 * (Smith, Kindermans, Ying, Le 2018): where the LR-decay run divides the learning rate by
 * k, this schedule multiplies the batch size by k and keeps the learning rate.
 *
 * Rule, phase i starting at the i-th change epoch, with ε_i the decay's value there,
 * r_i = ε_0 / ε_i, s = (1 − momentum) / (1 − targetMomentum) (1 without momentum scaling):
 *
 * - `B_i = min(round(initialBatchSize · r_i · s), maxBatchSize)`
 * - `learningRate_i = ε_i · B_i (1 − m') / (initialBatchSize (1 − m))` with m' the momentum
 *   trained with, so the noise scale `ε N / (B (1 − m))` equals the LR-decay run's at every
 *   epoch. While the batch is below the cap this is ε_0 (the learning rate is not decayed);
 *   once `maxBatchSize` is reached the batch stops growing and the learning rate carries
 *   the rest of each factor (the hybrid rule). A boundary that would overshoot the cap
 *   grows the batch to the cap and decays the learning rate by the remainder.
 *
 * Every phase carries its `learningRate` (and `momentum` when `targetMomentum` is given),
 * so `fitWithBatchSchedule` writes them as the phase starts. `baselineBatchSize` is
 * `initialBatchSize`, so the fit summary counts the updates saved against the LR-decay run.
 *
 * Errors at construction: an unsupported schedule type, boundaries that are not whole
 * epochs, `maxBatchSize` below the starting batch or above `datasetSize`, a default cap
 * (datasetSize / 10) below the starting batch, a `'step'` decay without `totalEpochs`.
 *
 * @param schedule - a native `step({ initialValue, stepSize, factor })`,
 *   `multiStep({ initialValue, milestones, factor })` or
 *   `piecewiseConstant({ boundaries, values })` schedule (or its config), in epochs.
 * @param options - see {@link FromLearningRateDecayOptions}.
 * @returns a {@link BatchSizeSchedule}.
 * @example
 * ```ts
 * const decay = multiStep({ initialValue: 0.1, milestones: [60, 120, 160], factor: 0.2 });
 * const schedule = fromLearningRateDecay(decay, { initialBatchSize: 128, maxBatchSize: 3200, totalEpochs: 200 });
 * schedule.phases.map((p) => [p.batchSize, p.learningRate]);
 * // [[128, 0.1], [640, 0.1], [3200, 0.1], [3200, 0.02]]
 * ```
 */
export function fromLearningRateDecay(schedule: LearningRateDecay, options: FromLearningRateDecayOptions): BatchSizeSchedule {
  const checked = knownKeys(owner, options, fromLearningRateDecayKeys, { allowNull: false, renamed });
  const initialBatchSize = positiveInteger(owner, 'initialBatchSize', required(owner, 'initialBatchSize', checked.initialBatchSize));
  const datasetSize = checked.datasetSize === undefined ? undefined : positiveInteger(owner, 'datasetSize', checked.datasetSize);
  const totalEpochs = checked.totalEpochs === undefined ? undefined : positiveInteger(owner, 'totalEpochs', checked.totalEpochs);
  const momentum = checked.momentum === undefined ? 0 : momentumValue(owner, 'momentum', checked.momentum);
  const targetMomentum = checked.targetMomentum === undefined ? undefined : momentumValue(owner, 'targetMomentum', checked.targetMomentum);
  const trainedMomentum = targetMomentum ?? momentum;
  const momentumScale = (1 - momentum) / (1 - trainedMomentum);
  const startBatchSize = Math.round(initialBatchSize * momentumScale);

  let maxBatchSize: number;
  if (checked.maxBatchSize !== undefined) {
    maxBatchSize = positiveInteger(owner, 'maxBatchSize', checked.maxBatchSize);
    if (datasetSize !== undefined && maxBatchSize > datasetSize) {
      fail(owner, 'maxBatchSize', `<= datasetSize (${datasetSize}): a batch cannot hold more samples than the dataset`, maxBatchSize, 'range');
    }
    if (maxBatchSize < startBatchSize) {
      fail(owner, 'maxBatchSize', `>= the starting batch size (${startBatchSize})`, maxBatchSize, 'range');
    }
  } else if (datasetSize !== undefined) {
    maxBatchSize = Math.floor(datasetSize / 10);
    if (maxBatchSize < startBatchSize) {
      throw new RangeError(
        `${owner}: the default \`maxBatchSize\` floor(datasetSize / 10) = ${maxBatchSize} is below the starting batch size ${startBatchSize}; pass \`maxBatchSize\` explicitly`,
      );
    }
  } else {
    maxBatchSize = Infinity;
  }

  const decay = readDecay(schedule, totalEpochs);
  const boundaries = decay.boundaries.filter((boundary) => totalEpochs === undefined || boundary < totalEpochs);
  const starts = [0, ...boundaries];
  const initialLearningRate = decay.valueAt(0);
  const phases: BatchSizePhaseOptions[] = starts.map((start, index) => {
    const value = decay.valueAt(start);
    if (!(value > 0 && Number.isFinite(value))) {
      throw new RangeError(
        `${owner}: the decay's learning rate must stay positive and finite to be converted; it is ${describeValue(value)} at epoch ${start}`,
      );
    }
    const decayFactor = initialLearningRate / value; // r_i
    const batchSize = Math.min(Math.max(1, Math.round(initialBatchSize * decayFactor * momentumScale)), maxBatchSize);
    // ε'_i = ε_0 · [B_i (1 − m')] / [B_0 (1 − m) r_i]; the bracket is 1 while the batch carries the whole factor.
    let ratio = (batchSize * (1 - trainedMomentum)) / (initialBatchSize * (1 - momentum) * decayFactor);
    if (Math.abs(ratio - 1) < 1e-12) ratio = 1;
    const learningRate = initialLearningRate * ratio;
    const end = starts[index + 1] ?? totalEpochs;
    return {
      ...(end === undefined ? {} : { epochs: end - start }),
      batchSize,
      learningRate,
      ...(targetMomentum === undefined ? {} : { momentum: targetMomentum }),
    };
  });
  return batchSizeSchedule({ phases, baselineBatchSize: initialBatchSize });
}

function readDecay(schedule: LearningRateDecay, totalEpochs: number | undefined): Decay {
  const config = readConfig(schedule);
  const type = config.type;
  const field = (name: string): unknown => config[name];
  const numberField = (name: string): number => {
    const value = field(name);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(owner, `schedule.config.${name}`, 'a finite number', value, 'type');
    }
    return value;
  };
  const wholeEpochs = (name: string, value: unknown): number[] => {
    if (!Array.isArray(value)) fail(owner, `schedule.config.${name}`, 'an array of epochs', value, 'type');
    const numbers = value as unknown[];
    numbers.forEach((item, index) => {
      if (typeof item !== 'number' || !Number.isInteger(item) || item < 0) {
        fail(
          owner,
          `schedule.config.${name}[${index}]`,
          'a whole number of epochs (batch sizes can only change between epochs; the decay is read in epochs)',
          item,
          'range',
        );
      }
      const previous = numbers[index - 1] as number | undefined;
      if (previous !== undefined && !((item as number) > previous)) {
        fail(owner, `schedule.config.${name}`, 'strictly increasing', value, 'range');
      }
    });
    return numbers as number[];
  };

  switch (type) {
    case 'step': {
      const initialValue = numberField('initialValue');
      const factor = numberField('factor');
      const stepSize = numberField('stepSize');
      if (!Number.isInteger(stepSize) || stepSize < 1) {
        fail(owner, 'schedule.config.stepSize', 'a whole number of epochs >= 1 (the decay is read in epochs)', stepSize, 'range');
      }
      if (totalEpochs === undefined) {
        throw new TypeError(`${owner}: \`totalEpochs\` is required for a 'step' decay (it decays every ${stepSize} epochs forever); received undefined`);
      }
      const boundaries: number[] = [];
      for (let boundary = stepSize; boundary < totalEpochs; boundary += stepSize) boundaries.push(boundary);
      return { boundaries, valueAt: (t) => initialValue * factor ** Math.floor(t / stepSize) };
    }
    case 'multi-step': {
      const initialValue = numberField('initialValue');
      const factor = numberField('factor');
      const milestones = wholeEpochs('milestones', field('milestones'));
      return {
        boundaries: milestones.filter((milestone) => milestone > 0),
        valueAt: (t) => initialValue * factor ** milestones.filter((milestone) => milestone <= t).length,
      };
    }
    case 'piecewise-constant': {
      const boundaries = wholeEpochs('boundaries', field('boundaries'));
      const values = field('values');
      if (!Array.isArray(values) || values.length !== boundaries.length + 1) {
        fail(owner, 'schedule.config.values', `an array of ${boundaries.length + 1} numbers (boundaries.length + 1)`, values, 'range');
      }
      const numbers = values as number[];
      return {
        boundaries: boundaries.filter((boundary) => boundary > 0),
        valueAt: (t) => numbers[boundaries.filter((boundary) => boundary <= t).length] as number,
      };
    }
    default:
      throw new TypeError(
        `${owner}: \`schedule\` must be a ${supportedTypes.map((name) => `'${name}'`).join(', ')} decay measured in epochs; ` +
          `received a ${describeValue(type)} schedule (describe other shapes with batchSizeSchedule({ phases }))`,
      );
  }
}

function readConfig(schedule: LearningRateDecay): Record<string, unknown> {
  const candidate: unknown = typeof schedule === 'function' ? (schedule as Schedule).config : schedule;
  if (candidate === null || typeof candidate !== 'object' || typeof (candidate as { type?: unknown }).type !== 'string') {
    throw new TypeError(
      `${owner}: \`schedule\` must be a native schedule or its config (an object with a string \`type\`); received ${describeValue(schedule)}`,
    );
  }
  return candidate as Record<string, unknown>;
}
