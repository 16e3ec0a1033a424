import { pythonFloorDivide, pythonLog } from './presets/python-numbers.js';
import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, nonNegativeInteger, oneOf, optionKeys, positiveNumber, required } from './validation.js';

/**
 * `[cycle index, cycle length, position in the cycle]` at step `t`, as timm computes them
 * (`math.log(x, base)` and Python's `//`). Internal: shared with the timm preset.
 */
export function timmCycle(t: number, tInitial: number, periodMultiplier: number): [number, number, number] {
  if (periodMultiplier !== 1) {
    const argument = 1 - (t / tInitial) * (1 - periodMultiplier);
    // Shrinking cycles (periodMultiplier < 1) add up to tInitial / (1 - periodMultiplier) steps: from
    // there on every cycle has passed (timm's math.log raises there; lrkit holds the end value).
    if (!(argument > 0)) return [Infinity, 0, 0];
    const i = Math.floor(pythonLog(argument, periodMultiplier));
    const tI = periodMultiplier ** i * tInitial;
    // Within an ulp or two below a cycle boundary the log can round up to the next cycle, which
    // would put t a hair before that cycle's start: a negative position, and NaN for `t ** k`.
    const tCurrent = Math.max(0, t - ((1 - periodMultiplier ** i) / (1 - periodMultiplier)) * tInitial);
    return [i, tI, tCurrent];
  }
  const i = pythonFloorDivide(t, tInitial);
  return [i, tInitial, t - tInitial * i];
}

/** The curve of one cycle of {@link annealingCycles}. */
export type AnnealingShape = 'cosine' | 'tanh' | 'polynomial';

/** Options of {@link annealingCycles}. */
export interface AnnealingCyclesOptions {
  /** `'cosine'`, `'tanh'` or `'polynomial'`. Default `'cosine'`. */
  readonly shape?: AnnealingShape;
  /** The first cycle's peak (timm: the optimizer's lr). */
  readonly initialValue: number;
  /** The value every cycle decays to, and the value after the last cycle (timm `lr_min`). Default 0. */
  readonly finalValue?: number;
  /** Length of the first cycle in steps (timm `t_initial`). */
  readonly periodSteps: number;
  /** Each cycle is this many times longer than the one before (timm `cycle_mul`). Default 1. */
  readonly periodMultiplier?: number;
  /** Each cycle's peak is this times the one before (timm `cycle_decay`). Default 1. */
  readonly peakMultiplier?: number;
  /** Number of cycles; `finalValue` holds after them (timm `cycle_limit`). Default 1. */
  readonly cycleLimit?: number;
  /** k-decay exponent: the position in a cycle is `(t / T) ** k` (timm `k_decay`; cosine and polynomial). Default 1. */
  readonly kDecay?: number;
  /** Power of the `'polynomial'` shape. Default 1. */
  readonly power?: number;
  /** Tanh argument at a cycle's start (`'tanh'`). Default -7. */
  readonly lowerBound?: number;
  /** Tanh argument at a cycle's end (`'tanh'`). Default 3. */
  readonly upperBound?: number;
}

/** The JSON config of an {@link annealingCycles} schedule. */
export interface AnnealingCyclesConfig {
  readonly type: 'annealing-cycles';
  readonly shape: AnnealingShape;
  readonly initialValue: number;
  readonly finalValue: number;
  readonly periodSteps: number;
  readonly periodMultiplier: number;
  readonly peakMultiplier: number;
  readonly cycleLimit: number;
  readonly kDecay: number;
  readonly power: number;
  readonly lowerBound: number;
  readonly upperBound: number;
}

/** The option keys of {@link annealingCycles}. */
const annealingCyclesKeys = optionKeys<AnnealingCyclesOptions>({
  shape: true,
  initialValue: true,
  finalValue: true,
  periodSteps: true,
  periodMultiplier: true,
  peakMultiplier: true,
  cycleLimit: true,
  kDecay: true,
  power: true,
  lowerBound: true,
  upperBound: true,
});

