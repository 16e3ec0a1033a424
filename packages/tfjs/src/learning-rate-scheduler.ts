import type { Schedule } from '@lrkit/schedules';
import { booleanOption, describeValue, knownKeys, nonNegativeNumber, oneOf, optionKeys, positiveInteger } from '@lrkit/schedules/validation';
import { type CallbackState, encodeStateNumber, readState, type StatefulCallback } from './callback-state.js';
import { type LearningRateController, learningRateControllerFor } from './learning-rate-controller.js';
import { type CallbackLogs, ModelCallback } from './model-callback.js';

/** A plain step function `(step) => value` (an lrkit `Schedule` is one too). */
export type StepFunction = (step: number) => number;

/** A Keras-style schedule `(epoch, currentLearningRate) => newLearningRate`. */
export type KerasScheduleFunction = (epoch: number, learningRate: number) => number;

/** Options of {@link LearningRateScheduler}. */
export interface LearningRateSchedulerOptions {
  /**
   * The learning-rate schedule: an `@lrkit/schedules` schedule, a plain `(step) => value`
   * function, or — with `keras: true` — a Keras-style `(epoch, learningRate) => learningRate`.
   */
  readonly schedule: Schedule | StepFunction | KerasScheduleFunction;
  /**
   * What a step is: `'batch'` (one optimizer update; the schedule sees the global update
   * count) or `'epoch'` (the schedule sees the global epoch). Required, except with
   * `keras: true` where it defaults to `'epoch'` as in Keras.
   */
  readonly unit?: 'batch' | 'epoch';
  /**
   * Epoch unit only: evaluate the schedule every batch at the fractional epoch
   * `epoch + batch / batchesPerEpoch` (timm's `t_in_epochs = false`). Default false.
   */
  readonly interpolate?: boolean;
  /**
   * Batches per epoch for `interpolate`. Default: from `fit`'s sample count and batch size,
   * or `fitDataset`'s `batchesPerEpoch`, else counted during the first epoch (which then
   * uses the whole-epoch value).
   */
  readonly batchesPerEpoch?: number;
  /**
   * A momentum schedule in the same unit (Momentum/RMSProp `momentum`, Adam/Adamax `beta1`).
   * Default: the schedule's paired `.momentum` (cyclic, one-cycle) when it has one, skipped
   * with a warning on optimizers without a momentum knob; `null` turns that off. An explicit
   * momentum schedule on an optimizer without a knob is an error.
   */
  readonly momentumSchedule?: Schedule | StepFunction | null;
  /**
   * `true`: `schedule` is a Keras-style `(epoch, learningRate) => learningRate` that receives
   * the current unscaled learning rate. `false`: a plain `(step) => value`. A two-argument
   * function without this option is rejected, so the two kinds are never guessed.
   */
  readonly keras?: boolean;
  /**
   * Batch unit: the step of the first update of the first `fit` call. Default: the
   * optimizer's own update count (`optimizer.iterations`), or `initialEpoch * batchesPerEpoch`
   * when resuming with `initialEpoch` on an optimizer that has not been updated yet.
   */
  readonly initialStep?: number;
  /** Print every change of the learning rate or momentum (`console.log`). Default false. */
  readonly verbose?: boolean;
}

const owner = 'LearningRateScheduler';
/** The option names of {@link LearningRateSchedulerOptions}, checked against the interface. */
const optionNames = optionKeys<LearningRateSchedulerOptions>({
  schedule: true,
  unit: true,
  interpolate: true,
  batchesPerEpoch: true,
  momentumSchedule: true,
  keras: true,
  initialStep: true,
  verbose: true,
});

/**
 * A `model.fit` / `model.fitDataset` callback that sets the optimizer's learning rate (and
 * momentum) from a schedule before each batch (`unit: 'batch'`) or each epoch
 * (`unit: 'epoch'`, optionally interpolated per batch).
 *
 * The step is global: in batch unit it is the optimizer's own update count
 * (`optimizer.iterations`), so it continues across several `fit` / `fitDataset` calls and
 * resumes with restored optimizer weights; in epoch unit it is the epoch counted across
 * `fit` calls (`initialEpoch` honoured). The optimizer is written only when the value
 * changes, and losses are never read (no device sync). When a {@link ReduceLROnPlateau}
 * drives the same optimizer, the learning rate written is the schedule's value times the
 * plateau's scale.
 *
 * @example
 * ```ts
 * import { cosine } from '@lrkit/schedules';
 * import { LearningRateScheduler } from '@lrkit/tfjs';
 *
 * const scheduler = new LearningRateScheduler({
 *   schedule: cosine({ initialValue: 0.1, decaySteps: 1000 }),
 *   unit: 'batch',
 * });
 * await model.fit(xs, ys, { epochs: 10, batchSize: 32, callbacks: [scheduler] });
 * scheduler.learningRate; // the learning rate in force now
 * ```
 */
