import type { Schedule } from '@lrkit/schedules';
import { describeValue, knownKeys, nonNegativeInteger, optionKeys } from '@lrkit/schedules/validation';
import type * as tf from '@tensorflow/tfjs';
import { type LearningRateController, learningRateControllerFor } from './learning-rate-controller.js';
import type { StepFunction } from './learning-rate-scheduler.js';

/** Options of {@link scheduleOptimizer}. */
export interface ScheduleOptimizerOptions {
  /**
   * A momentum schedule (Momentum/RMSProp `momentum`, Adam/Adamax `beta1`). Default: the
   * schedule's paired `.momentum` (cyclic, one-cycle) on optimizers that have a knob; `null`
   * turns that off. An explicit momentum schedule on an optimizer without a knob is an error.
   */
  readonly momentumSchedule?: Schedule | StepFunction | null;
  /** The step of the next update. Default: the optimizer's update count (`optimizer.iterations`). */
  readonly initialStep?: number;
}

/** What {@link scheduleOptimizer} returns: the optimizer's updates, each at the scheduled rate. */
export interface ScheduledOptimizer {
  /** The scheduled optimizer. */
  readonly optimizer: tf.Optimizer;
  /** The step the next update uses: `initialStep` plus the updates applied since. */
  readonly step: number;
  /** The learning rate in the optimizer now. */
  readonly learningRate: number;
  /**
   * Writes the learning rate (and momentum) of the current step into the optimizer, without
   * updating anything; `minimize` and `applyGradients` call it. Use it before an update made
   * some other way (then the optimizer's update count moves the step on).
   * @returns the learning rate written.
   */
  prepare(): number;
  /** `optimizer.minimize(f, returnCost, varList)` at the scheduled rate; the next call uses the next step. */
  minimize(f: () => tf.Scalar, returnCost?: boolean, varList?: tf.Variable[]): tf.Scalar | null;
  /** `optimizer.applyGradients(gradients)` at the scheduled rate; the next call uses the next step. */
  applyGradients(gradients: Parameters<tf.Optimizer['applyGradients']>[0]): void;
}

const owner = 'scheduleOptimizer';
/** The option names of {@link ScheduleOptimizerOptions}, checked against the interface. */
const optionNames = optionKeys<ScheduleOptimizerOptions>({ momentumSchedule: true, initialStep: true });

/**
 * Schedules an optimizer in a custom training loop (`optimizer.minimize` or
 * `optimizer.applyGradients`, no `model.fit`): before each update it writes `schedule(step)`
 * as the learning rate (and the momentum schedule's value as momentum / `beta1`), where
 * `step` counts updates globally: it is the optimizer's own update count
 * (`optimizer.iterations`) shifted by `initialStep`, so it survives other updates, several
 * loops and restored optimizer weights. The rate goes through the same optimizer adapter and
 * learning-rate controller as `LearningRateScheduler` (one code path for all seven tfjs
 * optimizers; a `ReduceLROnPlateau` on the same optimizer still scales it), it is written only
 * when it changes, and nothing is read back from the device.
 *
 * @param optimizer - one of the seven tfjs optimizers.
 * @param schedule - an `@lrkit/schedules` schedule or any `(step) => value`.
 * @param options - see {@link ScheduleOptimizerOptions}.
 * @throws TypeError naming the argument for an unsupported optimizer, a non-function schedule
 *   or a momentum schedule on an optimizer without a momentum knob.
 * @example
 * ```ts
 * const optimizer = tf.train.adam(1e-3);
 * const scheduled = scheduleOptimizer(optimizer, fromHuggingFace('linear', {
 *   learningRate: 1e-3, num_warmup_steps: 100, num_training_steps: 1000,
 * }));
 * for (const { xs, ys } of batches) {
 *   scheduled.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs) as tf.Tensor) as tf.Scalar);
 * }
 * scheduled.step; // updates applied so far
 * ```
 */
export function scheduleOptimizer(optimizer: tf.Optimizer, schedule: Schedule | StepFunction, options: ScheduleOptimizerOptions = {}): ScheduledOptimizer {
  if (typeof schedule !== 'function') {
    throw new TypeError(`${owner}: \`schedule\` must be a schedule or a (step) => value function; received ${describeValue(schedule)}`);
  }
  const checked = knownKeys(owner, options, optionNames);
  const controller: LearningRateController = learningRateControllerFor(optimizer);
  const { adapter } = controller;
  const explicit = checked.momentumSchedule;
  if (explicit !== undefined && explicit !== null && typeof explicit !== 'function') {
    throw new TypeError(`${owner}: \`momentumSchedule\` must be a schedule, a (step) => value function or null; received ${describeValue(explicit)}`);
  }
  let momentum: StepFunction | undefined;
  if (typeof explicit === 'function') {
    if (!adapter.supportsMomentum) {
      throw new TypeError(
        `${owner}: \`momentumSchedule\` was given but the ${adapter.optimizerName} optimizer has no momentum-like knob ` +
          '(Momentum and RMSProp have `momentum`, Adam and Adamax `beta1`)',
      );
    }
    momentum = explicit as StepFunction;
  } else if (explicit === undefined && adapter.supportsMomentum) {
    momentum = (schedule as Schedule).momentum;
  }
  const startIterations = adapter.getIterations();
  const offset = checked.initialStep === undefined ? 0 : nonNegativeInteger(owner, 'initialStep', checked.initialStep) - startIterations;
  const currentStep = (): number => adapter.getIterations() + offset;

  const prepare = (): number => {
    const step = currentStep();
    const value = schedule(step);
    controller.setScheduledValue(value);
    if (momentum !== undefined) adapter.setMomentum(momentum(step));
    return adapter.getLearningRate();
  };

  return {
    optimizer,
    get step() {
      return currentStep();
    },
    get learningRate() {
      return adapter.getLearningRate();
    },
    prepare,
    minimize(f, returnCost = false, varList) {
      prepare();
      return optimizer.minimize(f, returnCost, varList);
    },
    applyGradients(gradients) {
      prepare();
      optimizer.applyGradients(gradients);
    },
  };
}
