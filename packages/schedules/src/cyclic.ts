import { defineSchedule, type Schedule } from './schedule.js';
import { describeValue, finiteNumber, functionOption, knownKeys, oneOf, optionKeys, positiveNumber, required } from './validation.js';

/** The built-in amplitude policies of {@link cyclic} (PyTorch `mode`). */
export type CyclicMode = 'triangular' | 'triangular2' | 'exp-range';

/** What the scale function of {@link cyclic} receives: the cycle number or the step. */
export type CyclicScaleMode = 'cycle' | 'iterations';

/** Options of {@link cyclic}. */
export interface CyclicOptions {
  /** The value at step 0, the low end of each cycle (PyTorch `base_lr`). */
  readonly initialValue: number;
  /** The peak of the first cycle (PyTorch `max_lr`); must be >= `initialValue`. */
  readonly peakValue: number;
  /** Steps from `initialValue` up to the peak (PyTorch `step_size_up`). */
  readonly riseSteps: number;
  /** Steps from the peak back down (PyTorch `step_size_down`). Default `riseSteps`. */
  readonly fallSteps?: number;
  /** `'triangular'` (constant amplitude), `'triangular2'` (halved every cycle), `'exp-range'` (times `gamma ** step`). Default `'triangular'`. */
  readonly mode?: CyclicMode;
  /** The base of the `'exp-range'` decay per step. Default 1. */
  readonly gamma?: number;
  /**
   * A custom amplitude scale `(x) => number` in [0, 1] replacing `mode` (PyTorch
   * `scale_fn`). The config then holds `{ type: 'lambda' }` and cannot be saved.
   */
  readonly scaleFunction?: (x: number) => number;
  /** Whether the scale function receives the cycle number (from 1) or the step. Default `'iterations'` for `'exp-range'`, `'cycle'` otherwise. */
  readonly scaleMode?: CyclicScaleMode;
  /** The lowest momentum, reached at the peak value. Give it with `maxMomentum` to get `.momentum`. */
  readonly minMomentum?: number;
  /** The highest momentum, at the cycle's base value. Give it with `minMomentum` to get `.momentum`. */
  readonly maxMomentum?: number;
}

/** The JSON config of a {@link cyclic} schedule. */
export interface CyclicConfig {
  readonly type: 'cyclic';
  readonly initialValue: number;
  readonly peakValue: number;
  readonly riseSteps: number;
  readonly fallSteps: number;
  readonly mode: CyclicMode;
  readonly gamma: number;
  readonly scaleMode: CyclicScaleMode;
  /** Present (as a lambda marker) only when a custom scale function was given. */
  readonly scaleFunction?: { readonly type: 'lambda' };
  readonly minMomentum?: number;
  readonly maxMomentum?: number;
}

/** The JSON config of the momentum schedule paired with a {@link cyclic} schedule. */
export interface CyclicMomentumConfig {
  readonly type: 'cyclic-momentum';
  readonly minMomentum: number;
  readonly maxMomentum: number;
  readonly riseSteps: number;
  readonly fallSteps: number;
  readonly mode: CyclicMode;
  readonly gamma: number;
  readonly scaleMode: CyclicScaleMode;
}

/** The option keys of {@link cyclic}. */
const cyclicKeys = optionKeys<CyclicOptions>({
  initialValue: true,
  peakValue: true,
  riseSteps: true,
  fallSteps: true,
  mode: true,
  gamma: true,
  scaleFunction: true,
  scaleMode: true,
  minMomentum: true,
  maxMomentum: true,
});

/** The options {@link cyclic} had before 1.0, by their new names. */
const cyclicRenamed = {
  baseValue: 'initialValue',
  maxValue: 'peakValue',
  stepSizeUp: 'riseSteps',
  stepSizeDown: 'fallSteps',
  baseMomentum: 'minMomentum',
} as const;

/**
 * Cyclical learning rate (Smith 2017) with PyTorch `CyclicLR` formulas. Steps count from
 * 0 as PyTorch's `last_epoch` does, so `cyclic(...)(t)` equals the rate after `t` calls
 * of `scheduler.step()`.
 *
 * Formula, with `total = riseSteps + fallSteps`, `ratio = riseSteps / total`,
 * `cycle = floor(1 + t / total)`, `x = 1 + t / total - cycle`:
 * `scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1)`,
 * `f(t) = initialValue + (peakValue - initialValue) * scale * g(scaleMode === 'cycle' ? cycle : t)`,
 * with `g(c) = 1` (triangular), `g(c) = 1 / 2 ** (c - 1)` (triangular2),
 * `g(t) = gamma ** t` (exp-range) or the custom `scaleFunction`.
 *
 * When `minMomentum` and `maxMomentum` are both given, `.momentum` cycles inversely:
 * `m(t) = maxMomentum - (maxMomentum - minMomentum) * scale * g(...)`.
 *
 * @param options - see {@link CyclicOptions}; step sizes are in steps (may be fractional).
 * @returns the schedule, with `.momentum` when both momentum bounds are given.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = cyclic({ initialValue: 0.001, peakValue: 0.006, riseSteps: 2000 });
 * s(0);    // 0.001
 * s(1000); // 0.0035
 * s(2000); // 0.006
 * s(4000); // 0.001
 * ```
 * @see https://arxiv.org/abs/1506.01186
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html
 */
