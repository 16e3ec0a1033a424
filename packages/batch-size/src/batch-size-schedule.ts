import { limits } from '@lrkit/schedules';
import { arrayOption, describeValue, fail, integerStep, knownKeys, momentumValue, positiveInteger, positiveNumber, required } from './validation.js';

/** One phase as given to {@link batchSizeSchedule} (and as stored in its config). */
export interface BatchSizePhaseOptions {
  /**
   * How many epochs the phase lasts (an integer >= 1). Required for every phase but the
   * last; a last phase without `epochs` runs until the end of training.
   */
  readonly epochs?: number;
  /** The batch size of the phase (an integer >= 1). */
  readonly batchSize: number;
  /**
   * The learning rate written into the optimizer when the phase starts. Omit to leave
   * the optimizer's learning rate as it is (for example when a `LearningRateScheduler`
   * or `ReduceLROnPlateau` owns it).
   */
  readonly learningRate?: number;
  /**
   * The momentum coefficient written into the optimizer when the phase starts, for
   * optimizers that have one (`momentum`, `rmsprop`; `adam`/`adamax` via beta1). Omit to
   * leave it as it is.
   */
  readonly momentum?: number;
}

/** A resolved phase of a {@link BatchSizeSchedule}: where it starts and ends, what it sets. */
export interface BatchSizePhase {
  /** The phase's position, from 0. */
  readonly index: number;
  /** The first epoch of the phase (0-based, inclusive). */
  readonly startEpoch: number;
  /** The epoch after the phase's last one (exclusive); `Infinity` for an open last phase. */
  readonly endEpoch: number;
  /** The phase's batch size. */
  readonly batchSize: number;
  /** The learning rate written when the phase starts, if any. */
  readonly learningRate?: number;
  /** The momentum written when the phase starts, if any. */
  readonly momentum?: number;
}

/** The JSON config of a {@link BatchSizeSchedule}: `batchSizeSchedule(config)` rebuilds it. */
export interface BatchSizeScheduleConfig {
  readonly type: 'batch-size-phases';
  /** The phases, as given (every phase but possibly the last has `epochs`). */
  readonly phases: readonly BatchSizePhaseOptions[];
  /**
   * The batch size of the equivalent fixed-batch run the update count is compared with
   * (the LR-decay run's batch size for {@link fromLearningRateDecay}; the first phase's
   * batch size by default).
   */
  readonly baselineBatchSize: number;
}

/** Options of {@link batchSizeSchedule}. */
export interface BatchSizeScheduleOptions {
  /** The phases in order (at least one). */
  readonly phases: readonly BatchSizePhaseOptions[];
  /** See {@link BatchSizeScheduleConfig.baselineBatchSize}; the first phase's batch size by default. */
  readonly baselineBatchSize?: number;
  /** Accepted (and checked) so a config round-trips: `batchSizeSchedule(s.config)`. */
  readonly type?: 'batch-size-phases';
}

/**
 * A batch-size schedule: a step function of the epoch, made of phases. Calling it gives the
 * batch size in effect at an epoch; `phases` lists where each phase starts and ends and the
 * learning rate / momentum it writes when it starts.
 */
export interface BatchSizeSchedule {
  /** The batch size at `epoch` (0-based; a finite number >= 0, fractions allowed). */
  (epoch: number): number;
  /** The JSON config (frozen). */
  readonly config: BatchSizeScheduleConfig;
  /** The resolved phases (frozen). */
  readonly phases: readonly BatchSizePhase[];
  /** The total number of epochs when the last phase has `epochs`; `undefined` when it is open. */
  readonly totalEpochs: number | undefined;
  /** The fixed batch size the update count is compared with. */
  readonly baselineBatchSize: number;
  /** The phase in effect at `epoch`. */
  phaseAt(epoch: number): BatchSizePhase;
}

const owner = 'batchSizeSchedule';

/**
 * Builds a batch-size schedule from phases `{ epochs, batchSize, learningRate?, momentum? }`.
 * Phase i covers epochs `[start_i, start_i + epochs_i)` with `start_0 = 0`; the last phase may
 * leave out `epochs` to run until training ends. `fitWithBatchSchedule` runs one
 * `fitDataset` call per phase with the phase's batch size, and writes the phase's
 * `learningRate` / `momentum` (when given) into the optimizer as the phase starts.
 *
 * Errors at construction: an empty phase list, a batch size < 1 or not an integer, a
 * phase length < 1 or not an integer, a missing `epochs` before the last phase, a
 * learning rate <= 0, a momentum outside [0, 1), an unknown key.
 *
 * @param options - `phases` (see {@link BatchSizePhaseOptions}) and an optional
 *   `baselineBatchSize` (the fixed-batch run to compare update counts with).
 * @returns a {@link BatchSizeSchedule}.
 * @example
 * ```ts
 * const schedule = batchSizeSchedule({
 *   phases: [
 *     { epochs: 10, batchSize: 128 },
 *     { epochs: 10, batchSize: 640 },
 *     { batchSize: 3200 }, // until the end of training
 *   ],
 * });
 * schedule(0);  // 128
 * schedule(10); // 640
 * schedule(25); // 3200
 * schedule.phases[1]; // { index: 1, startEpoch: 10, endEpoch: 20, batchSize: 640 }
 * ```
 */