export class LearningRateScheduler extends ModelCallback implements StatefulCallback {
  /** The options with defaults filled in. */
  readonly options: {
    readonly unit: 'batch' | 'epoch';
    readonly interpolate: boolean;
    readonly batchesPerEpoch: number | undefined;
    readonly keras: boolean;
    readonly initialStep: number | undefined;
    readonly verbose: boolean;
  };
  private readonly schedule: Schedule | StepFunction | KerasScheduleFunction;
  private readonly explicitMomentum: Schedule | StepFunction | undefined;
  private readonly automaticMomentum: Schedule | undefined;
  private controller: LearningRateController | undefined;
  private momentumSchedule: Schedule | StepFunction | undefined;
  private momentumWarned = false;
  private stepOffset: number | undefined;
  private fitStarting = false;
  private completedEpochs = 0;
  private epochOffset = 0;
  private globalEpoch = 0;
  private batchesSeen = 0;
  private learnedBatchesPerEpoch: number | undefined;
  private currentStep = 0;
  private currentScheduledValue: number | undefined;
  private currentMomentum: number | undefined;
  private epochLearningRate: number | undefined;
  private restoredFromState = false;

  constructor(options: LearningRateSchedulerOptions) {
    super();
    const checked = knownKeys(owner, options, optionNames);
    const schedule = checked.schedule;
    if (typeof schedule !== 'function') {
      const hint =
        schedule !== null && typeof schedule === 'object' && 'type' in schedule ? ' (a schedule config: build the schedule with fromConfig(config) first)' : '';
      throw new TypeError(`${owner}: \`schedule\` must be a schedule or a function of the step${hint}; received ${describeValue(schedule)}`);
    }
    const keras = checked.keras === undefined ? false : booleanOption(owner, 'keras', checked.keras);
    if (checked.keras === undefined && schedule.length === 2) {
      throw new TypeError(
        `${owner}: \`schedule\` takes two arguments, like a Keras schedule (epoch, learningRate); ` +
          'pass `keras: true` to use it that way, or `keras: false` for a plain (step) => value function',
      );
    }
    if (checked.unit === undefined && !keras) {
      throw new TypeError(`${owner}: \`unit\` is required ('batch' or 'epoch'); received undefined`);
    }
    const unit = oneOf(owner, 'unit', checked.unit ?? 'epoch', ['batch', 'epoch'] as const);
    const interpolate = checked.interpolate === undefined ? false : booleanOption(owner, 'interpolate', checked.interpolate);
    if (interpolate && unit !== 'epoch') {
      throw new RangeError(`${owner}: \`interpolate\` applies to unit 'epoch' only; received unit ${describeValue(unit)}`);
    }
    const batchesPerEpoch = checked.batchesPerEpoch === undefined ? undefined : positiveInteger(owner, 'batchesPerEpoch', checked.batchesPerEpoch);
    const initialStep = checked.initialStep === undefined ? undefined : nonNegativeNumber(owner, 'initialStep', checked.initialStep);
    const verbose = checked.verbose === undefined ? false : booleanOption(owner, 'verbose', checked.verbose);
    const momentum = checked.momentumSchedule;
    if (momentum !== undefined && momentum !== null && typeof momentum !== 'function') {
      throw new TypeError(`${owner}: \`momentumSchedule\` must be a schedule, a function of the step or null; received ${describeValue(momentum)}`);
    }
    this.schedule = schedule as Schedule | StepFunction | KerasScheduleFunction;
    this.explicitMomentum = (momentum ?? undefined) as Schedule | StepFunction | undefined;
    this.automaticMomentum = momentum === undefined && !keras ? ((schedule as Partial<Schedule>).momentum ?? undefined) : undefined;
    this.options = { unit, interpolate, batchesPerEpoch, keras, initialStep, verbose };
  }

  /** The learning rate in the optimizer now (after any plateau scaling), or undefined before training. */
  get learningRate(): number | undefined {
    return this.controller?.adapter.getLearningRate();
  }

  /** The unscaled value the schedule gave last, or undefined before training. */
  get scheduledLearningRate(): number | undefined {
    return this.currentScheduledValue;
  }

  /** The momentum (or Adam's `beta1`) set last, or undefined when no momentum schedule applies. */
  get momentum(): number | undefined {
    return this.currentMomentum;
  }

  /** The step the schedule was evaluated at last: global update count, or (fractional) global epoch. */
  get step(): number {
    return this.currentStep;
  }

