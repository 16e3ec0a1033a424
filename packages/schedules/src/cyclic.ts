import { defineSchedule, type Schedule } from './schedule.js';
import { describeValue, finiteNumber, functionOption, knownKeys, oneOf, positiveNumber, required } from './validation.js';

/** The built-in amplitude policies of {@link cyclic} (PyTorch `mode`). */
export type CyclicMode = 'triangular' | 'triangular2' | 'exp-range';

/** What the scale function of {@link cyclic} receives: the cycle number or the step. */
export type CyclicScaleMode = 'cycle' | 'iterations';

/** Options of {@link cyclic}. */
export interface CyclicOptions {
  /** The lower bound of each cycle (PyTorch `base_lr`). */
  readonly baseValue: number;
  /** The upper bound of the first cycle (PyTorch `max_lr`); must be >= `baseValue`. */
  readonly maxValue: number;
  /** Steps from `baseValue` up to the peak (PyTorch `step_size_up`). */
  readonly stepSizeUp: number;
  /** Steps from the peak back down (PyTorch `step_size_down`). Default `stepSizeUp`. */
  readonly stepSizeDown?: number;
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
  readonly baseMomentum?: number;
  /** The highest momentum, at the cycle's base value. Give it with `baseMomentum` to get `.momentum`. */
  readonly maxMomentum?: number;
}

/** The JSON config of a {@link cyclic} schedule. */
export interface CyclicConfig {
  readonly type: 'cyclic';
  readonly baseValue: number;
  readonly maxValue: number;
  readonly stepSizeUp: number;
  readonly stepSizeDown: number;
  readonly mode: CyclicMode;
  readonly gamma: number;
  readonly scaleMode: CyclicScaleMode;
  /** Present (as a lambda marker) only when a custom scale function was given. */
  readonly scaleFunction?: { readonly type: 'lambda' };
  readonly baseMomentum?: number;
  readonly maxMomentum?: number;
}

/** The JSON config of the momentum schedule paired with a {@link cyclic} schedule. */
export interface CyclicMomentumConfig {
  readonly type: 'cyclic-momentum';
  readonly baseMomentum: number;
  readonly maxMomentum: number;
  readonly stepSizeUp: number;
  readonly stepSizeDown: number;
  readonly mode: CyclicMode;
  readonly gamma: number;
  readonly scaleMode: CyclicScaleMode;
}

