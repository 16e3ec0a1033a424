import { bisectRight } from './bisect-right.js';
import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, increasingNumbers, knownKeys, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link multiStep}. */
export interface MultiStepOptions {
  /** The value before the first boundary. */
  readonly initialValue: number;
  /** Steps at which the value is multiplied by `factor` (PyTorch `milestones`): non-empty, strictly increasing, >= 0. */
  readonly boundaries: readonly number[];
  /** Multiplier applied at each boundary (PyTorch `gamma`), a positive number. */
  readonly factor: number;
}

/** The JSON config of a {@link multiStep} schedule. */
export interface MultiStepConfig {
  readonly type: 'multi-step';
  readonly initialValue: number;
  readonly boundaries: readonly number[];
  readonly factor: number;
}

/** The option keys of {@link multiStep}. */
const multiStepKeys = optionKeys<MultiStepOptions>({ initialValue: true, boundaries: true, factor: true });

/**
 * Multiply by `factor` at each boundary, as PyTorch `MultiStepLR` at its milestones.
 *
 * Formula: `f(t) = initialValue * factor ** n(t)` where `n(t)` counts the boundaries
 * `<= t`: the new value applies AT the boundary step, as PyTorch. (Keras
 * `PiecewiseConstantDecay` switches one step later; timm's multistep one step earlier.)
 *
 * Boundaries must be strictly increasing; PyTorch's repeated milestones (which apply
 * `gamma` twice) are written as one boundary with a {@link piecewiseConstant} instead.
 * Boundaries may be fractional (for example epochs evaluated per batch).
 *
 * @param options.initialValue - the value before the first boundary.
 * @param options.boundaries - steps of the drops (strictly increasing numbers >= 0).
 * @param options.factor - multiplier per boundary (a positive finite number).
 * @example
 * ```ts
 * const s = multiStep({ initialValue: 0.1, boundaries: [30, 80], factor: 0.1 });
 * s(29); // 0.1
 * s(30); // 0.01
 * s(80); // 0.001
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html
 */
export function multiStep(options: MultiStepOptions): Schedule<MultiStepConfig> {
  const name = 'multiStep';
  const checked = knownKeys(name, options, multiStepKeys, { allowNull: false, renamed: { milestones: 'boundaries' } });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const boundaries = increasingNumbers(name, 'boundaries', required(name, 'boundaries', checked.boundaries), 0);
  const factor = positiveNumber(name, 'factor', required(name, 'factor', checked.factor));
  return defineSchedule({ type: 'multi-step', initialValue, boundaries, factor }, (t) => initialValue * factor ** bisectRight(boundaries, t));
}