export function batchSizeSchedule(options: BatchSizeScheduleOptions): BatchSizeSchedule {
  const checked = knownKeys(owner, options, ['phases', 'baselineBatchSize', 'type'], { allowNull: false });
  if (checked.type !== undefined && checked.type !== 'batch-size-phases') {
    fail(owner, 'type', "'batch-size-phases' when given", checked.type, 'range');
  }
  const given = arrayOption(owner, 'phases', required(owner, 'phases', checked.phases), 'a non-empty array of phases');
  if (given.length === 0) fail(owner, 'phases', 'a non-empty array of phases', given, 'range');

  const configPhases: BatchSizePhaseOptions[] = [];
  const phases: BatchSizePhase[] = [];
  let start = 0;
  given.forEach((phase: unknown, index) => {
    const name = `phases[${index}]`;
    const fields = knownKeys(`${owner} (${name})`, phase, ['epochs', 'batchSize', 'learningRate', 'momentum'], { allowNull: false });
    const isLast = index === given.length - 1;
    const batchSize = positiveInteger(owner, `${name}.batchSize`, required(owner, `${name}.batchSize`, fields.batchSize));
    let epochs: number | undefined;
    if (fields.epochs === undefined) {
      if (!isLast) {
        throw new TypeError(`${owner}: \`${name}.epochs\` is required (only the last phase may leave it out to run until the end); received undefined`);
      }
    } else {
      epochs = integerStep(owner, `${name}.epochs`, fields.epochs, 1);
      if (start + epochs > limits.maxStep) {
        fail(owner, `${name}.epochs`, `small enough that the phases end by epoch ${limits.maxStep} (limits.maxStep)`, epochs, 'range');
      }
    }
    const learningRate = fields.learningRate === undefined ? undefined : positiveNumber(owner, `${name}.learningRate`, fields.learningRate);
    const momentum = fields.momentum === undefined ? undefined : momentumValue(owner, `${name}.momentum`, fields.momentum);
    const end = epochs === undefined ? Infinity : start + epochs;
    configPhases.push({
      ...(epochs === undefined ? {} : { epochs }),
      batchSize,
      ...(learningRate === undefined ? {} : { learningRate }),
      ...(momentum === undefined ? {} : { momentum }),
    });
    phases.push(
      Object.freeze({
        index,
        startEpoch: start,
        endEpoch: end,
        batchSize,
        ...(learningRate === undefined ? {} : { learningRate }),
        ...(momentum === undefined ? {} : { momentum }),
      }),
    );
    start = end;
  });

  const firstBatchSize = phases[0]?.batchSize ?? 1;
  const baselineBatchSize = checked.baselineBatchSize === undefined ? firstBatchSize : positiveInteger(owner, 'baselineBatchSize', checked.baselineBatchSize);
  const lastEnd = phases[phases.length - 1]?.endEpoch ?? Infinity;
  const config: BatchSizeScheduleConfig = deepFreeze({
    type: 'batch-size-phases',
    phases: configPhases,
    baselineBatchSize,
  });
  Object.freeze(phases);

  const phaseAt = (epoch: number): BatchSizePhase => {
    if (typeof epoch !== 'number' || !(epoch >= 0) || epoch === Infinity) {
      throw new RangeError(`${owner}: \`epoch\` must be a finite number >= 0; received ${describeValue(epoch)}`);
    }
    // The last phase whose start is <= epoch (phases are few; a linear scan is fine).
    let found = phases[0] as BatchSizePhase;
    for (const phase of phases) {
      if (phase.startEpoch <= epoch) found = phase;
    }
    return found;
  };
  const schedule = (epoch: number): number => phaseAt(epoch).batchSize;
  Object.defineProperties(schedule, {
    config: { value: config, enumerable: true },
    phases: { value: phases, enumerable: true },
    totalEpochs: { value: Number.isFinite(lastEnd) ? lastEnd : undefined, enumerable: true },
    baselineBatchSize: { value: baselineBatchSize, enumerable: true },
    phaseAt: { value: phaseAt, enumerable: false },
  });
  return schedule as BatchSizeSchedule;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