  /** The global epoch in progress (counted across `fit` calls). */
  get epoch(): number {
    return this.globalEpoch;
  }

  /**
   * Batches per epoch as given, taken from the current `fit` call's params (read at every
   * use, so a caller that runs several phases with new params is followed), or learned
   * from the first epoch.
   */
  get batchesPerEpoch(): number | undefined {
    return this.options.batchesPerEpoch ?? this.fitBatchesPerEpoch ?? this.learnedBatchesPerEpoch;
  }

  override async onTrainBegin(): Promise<void> {
    const optimizer = this.requireOptimizer(owner);
    const controller = learningRateControllerFor(optimizer);
    if (this.controller !== controller) {
      this.controller = controller;
      // A state put back with setState belongs to the run being resumed, on whatever optimizer.
      if (!this.restoredFromState) this.stepOffset = undefined;
      this.momentumWarned = false;
    }
    this.restoredFromState = false;
    const { adapter } = controller;
    this.momentumSchedule = undefined;
    if (this.explicitMomentum !== undefined) {
      if (!adapter.supportsMomentum) {
        throw new TypeError(
          `${owner}: \`momentumSchedule\` was given but the ${adapter.optimizerName} optimizer has no momentum-like knob ` +
            '(Momentum and RMSProp have `momentum`, Adam and Adamax `beta1`)',
        );
      }
      this.momentumSchedule = this.explicitMomentum;
    } else if (this.automaticMomentum !== undefined) {
      if (adapter.supportsMomentum) {
        this.momentumSchedule = this.automaticMomentum;
      } else if (!this.momentumWarned) {
        this.momentumWarned = true;
        console.warn(
          `${owner}: the schedule has a paired momentum schedule, but the ${adapter.optimizerName} optimizer has no ` +
            'momentum-like knob; only the learning rate is scheduled (pass `momentumSchedule: null` to silence this)',
        );
      }
    }
    // fitDataset does not pass initialEpoch in its params: the offsets are fixed at the
    // first epoch of the call, whose index is the initial epoch.
    this.fitStarting = true;
    if (this.currentScheduledValue === undefined) this.currentScheduledValue = adapter.getLearningRate();
  }

  /** Fixes the epoch and step offsets at the first epoch of a fit call. */
  private startFit(initialEpoch: number): void {
    this.fitStarting = false;
    this.epochOffset = Math.max(0, this.completedEpochs - initialEpoch);
    const adapter = this.controller?.adapter;
    if (this.stepOffset === undefined && adapter !== undefined) {
      const iterations = adapter.getIterations();
      const perEpoch = this.batchesPerEpoch;
      if (this.options.initialStep !== undefined) {
        this.stepOffset = this.options.initialStep - iterations;
      } else if (iterations === 0 && initialEpoch > 0 && perEpoch !== undefined) {
        this.stepOffset = initialEpoch * perEpoch;
      } else {
        this.stepOffset = 0;
      }
    }
    if (this.controller !== undefined) this.controller.stepOffset = this.stepOffset;
  }

  override async onTrainEnd(): Promise<void> {
    // The scheduler is not attached to the next fit call unless passed again.
    if (this.controller !== undefined) this.controller.scheduledValue = undefined;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    if (this.fitStarting) this.startFit(epoch);
    this.globalEpoch = epoch + this.epochOffset;
    this.batchesSeen = 0;
    if (this.options.unit === 'epoch') this.apply(this.globalEpoch);
  }

  override async onBatchBegin(batch: number): Promise<void> {
    this.batchesSeen = batch + 1;
    if (this.options.unit === 'batch') {
      const adapter = this.controller?.adapter;
      if (adapter === undefined) return;
      this.apply(adapter.getIterations() + (this.stepOffset ?? 0));
    } else if (this.options.interpolate) {
      const perEpoch = this.batchesPerEpoch;
      this.apply(perEpoch === undefined ? this.globalEpoch : this.globalEpoch + Math.min(batch / perEpoch, 1));
    }
  }

  /**
   * Records the epoch and writes `learning_rate` (and `momentum`, when a momentum schedule
   * applies) into the epoch's logs, as Keras 3's `LearningRateScheduler` does, so tfjs's
   * `History` and the callbacks after this one see them. The value is the learning rate of the
   * epoch's last batch (before any plateau reduction at this epoch's end).
   */
  override async onEpochEnd(_epoch?: number, logs?: CallbackLogs): Promise<void> {
    if (logs != null) {
      const learningRate = this.epochLearningRate ?? this.controller?.adapter.getLearningRate();
      if (learningRate !== undefined) logs['learning_rate'] = learningRate;
      if (this.momentumSchedule !== undefined && this.currentMomentum !== undefined) logs['momentum'] = this.currentMomentum;
    }
    this.completedEpochs = this.globalEpoch + 1;
    if (this.learnedBatchesPerEpoch === undefined && this.batchesSeen > 0) {
      this.learnedBatchesPerEpoch = this.batchesSeen;
    }
  }

