import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link tanhDecay}. */
export interface TanhOptions {
  /** The value at step 0 (up to the tanh's tail: see {@link tanhDecay}). */
  readonly initialValue: number;
  /** The value from `decaySteps` on. Default 0. */
  readonly finalValue?: number;
  /** Length of the decay in steps (> 0). */
  readonly decaySteps: number;
  /** Where the tanh argument starts (timm `lb`). Default -7. */
  readonly lowerBound?: number;
  /** Where the tanh argument ends (timm `ub`); must exceed `lowerBound`. Default 3. */
  readonly upperBound?: number;
}

/** The JSON config of a {@link tanhDecay} schedule. */
export interface TanhConfig {
  readonly type: 'tanh';
  readonly initialValue: number;
  readonly finalValue: number;
  readonly decaySteps: number;
  readonly lowerBound: number;
  readonly upperBound: number;
}

/** The option keys of {@link tanhDecay}. */
const tanhKeys = optionKeys<TanhOptions>({ initialValue: true, finalValue: true, decaySteps: true, lowerBound: true, upperBound: true });

/**
 * Hyperbolic-tangent decay (Hsueh et al. 2019, "Stochastic gradient descent with hyperbolic-tangent
 * decay on classification"; timm's `TanhLRScheduler`). With `r = t / decaySteps`, for `t < decaySteps`:
 *
 * `finalValue + (initialValue - finalValue) * (1 - tanh(lowerBound * (1 - r) + upperBound * r)) / 2`
 *
 * and `finalValue` from `decaySteps` on, as timm (the curve itself ends `(1 - tanh(upperBound)) / 2`
 * of the range above `finalValue`: 0.25% with the default bounds, and starts
 * `(1 + tanh(lowerBound)) / 2` below `initialValue`: 1e-6 of it). It stays long near the peak,
 * then falls faster than a cosine. For restarts, cycle decay and timm's warm-up see
 * `annealingCycles({ shape: 'tanh' })` and `overlappingWarmup`.
 *
 * @param options - see {@link TanhOptions}.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = tanhDecay({ initialValue: 0.1, decaySteps: 100 });
 * s(0);   // 0.09999983… ((1 - tanh(-7)) / 2 of 0.1)
 * s(70);  // 0.05 (the tanh crosses 0 at r = 0.7 with the default bounds)
 * s(100); // 0
 * ```
 * @see https://arxiv.org/abs/1806.01593
 */
export function tanhDecay(options: TanhOptions): Schedule<TanhConfig> {
  const name = 'tanhDecay';
  const checked = knownKeys(name, options, tanhKeys);
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const finalValue = finiteNumber(name, 'finalValue', checked.finalValue ?? 0);
  const decaySteps = positiveNumber(name, 'decaySteps', required(name, 'decaySteps', checked.decaySteps));
  const lowerBound = finiteNumber(name, 'lowerBound', checked.lowerBound ?? -7);
  const upperBound = finiteNumber(name, 'upperBound', checked.upperBound ?? 3);
  if (!(upperBound > lowerBound)) {
    throw new RangeError(`${name}: \`upperBound\` must be greater than \`lowerBound\` (${lowerBound}); received ${upperBound}`);
  }
  return defineSchedule({ type: 'tanh', initialValue, finalValue, decaySteps, lowerBound, upperBound }, (step) => {
    if (step >= decaySteps) return finalValue;
    const ratio = step / decaySteps;
    return finalValue + 0.5 * (initialValue - finalValue) * (1 - Math.tanh(lowerBound * (1 - ratio) + upperBound * ratio));
  });
}