export function cyclic(options: CyclicOptions): Schedule<CyclicConfig> {
  const name = 'cyclic';
  const checked = knownKeys(name, options, cyclicKeys, { allowNull: false, renamed: cyclicRenamed });
  const initialValue = finiteNumber(name, 'initialValue', required(name, 'initialValue', checked.initialValue));
  const peakValue = finiteNumber(name, 'peakValue', required(name, 'peakValue', checked.peakValue));
  if (peakValue < initialValue) {
    throw new RangeError(`${name}: \`peakValue\` must be >= \`initialValue\` (${initialValue}); received ${describeValue(peakValue)}`);
  }
  const riseSteps = positiveNumber(name, 'riseSteps', required(name, 'riseSteps', checked.riseSteps));
  const fallSteps = positiveNumber(name, 'fallSteps', checked.fallSteps ?? riseSteps);
  const mode = oneOf(name, 'mode', checked.mode ?? 'triangular', ['triangular', 'triangular2', 'exp-range']);
  const gamma = positiveNumber(name, 'gamma', checked.gamma ?? 1);
  const scaleFunction = checked.scaleFunction === undefined ? undefined : functionOption<(x: number) => number>(name, 'scaleFunction', checked.scaleFunction);
  const scaleMode = oneOf(name, 'scaleMode', checked.scaleMode ?? (mode === 'exp-range' ? 'iterations' : 'cycle'), ['cycle', 'iterations']);
  const momentumBounds = momentumPair(name, checked.minMomentum, checked.maxMomentum);

  const shape = { riseSteps, fallSteps, mode, gamma, scaleMode } as const;
  const phase = cyclicPhase(riseSteps, fallSteps, mode, gamma, scaleMode, scaleFunction);
  const height = peakValue - initialValue;
  const momentum = momentumBounds === undefined ? undefined : momentumSchedule(momentumBounds[0], momentumBounds[1], shape, phase, scaleFunction !== undefined);
  const config: CyclicConfig = {
    type: name,
    initialValue,
    peakValue,
    ...shape,
    ...(scaleFunction === undefined ? {} : { scaleFunction: { type: 'lambda' as const } }),
    ...(momentumBounds === undefined ? {} : { minMomentum: momentumBounds[0], maxMomentum: momentumBounds[1] }),
  };
  return defineSchedule(config, (step) => initialValue + height * phase(step), momentum);
}

function momentumPair(owner: string, base: unknown, max: unknown): [number, number] | undefined {
  if (base === undefined && max === undefined) return undefined;
  if (base === undefined || max === undefined) {
    const missing = base === undefined ? 'minMomentum' : 'maxMomentum';
    throw new TypeError(
      `${owner}: \`${missing}\` is required when ${missing === 'minMomentum' ? '`maxMomentum`' : '`minMomentum`'} is given; received undefined`,
    );
  }
  const minMomentum = finiteNumber(owner, 'minMomentum', base);
  const maxMomentum = finiteNumber(owner, 'maxMomentum', max);
  if (maxMomentum < minMomentum) {
    throw new RangeError(`${owner}: \`maxMomentum\` must be >= \`minMomentum\` (${minMomentum}); received ${describeValue(maxMomentum)}`);
  }
  return [minMomentum, maxMomentum];
}

/** The fraction of the cycle's height reached at `step`, amplitude scale included. */
function cyclicPhase(
  riseSteps: number,
  fallSteps: number,
  mode: CyclicMode,
  gamma: number,
  scaleMode: CyclicScaleMode,
  scaleFunction: ((x: number) => number) | undefined,
): (step: number) => number {
  const total = riseSteps + fallSteps;
  const ratio = riseSteps / total;
  const byCycle = scaleMode === 'cycle';
  const logGamma = Math.log(gamma);
  const scale =
    scaleFunction ??
    (mode === 'triangular'
      ? (): number => 1
      : mode === 'triangular2'
        ? (x: number): number => 1 / 2 ** (x - 1)
        : gamma === 1
          ? (): number => 1
          : (x: number): number => Math.exp(x * logGamma));
  if (!byCycle) {
    return (step) => {
      const cycle = Math.floor(1 + step / total);
      const x = 1 + step / total - cycle;
      const factor = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
      return factor * scale(step);
    };
  }
  // The scale of the previous call's cycle, reused while the cycle stays the same (a
  // cache only: the result never depends on it).
  let cachedCycle = 1;
  let cachedScale = scale(1);
  return (step) => {
    const cycle = Math.floor(1 + step / total);
    const x = 1 + step / total - cycle;
    const factor = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    if (cycle !== cachedCycle) {
      cachedScale = scale(cycle);
      cachedCycle = cycle;
    }
    return factor * cachedScale;
  };
}

function momentumSchedule(
  minMomentum: number,
  maxMomentum: number,
  shape: Omit<CyclicMomentumConfig, 'type' | 'minMomentum' | 'maxMomentum'>,
  phase: (step: number) => number,
  customScale: boolean,
): Schedule<CyclicMomentumConfig> {
  const height = maxMomentum - minMomentum;
  const config: CyclicMomentumConfig = { type: 'cyclic-momentum', minMomentum, maxMomentum, ...shape };
  // A custom scale makes the momentum unserialisable too: mark it as a lambda.
  const marked = customScale ? { ...config, scaleFunction: { type: 'lambda' as const } } : config;
  return defineSchedule(marked, (step) => maxMomentum - height * phase(step));
}
