import { limits } from './limits.js';
import { defineSchedule, type Schedule } from './schedule.js';
import { describeValue, finiteNumber, knownKeys, nonNegativeInteger, optionKeys, positiveNumber, required } from './validation.js';

/** Options of {@link cosineRestarts}. */
export interface CosineRestartsOptions {
  /** The value at step 0 (the first cycle's peak). */
  readonly initialValue: number;
  /** Length of the first cycle in steps (Keras `first_decay_steps`, PyTorch `T_0`). */
  readonly periodSteps: number;
  /** Each cycle is this many times longer than the previous (Keras `t_mul`, PyTorch `T_mult`); >= 1. Default 1. */
  readonly periodMultiplier?: number;
  /** Each cycle's peak is this many times the previous peak (Keras `m_mul`, timm `cycle_decay`). Default 1. */
  readonly peakMultiplier?: number;
  /**
   * The value every cycle decays to, absolute (Keras takes it as the fraction
   * `alpha = finalValue / initialValue`, PyTorch as `eta_min`). Default 0.
   */
  readonly finalValue?: number;
  /** Number of cycles; after the last one the value holds its floor. 0 = unlimited (timm `cycle_limit`). Default 0. */
  readonly cycleLimit?: number;
}

/** The JSON config of a {@link cosineRestarts} schedule. */
export interface CosineRestartsConfig {
  readonly type: 'cosine-restarts';
  readonly initialValue: number;
  readonly periodSteps: number;
  readonly periodMultiplier: number;
  readonly peakMultiplier: number;
  readonly finalValue: number;
  readonly cycleLimit: number;
}

/** The option keys of {@link cosineRestarts}. */
const cosineRestartsKeys = optionKeys<CosineRestartsOptions>({
  initialValue: true,
  periodSteps: true,
  periodMultiplier: true,
  peakMultiplier: true,
  finalValue: true,
  cycleLimit: true,
});

/**
 * Cosine decay with warm restarts (SGDR, Loshchilov & Hutter 2017) with Keras
 * `CosineDecayRestarts` formulas.
 *
 * With `q = t / periodSteps` and `r = periodMultiplier`, the cycle is `i = floor(q)` when
 * `r = 1`, else the largest `i` with `(1 - r ** i) / (1 - r) <= q`; the progress inside
 * it is `p = (q - (1 - r ** i) / (1 - r)) / r ** i` (`p = q - i` when `r = 1`), and
 * `f(t) = finalValue + (initialValue - finalValue) * peakMultiplier ** i * (1 + cos(pi * p)) / 2`.
 * Restarts happen exactly at the cycle starts (`periodSteps`, `periodSteps * (1 + r)`, …).
 * With `cycleLimit = n > 0`, from the end of cycle `n` on the value holds that cycle's
 * floor, `finalValue`.
 *
 * @param options - see {@link CosineRestartsOptions}; periods in steps.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = cosineRestarts({ initialValue: 1, periodSteps: 10, periodMultiplier: 2 });
 * s(5);  // 0.5
 * s(10); // 1 (restart; the next cycle lasts 20 steps)
 * s(20); // 0.5
 * s(30); // 1
 * ```
 * @see https://arxiv.org/abs/1608.03983
 * @see https://keras.io/api/optimizers/learning_rate_schedules/cosine_decay_restarts/
 */