  override async onBatchEnd(_batch: number, _logs?: CallbackLogs): Promise<void> {}

  /**
   * The scheduler's state as JSON: the global epoch and step, the step offset fixed at the
   * first `fit`, the epochs completed, the learned batches per epoch and the values set last.
   * Together with the optimizer's own state (its update count) it resumes the schedule exactly.
   *
   * @example
   * ```ts
   * const saved = scheduler.getState();
   * // { type: 'LearningRateScheduler', version: 1, completedEpochs: 3, stepOffset: 0, … }
   * ```
   */
  getState(): CallbackState {
    return {
      type: owner,
      version: 1,
      unit: this.options.unit,
      completedEpochs: this.completedEpochs,
      globalEpoch: this.globalEpoch,
      stepOffset: this.stepOffset ?? null,
      learnedBatchesPerEpoch: this.learnedBatchesPerEpoch ?? null,
      step: encodeStateNumber(this.currentStep),
      scheduledLearningRate: this.currentScheduledValue ?? null,
      momentum: this.currentMomentum ?? null,
    };
  }

  /**
   * Puts a state from {@link getState} back (on a scheduler built with the same options): the
   * next `fit` continues the run's epoch and step count instead of starting afresh.
   *
   * @example
   * ```ts
   * const resumed = new LearningRateScheduler({ schedule, unit: 'batch' });
   * resumed.setState(JSON.parse(savedText));
   * await model.fit(xs, ys, { epochs: 6, initialEpoch: 3, callbacks: [resumed] });
   * ```
   */
  setState(state: CallbackState): void {
    const read = readState(owner, state);
    if (read.value('unit') !== this.options.unit) {
      throw new RangeError(
        `${owner}.setState: \`state.unit\` must be this scheduler's unit ${describeValue(this.options.unit)}; received ${describeValue(read.value('unit'))}`,
      );
    }
    const completedEpochs = read.integer('completedEpochs');
    const globalEpoch = read.integer('globalEpoch');
    const stepOffset = read.optionalNumber('stepOffset');
    const learned = read.optionalNumber('learnedBatchesPerEpoch');
    const step = read.number('step');
    const scheduled = read.optionalNumber('scheduledLearningRate');
    const momentum = read.optionalNumber('momentum');
    this.completedEpochs = completedEpochs;
    this.globalEpoch = globalEpoch;
    this.stepOffset = stepOffset;
    this.learnedBatchesPerEpoch = learned;
    this.currentStep = step;
    this.currentScheduledValue = scheduled;
    this.currentMomentum = momentum;
    this.epochOffset = 0;
    this.restoredFromState = true;
  }

  /** Evaluates the schedules at `step` and writes what changed. */
  private apply(step: number): void {
    const controller = this.controller;
    if (controller === undefined) return;
    this.currentStep = step;
    const raw = this.options.keras
      ? (this.schedule as KerasScheduleFunction)(step, this.currentScheduledValue ?? controller.adapter.getLearningRate())
      : (this.schedule as StepFunction)(step);
    if (typeof raw !== 'number' || !(Number.isFinite(raw) && raw >= 0)) {
      throw new RangeError(`${owner}: the schedule must return a finite number >= 0; received ${describeValue(raw)} at step ${step}`);
    }
    const before = controller.adapter.getLearningRate();
    this.currentScheduledValue = raw;
    const changed = controller.setScheduledValue(raw);
    this.epochLearningRate = controller.adapter.getLearningRate();
    if (changed && this.options.verbose) {
      console.log(`${owner}: ${this.options.unit} ${formatStep(step)}: learning rate ${before} -> ${controller.adapter.getLearningRate()}`);
    }
    const momentumSchedule = this.momentumSchedule;
    if (momentumSchedule !== undefined) {
      const momentum = momentumSchedule(step);
      const previous = controller.adapter.getMomentum();
      if (controller.adapter.setMomentum(momentum) && this.options.verbose) {
        console.log(`${owner}: ${this.options.unit} ${formatStep(step)}: ${controller.adapter.momentumKnob} ${previous} -> ${momentum}`);
      }
      this.currentMomentum = momentum;
    }
  }
}

function formatStep(step: number): string {
  return Number.isInteger(step) ? String(step) : step.toFixed(4);
}
