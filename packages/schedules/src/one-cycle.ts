import { defineSchedule, type Schedule } from './schedule.js';
import {
  booleanOption,
  describeValue,
  finiteNumber,
  knownKeys,
  numberBetweenExclusive,
  oneOf,
  optionKeys,
  positiveInteger,
  positiveNumber,
  required,
} from './validation.js';

/** How {@link oneCycle} moves between phase ends. */
export type OneCycleAnnealing = 'cos' | 'linear';

/** Options of {@link oneCycle}. */
export interface OneCycleOptions {
  /** The peak value (PyTorch `max_lr`). */
  readonly peakValue: number;
  /** Steps of the whole cycle; the minimum is reached at `totalSteps` and held after. */
  readonly totalSteps: number;
  /** Fraction of `totalSteps` spent rising to the peak (PyTorch `pct_start`). Default 0.3. */
  readonly warmupFraction?: number;
  /** `'cos'` or `'linear'` interpolation in every phase (PyTorch `anneal_strategy`). Default `'cos'`. */
  readonly annealing?: OneCycleAnnealing;
  /** The start value is `peakValue / initialDivisor` (PyTorch `div_factor`). Default 25. */
  readonly initialDivisor?: number;
  /** The final value is `peakValue / initialDivisor / finalDivisor` (PyTorch `final_div_factor`). Default 1e4. */
  readonly finalDivisor?: number;
  /** Three phases (up, back down to the start value, then to the final value) as PyTorch `three_phase`. Default false. */
  readonly threePhase?: boolean;
  /** Momentum at the peak value. Default 0.85. */
  readonly minMomentum?: number;
  /** Momentum at the start and end. Default 0.95. */
  readonly maxMomentum?: number;
  /** Whether `.momentum` is provided (PyTorch `cycle_momentum`). Default true. */
  readonly cycleMomentum?: boolean;
}

/** The JSON config of a {@link oneCycle} schedule. */
export interface OneCycleConfig {
  readonly type: 'one-cycle';
  readonly peakValue: number;
  readonly totalSteps: number;
  readonly warmupFraction: number;
  readonly annealing: OneCycleAnnealing;
  readonly initialDivisor: number;
  readonly finalDivisor: number;
  readonly threePhase: boolean;
  readonly minMomentum: number;
  readonly maxMomentum: number;
  readonly cycleMomentum: boolean;
}

/** The JSON config of the momentum schedule paired with a {@link oneCycle} schedule. */
export interface OneCycleMomentumConfig {
  readonly type: 'one-cycle-momentum';
  readonly minMomentum: number;
  readonly maxMomentum: number;
  readonly totalSteps: number;
  readonly warmupFraction: number;
  readonly annealing: OneCycleAnnealing;
  readonly threePhase: boolean;
}

/**
 * The option keys of {@link oneCycle}, for modules that build its options (`toOneCycle` in
 * `@lrkit/lr-finder`) and check their own against it.
 *
 * @example
 * ```ts
 * oneCycleKeys.includes('peakValue'); // true
 * ```
 */
export const oneCycleKeys = optionKeys<OneCycleOptions>({
  peakValue: true,
  totalSteps: true,
  warmupFraction: true,
  annealing: true,
  initialDivisor: true,
  finalDivisor: true,
  threePhase: true,
  minMomentum: true,
  maxMomentum: true,
  cycleMomentum: true,
});

/** The options {@link oneCycle} had before 1.0, by their new names. */
const oneCycleRenamed = { maxValue: 'peakValue', baseMomentum: 'minMomentum' } as const;

/**
 * The 1cycle policy (Smith & Topin 2018) with PyTorch `OneCycleLR` formulas in the native
 * step convention: the peak is reached exactly at `warmupFraction * totalSteps`, the
 * minimum exactly at `totalSteps` and held afterwards (PyTorch ends its phases one step
 * earlier, at `pct_start * total_steps - 1` and `total_steps - 1`, and raises past them).
 *
 * With `initial = peakValue / initialDivisor`, `final = initial / finalDivisor`,
 * `w = warmupFraction * totalSteps` and `T = totalSteps`, the phases are
 * two-phase: `[0, w]` initial → peakValue, `[w, T]` peakValue → final;
 * three-phase: `[0, w]` initial → peakValue, `[w, 2w]` peakValue → initial, `[2w, T]` initial → final.
 * Inside a phase of progress `p` from `a` to `b`: `'cos'`: `b + (a - b) * (1 + cos(pi * p)) / 2`;
 * `'linear'`: `a + (b - a) * p`. `.momentum` (when `cycleMomentum`) runs the same phases
 * from `maxMomentum` to `minMomentum` and back (and holds `maxMomentum` in the third phase).
 *
 * @param options - see {@link OneCycleOptions}; `totalSteps` in steps.
 * @returns the schedule, with `.momentum` when `cycleMomentum` is true.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = oneCycle({ peakValue: 1, totalSteps: 100 });
 * s(0);   // 0.04
 * s(30);  // 1
 * s(100); // 4e-6
 * s.momentum?.(30); // 0.85
 * ```
 * @see https://arxiv.org/abs/1708.07120
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html
 */