export function cosineRestarts(options: CosineRestartsOptions): Schedule<CosineRestartsConfig> {
  const name = 'cosineRestarts';
  const checked = knownKeys(name, options, cosineRestartsKeys, { allowNull: false, renamed: { firstPeriod: 'periodSteps', alpha: 'finalValue' } });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const periodSteps = positiveNumber(name, 'periodSteps', required(name, 'periodSteps', checked.periodSteps));
  const periodMultiplier = finiteNumber(name, 'periodMultiplier', checked.periodMultiplier ?? 1);
  if (!(periodMultiplier >= 1)) {
    throw new RangeError(`${name}: \`periodMultiplier\` must be a finite number >= 1; received ${describeValue(periodMultiplier)}`);
  }
  const peakMultiplier = positiveNumber(name, 'peakMultiplier', checked.peakMultiplier ?? 1);
  const finalValue = finiteNumber(name, 'finalValue', checked.finalValue ?? 0);
  const cycleLimit = nonNegativeInteger(name, 'cycleLimit', checked.cycleLimit ?? 0);

  const logMultiplier = Math.log(periodMultiplier);
  const growth = periodMultiplier - 1;
  const geometric = periodMultiplier !== 1;
  /** Start of cycle `cycle`, in units of `periodSteps`: (r ** cycle - 1) / (r - 1). */
  const cycleStart = (cycle: number): number => (geometric ? (periodMultiplier ** cycle - 1) / growth : cycle);
  const floor = finalValue;
  const end = cycleLimit > 0 ? cycleStart(cycleLimit) : Infinity;
  const height = 0.5 * (initialValue - finalValue);
  if (peakMultiplier > 1) {
    // The peaks grow by peakMultiplier per cycle: the tallest is in the last cycle the step domain
    // (or cycleLimit) reaches, which the generic probes of defineSchedule can miss between two probes.
    const completedAtEnd = limits.maxStep / periodSteps;
    const reached = geometric
      ? Math.floor(
          (Number.isFinite(completedAtEnd * growth) ? Math.log1p(completedAtEnd * growth) : Math.log(completedAtEnd) + Math.log(growth)) / logMultiplier,
        )
      : Math.floor(completedAtEnd);
    const lastCycle = cycleLimit > 0 ? Math.min(cycleLimit - 1, reached) : reached;
    if (!Number.isFinite(2 * Math.abs(height) * peakMultiplier ** lastCycle + Math.abs(floor))) {
      throw new RangeError(
        `${name}: \`peakMultiplier\` must keep every peak finite up to step ${limits.maxStep} (cycle ${lastCycle}); ` +
          `give a cycleLimit, a longer periodSteps or a smaller peakMultiplier; received ${describeValue(peakMultiplier)}`,
      );
    }
  }

  // Precomputed cycle starts, lengths and peak heights, so that the hot path needs no
  // Math.pow; cycles past the table fall back to the closed form.
  const tableLength = 1024;
  const starts = new Float64Array(tableLength + 1);
  const lengths = new Float64Array(tableLength);
  const peaks = new Float64Array(tableLength);
  for (let cycle = 0; cycle <= tableLength; cycle += 1) {
    starts[cycle] = cycleStart(cycle);
    if (cycle < tableLength) {
      lengths[cycle] = periodMultiplier ** cycle;
      peaks[cycle] = height * peakMultiplier ** cycle;
    }
  }
  const startOf = (cycle: number): number => (cycle <= tableLength ? (starts[cycle] as number) : cycleStart(cycle));
  // The cycle of the previous call: consecutive steps usually stay in it (a lookup hint
  // only; the result never depends on it).
  let hint = 0;

  return defineSchedule({ type: 'cosine-restarts', initialValue, periodSteps, periodMultiplier, peakMultiplier, finalValue, cycleLimit }, (step) => {
    const completed = step / periodSteps;
    if (completed >= end) {
      // Past the last cycle: hold the value at its end (progress 1), the floor.
      return floor;
    }
    let cycle: number;
    if (hint < tableLength && (starts[hint] as number) <= completed && completed < (starts[hint + 1] as number)) {
      cycle = hint;
    } else if (geometric) {
      // log(1 + completed * growth), without overflowing the product for extreme options.
      const scaled = completed * growth;
      const logScaled = Number.isFinite(scaled) ? Math.log(1 + scaled) : Math.log(completed) + Math.log(growth);
      cycle = Math.floor(logScaled / logMultiplier);
      // Guard the logarithm's rounding so restarts land exactly on the cycle starts.
      if (startOf(cycle) > completed) cycle -= 1;
      else if (startOf(cycle + 1) <= completed) cycle += 1;
      hint = cycle;
    } else {
      cycle = Math.floor(completed);
      hint = cycle;
    }
    if (cycle < tableLength) {
      const progress = (completed - (starts[cycle] as number)) / (lengths[cycle] as number);
      return (peaks[cycle] as number) * (1 + Math.cos(Math.PI * progress)) + floor;
    }
    const progress = (completed - cycleStart(cycle)) / periodMultiplier ** cycle;
    return height * peakMultiplier ** cycle * (1 + Math.cos(Math.PI * progress)) + floor;
  });
}