/**
 * Annealing with warm restarts, as timm's cosine, tanh and poly schedulers run it (Loshchilov &
 * Hutter 2017 SGDR; k-decay from Zhang & Li 2020). Cycle `i` lasts `T_i = periodSteps * periodMultiplier ** i`
 * steps, peaks at `M_i = initialValue * peakMultiplier ** i` and, at position `c` in the cycle, is
 *
 * - `'cosine'`: `finalValue + (M_i - finalValue) * (1 + cos(pi * c**k / T_i**k)) / 2`;
 * - `'tanh'`: `finalValue + (M_i - finalValue) * (1 - tanh(lowerBound * (1 - c/T_i) + upperBound * c/T_i)) / 2`;
 * - `'polynomial'`: `finalValue + (M_i - finalValue) * (1 - c**k / T_i**k) ** power`.
 *
 * After `cycleLimit` cycles (or where shrinking cycles, `periodMultiplier < 1`, run out) it holds
 * `finalValue`. Every value lies between its cycle's peak and `finalValue`: as in timm, a cycle
 * whose peak has decayed below `finalValue` runs between the two. The cycle index is timm's: `floor(log(1 - t / periodSteps * (1 - periodMultiplier), periodMultiplier))`.
 * `annealingCycles({ shape, initialValue: lr, finalValue: lr_min, periodSteps: t_initial, periodMultiplier: cycle_mul,
 * peakMultiplier: cycle_decay, cycleLimit: cycle_limit, kDecay: k_decay })` equals timm's scheduler without warm-up and
 * noise (add them with `overlappingWarmup` / `warmup` and `noise`).
 *
 * @param options - see {@link AnnealingCyclesOptions}; steps may be fractional.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = annealingCycles({ initialValue: 1, periodSteps: 10, periodMultiplier: 2, peakMultiplier: 0.5, cycleLimit: 3 });
 * s(5);  // 0.5 (halfway through the first cycle)
 * s(10); // 0.5 (the second cycle restarts at half the peak and lasts 20 steps)
 * s(70); // 0 (after three cycles)
 * ```
 * @see https://arxiv.org/abs/1608.03983
 */
export function annealingCycles(options: AnnealingCyclesOptions): Schedule<AnnealingCyclesConfig> {
  const name = 'annealingCycles';
  const checked = knownKeys(name, options, annealingCyclesKeys, {
    renamed: { minValue: 'finalValue', cycleSteps: 'periodSteps', cycleMultiplier: 'periodMultiplier', cycleDecay: 'peakMultiplier' },
  });
  const shape = oneOf(name, 'shape', checked.shape ?? 'cosine', ['cosine', 'tanh', 'polynomial'] as const);
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const finalValue = finiteNumber(name, 'finalValue', checked.finalValue ?? 0);
  const periodSteps = positiveNumber(name, 'periodSteps', required(name, 'periodSteps', checked.periodSteps));
  const periodMultiplier = positiveNumber(name, 'periodMultiplier', checked.periodMultiplier ?? 1);
  const peakMultiplier = finiteNumber(name, 'peakMultiplier', checked.peakMultiplier ?? 1);
  const cycleLimit = nonNegativeInteger(name, 'cycleLimit', checked.cycleLimit ?? 1);
  const kDecay = positiveNumber(name, 'kDecay', checked.kDecay ?? 1);
  const power = positiveNumber(name, 'power', checked.power ?? 1);
  const lowerBound = finiteNumber(name, 'lowerBound', checked.lowerBound ?? -7);
  const upperBound = finiteNumber(name, 'upperBound', checked.upperBound ?? 3);
  if (!(upperBound > lowerBound)) {
    throw new RangeError(`${name}: \`upperBound\` must be greater than \`lowerBound\` (${lowerBound}); received ${upperBound}`);
  }
  const config: AnnealingCyclesConfig = {
    type: 'annealing-cycles',
    shape,
    initialValue,
    finalValue,
    periodSteps,
    periodMultiplier,
    peakMultiplier,
    cycleLimit,
    kDecay,
    power,
    lowerBound,
    upperBound,
  };
  return defineSchedule(config, (step) => {
    const [index, length, unclamped] = timmCycle(step, periodSteps, periodMultiplier);
    if (!(index < cycleLimit)) return finalValue;
    // Rounding in the cycle arithmetic can put the position a hair outside [0, length], where a
    // fractional power of a negative number is NaN: clamp it.
    const position = Math.min(Math.max(unclamped, 0), length);
    const peak = initialValue * peakMultiplier ** index;
    if (shape === 'cosine') {
      return finalValue + 0.5 * (peak - finalValue) * (1 + Math.cos((Math.PI * position ** kDecay) / length ** kDecay));
    }
    if (shape === 'tanh') {
      const ratio = position / length;
      return finalValue + 0.5 * (peak - finalValue) * (1 - Math.tanh(lowerBound * (1 - ratio) + upperBound * ratio));
    }
    return finalValue + (peak - finalValue) * (1 - position ** kDecay / length ** kDecay) ** power;
  });
}