/**
 * Cyclical learning rate (Smith 2017) with PyTorch `CyclicLR` formulas. Steps count from
 * 0 as PyTorch's `last_epoch` does, so `cyclic(...)(t)` equals the rate after `t` calls
 * of `scheduler.step()`.
 *
 * Formula, with `total = stepSizeUp + stepSizeDown`, `ratio = stepSizeUp / total`,
 * `cycle = floor(1 + t / total)`, `x = 1 + t / total - cycle`:
 * `scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1)`,
 * `f(t) = baseValue + (maxValue - baseValue) * scale * g(scaleMode === 'cycle' ? cycle : t)`,
 * with `g(c) = 1` (triangular), `g(c) = 1 / 2 ** (c - 1)` (triangular2),
 * `g(t) = gamma ** t` (exp-range) or the custom `scaleFunction`.
 *
 * When `baseMomentum` and `maxMomentum` are both given, `.momentum` cycles inversely:
 * `m(t) = maxMomentum - (maxMomentum - baseMomentum) * scale * g(...)`.
 *
 * @param options - see {@link CyclicOptions}; step sizes are in steps (may be fractional).
 * @returns the schedule, with `.momentum` when both momentum bounds are given.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = cyclic({ baseValue: 0.001, maxValue: 0.006, stepSizeUp: 2000 });
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
  const checked = knownKeys(
    name,
    options,
    ['baseValue', 'maxValue', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFunction', 'scaleMode', 'baseMomentum', 'maxMomentum'],
    { allowNull: false },
  );
  const baseValue = finiteNumber(name, 'baseValue', required(name, 'baseValue', checked.baseValue));
  const maxValue = finiteNumber(name, 'maxValue', required(name, 'maxValue', checked.maxValue));
  if (maxValue < baseValue) {
    throw new RangeError(`${name}: \`maxValue\` must be >= \`baseValue\` (${baseValue}); received ${describeValue(maxValue)}`);
  }
  const stepSizeUp = positiveNumber(name, 'stepSizeUp', required(name, 'stepSizeUp', checked.stepSizeUp));
  const stepSizeDown = positiveNumber(name, 'stepSizeDown', checked.stepSizeDown ?? stepSizeUp);
  const mode = oneOf(name, 'mode', checked.mode ?? 'triangular', ['triangular', 'triangular2', 'exp-range']);
  const gamma = positiveNumber(name, 'gamma', checked.gamma ?? 1);
  const scaleFunction = checked.scaleFunction === undefined ? undefined : functionOption<(x: number) => number>(name, 'scaleFunction', checked.scaleFunction);
  const scaleMode = oneOf(name, 'scaleMode', checked.scaleMode ?? (mode === 'exp-range' ? 'iterations' : 'cycle'), ['cycle', 'iterations']);
  const momentumBounds = momentumPair(name, checked.baseMomentum, checked.maxMomentum);

  const shape = { stepSizeUp, stepSizeDown, mode, gamma, scaleMode } as const;
  const phase = cyclicPhase(stepSizeUp, stepSizeDown, mode, gamma, scaleMode, scaleFunction);
  const height = maxValue - baseValue;
  const momentum = momentumBounds === undefined ? undefined : momentumSchedule(momentumBounds[0], momentumBounds[1], shape, phase, scaleFunction !== undefined);
  const config: CyclicConfig = {
    type: name,
    baseValue,
    maxValue,
    ...shape,
    ...(scaleFunction === undefined ? {} : { scaleFunction: { type: 'lambda' as const } }),
    ...(momentumBounds === undefined ? {} : { baseMomentum: momentumBounds[0], maxMomentum: momentumBounds[1] }),
  };
  return defineSchedule(config, (step) => baseValue + height * phase(step), momentum);
}

function momentumPair(owner: string, base: unknown, max: unknown): [number, number] | undefined {
  if (base === undefined && max === undefined) return undefined;
  if (base === undefined || max === undefined) {
    const missing = base === undefined ? 'baseMomentum' : 'maxMomentum';
    throw new TypeError(
      `${owner}: \`${missing}\` is required when ${missing === 'baseMomentum' ? '`maxMomentum`' : '`baseMomentum`'} is given; received undefined`,
    );
  }
  const baseMomentum = finiteNumber(owner, 'baseMomentum', base);
  const maxMomentum = finiteNumber(owner, 'maxMomentum', max);
  if (maxMomentum < baseMomentum) {
    throw new RangeError(`${owner}: \`maxMomentum\` must be >= \`baseMomentum\` (${baseMomentum}); received ${describeValue(maxMomentum)}`);
  }
  return [baseMomentum, maxMomentum];
}

/** The fraction of the cycle's height reached at `step`, amplitude scale included. */
function cyclicPhase(
  stepSizeUp: number,
  stepSizeDown: number,
  mode: CyclicMode,
  gamma: number,
  scaleMode: CyclicScaleMode,
  scaleFunction: ((x: number) => number) | undefined,
): (step: number) => number {
  const total = stepSizeUp + stepSizeDown;
  const ratio = stepSizeUp / total;
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
  baseMomentum: number,
  maxMomentum: number,
  shape: Omit<CyclicMomentumConfig, 'type' | 'baseMomentum' | 'maxMomentum'>,
  phase: (step: number) => number,
  customScale: boolean,
): Schedule<CyclicMomentumConfig> {
  const height = maxMomentum - baseMomentum;
  const config: CyclicMomentumConfig = { type: 'cyclic-momentum', baseMomentum, maxMomentum, ...shape };
  // A custom scale makes the momentum unserialisable too: mark it as a lambda.
  const marked = customScale ? { ...config, scaleFunction: { type: 'lambda' as const } } : config;
  return defineSchedule(marked, (step) => maxMomentum - height * phase(step));
}
