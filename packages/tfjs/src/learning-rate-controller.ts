import type * as tf from '@tensorflow/tfjs';
import { adaptOptimizer, type OptimizerAdapter } from './optimizer-adapter.js';

/** Something that scales the scheduled learning rate (a ReduceLROnPlateau callback). */
export interface LearningRateScaler {
  /** The learning rate to use when the unscaled (scheduled) value is `baseValue`. */
  scaleLearningRate(baseValue: number): number;
}

/**
 * The shared channel between the callbacks that drive one optimizer's learning rate.
 *
 * There is exactly one controller per optimizer object (see {@link learningRateControllerFor}).
 * A `LearningRateScheduler` publishes the unscaled value of its schedule
 * (`scheduledValue`); a `ReduceLROnPlateau` registers itself as a scaler while it takes part
 * in a `fit` call. The learning rate written into the optimizer is always
 * `scaler.scaleLearningRate(scheduledValue)` (or the plateau's own base when no scheduler is attached),
 * so the two callbacks compose in any order instead of overwriting each other.
 *
 * @example
 * ```ts
 * // A plugin callback that halves the learning rate of whatever schedule is attached:
 * const controller = learningRateControllerFor(model.optimizer);
 * const halve: LearningRateScaler = { scaleLearningRate: (baseValue) => baseValue / 2 };
 * controller.addScaler(halve);
 * controller.setScheduledValue(0.1); // the optimizer now trains with 0.05
 * controller.removeScaler(halve);
 * ```
 */
export class LearningRateController {
  /** The adapter of the controlled optimizer. */
  readonly adapter: OptimizerAdapter;
  /** The unscaled value the scheduler set last, or undefined when no scheduler is attached. */
  scheduledValue: number | undefined;
  /**
   * The run's step offset: the schedule step of an update is `optimizer.iterations + stepOffset`
   * (non-zero when a run resumes with `initialEpoch` on a fresh optimizer, or with `initialStep`).
   * Set by the scheduler at the first epoch of a fit call, read by `LossHistory` so its rows'
   * steps agree with the rates; undefined until then.
   */
  stepOffset: number | undefined;
  private readonly scalers = new Set<LearningRateScaler>();

  constructor(adapter: OptimizerAdapter) {
    this.adapter = adapter;
  }

  /** Registers a scaler (idempotent). */
  addScaler(scaler: LearningRateScaler): void {
    this.scalers.add(scaler);
  }

  /** Unregisters a scaler. */
  removeScaler(scaler: LearningRateScaler): void {
    this.scalers.delete(scaler);
  }

  /** Whether any scaler is registered. */
  get hasScalers(): boolean {
    return this.scalers.size > 0;
  }

  /** The learning rate for an unscaled value: every registered scaler applied in turn. */
  effectiveValue(baseValue: number): number {
    let value = baseValue;
    for (const scaler of this.scalers) value = scaler.scaleLearningRate(value);
    return value;
  }

  /**
   * Publishes the scheduler's unscaled value and writes the effective learning rate.
   *
   * @returns whether the optimizer's learning rate changed.
   */
  setScheduledValue(value: number): boolean {
    this.scheduledValue = value;
    return this.adapter.setLearningRate(this.effectiveValue(value));
  }
}

const controllers = new WeakMap<object, LearningRateController>();

/**
 * The controller of an optimizer (created on first use, one per optimizer object).
 *
 * @param optimizer - a tfjs optimizer; see `adaptOptimizer` for the supported ones.
 * @example
 * ```ts
 * const controller = learningRateControllerFor(model.optimizer);
 * controller.setScheduledValue(0.01); // written through any plateau attached to the same optimizer
 * ```
 */
export function learningRateControllerFor(optimizer: tf.Optimizer): LearningRateController {
  let controller = controllers.get(optimizer);
  if (controller === undefined) {
    controller = new LearningRateController(adaptOptimizer(optimizer));
    controllers.set(optimizer, controller);
  }
  return controller;
}