export function oneCycle(options: OneCycleOptions): Schedule<OneCycleConfig> {
  const name = 'oneCycle';
  const checked = knownKeys(name, options, oneCycleKeys, { allowNull: false, renamed: oneCycleRenamed });
  const peakValue = finiteNumber(name, 'peakValue', required(name, 'peakValue', checked.peakValue));
  const totalSteps = positiveInteger(name, 'totalSteps', required(name, 'totalSteps', checked.totalSteps));
  const threePhase = booleanOption(name, 'threePhase', checked.threePhase ?? false);
  const warmupFraction = numberBetweenExclusive(name, 'warmupFraction', checked.warmupFraction ?? 0.3, 0, threePhase ? 0.5 : 1);
  const annealing = oneOf(name, 'annealing', checked.annealing ?? 'cos', ['cos', 'linear']);
  const initialDivisor = positiveNumber(name, 'initialDivisor', checked.initialDivisor ?? 25);
  const finalDivisor = positiveNumber(name, 'finalDivisor', checked.finalDivisor ?? 1e4);
  const minMomentum = finiteNumber(name, 'minMomentum', checked.minMomentum ?? 0.85);
  const maxMomentum = finiteNumber(name, 'maxMomentum', checked.maxMomentum ?? 0.95);
  if (maxMomentum < minMomentum) {
    throw new RangeError(`${name}: \`maxMomentum\` must be >= \`minMomentum\` (${minMomentum}); received ${describeValue(maxMomentum)}`);
  }
  const cycleMomentum = booleanOption(name, 'cycleMomentum', checked.cycleMomentum ?? true);

  const initialValue = peakValue / initialDivisor;
  const finalValue = initialValue / finalDivisor;
  const lr = threePhase ? [initialValue, peakValue, initialValue, finalValue] : [initialValue, peakValue, finalValue];
  const momenta = threePhase ? [maxMomentum, minMomentum, maxMomentum, maxMomentum] : [maxMomentum, minMomentum, maxMomentum];
  const warmupEnd = warmupFraction * totalSteps;
  const ends = threePhase ? [warmupEnd, 2 * warmupEnd, totalSteps] : [warmupEnd, totalSteps];

  const momentum = cycleMomentum
    ? defineSchedule<OneCycleMomentumConfig>(
        { type: 'one-cycle-momentum', minMomentum, maxMomentum, totalSteps, warmupFraction, annealing, threePhase },
        phased(momenta, ends, annealing),
      )
    : undefined;
  return defineSchedule(
    {
      type: 'one-cycle',
      peakValue,
      totalSteps,
      warmupFraction,
      annealing,
      initialDivisor,
      finalDivisor,
      threePhase,
      minMomentum,
      maxMomentum,
      cycleMomentum,
    },
    phased(lr, ends, annealing),
    momentum,
  );
}

/** Piecewise annealing through `values[i]` at `ends[i - 1]` (0 for i = 0), holding the last. */
function phased(values: number[], ends: number[], annealing: OneCycleAnnealing): (step: number) => number {
  const points = Float64Array.from(values);
  const stops = Float64Array.from(ends);
  const last = points[points.length - 1] ?? 0;
  const count = stops.length;
  const cos = annealing === 'cos';
  return (step) => {
    let start = 0;
    for (let index = 0; index < count; index += 1) {
      const end = stops[index] as number;
      if (step <= end) {
        const from = points[index] as number;
        const to = points[index + 1] as number;
        const progress = (step - start) / (end - start);
        return cos ? to + ((from - to) / 2) * (Math.cos(Math.PI * progress) + 1) : from + (to - from) * progress;
      }
      start = end;
    }
    return last;
  };
}
