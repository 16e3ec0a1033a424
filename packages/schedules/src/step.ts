import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, optionKeys, positiveInteger, positiveNumber, required } from './validation.js';

/** Options of {@link step}. */
export interface StepOptions {
  /** The value from step 0 until the first drop. */
  readonly initialValue: number;
  /** Steps between two drops: an integer >= 1 (PyTorch `step_size`). */
  readonly periodSteps: number;
  /** Multiplier applied at each drop (PyTorch `gamma`), a positive number; < 1 decays. */
  readonly factor: number;
}

/** The JSON config of a {@link step} schedule. */
export interface StepConfig {
  readonly type: 'step';
  readonly initialValue: number;
  readonly periodSteps: number;
  readonly factor: number;
}

/** The option keys of {@link step}. */
const stepKeys = optionKeys<StepOptions>({ initialValue: true, periodSteps: true, factor: true });

/**
 * Step decay: multiply by `factor` every `periodSteps` steps, as PyTorch `StepLR`.
 *
 * Formula: `f(t) = initialValue * factor ** floor(t / periodSteps)`. The new value applies
 * AT the boundary step (`f(periodSteps) = initialValue * factor`), as PyTorch and optax; the
 * classic Keras idiom `0.1 * 0.5 ** floor((1 + epoch) / 10)` drops one epoch earlier.
 *
 * `periodSteps` must be an integer so that every boundary `k * periodSteps` is hit exactly
 * (a fractional size such as 0.1 would put `floor(0.3 / 0.1)` at 2). Fractional steps
 * `t` are fine: an epoch-based schedule evaluated per batch drops at the epoch boundary.
 *
 * @param options.initialValue - the value before the first drop.
 * @param options.periodSteps - steps between drops (an integer >= 1).
 * @param options.factor - multiplier per drop (a positive finite number).
 * @example
 * ```ts
 * const s = step({ initialValue: 0.1, periodSteps: 30, factor: 0.1 });
 * s(29);  // 0.1
 * s(30);  // 0.01
 * s(60);  // 0.001
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html
 */
export function step(options: StepOptions): Schedule<StepConfig> {
  const name = 'step';
  const checked = knownKeys(name, options, stepKeys, { allowNull: false, renamed: { stepSize: 'periodSteps' } });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const periodSteps = positiveInteger(name, 'periodSteps', required(name, 'periodSteps', checked.periodSteps));
  const factor = positiveNumber(name, 'factor', required(name, 'factor', checked.factor));
  return defineSchedule({ type: name, initialValue, periodSteps, factor }, (t) => initialValue * factor ** Math.floor(t / periodSteps));
}
