import { excerpt, fromConfig, type JsonValue, limits, type Schedule, type ScheduleConfig } from '@lrkit/schedules';

type Config = Readonly<Record<string, JsonValue>>;
type Candidate = (args: Config, learningRate: number | undefined) => Record<string, JsonValue> | undefined;

const number = (value: JsonValue | undefined): number | undefined => (typeof value === 'number' ? value : undefined);

/** Plain native configs that may reproduce a PyTorch scheduler (checked numerically before use). */
const torchCandidates: Readonly<Record<string, Candidate>> = {
  StepLR: (args, learningRate) => ({
    type: 'step',
    initialValue: learningRate ?? NaN,
    periodSteps: number(args.step_size) ?? NaN,
    factor: number(args.gamma) ?? 0.1,
  }),
  MultiStepLR: (args, learningRate) => ({
    type: 'multi-step',
    initialValue: learningRate ?? NaN,
    boundaries: args.milestones ?? null,
    factor: number(args.gamma) ?? 0.1,
  }),
  ExponentialLR: (args, learningRate) => ({ type: 'exponential', initialValue: learningRate ?? NaN, decayRate: number(args.gamma) ?? NaN }),
  CosineAnnealingLR: (args, learningRate) =>
    learningRate === undefined
      ? undefined
      : { type: 'cosine', initialValue: learningRate, decaySteps: number(args.T_max) ?? NaN, finalValue: number(args.eta_min) ?? 0 },
};

/**
 * The absolute floor `finalValue = alpha * initial` of a Keras or optax cosine, whose `alpha` is a
 * fraction of the initial value (default 0); `null` when either is not a number, so that the
 * candidate is refused and the preset kept.
 */
function absoluteFloor(alpha: JsonValue | undefined, initial: JsonValue | undefined): number | null {
  const fraction = alpha === undefined || alpha === null ? 0 : number(alpha);
  const value = number(initial);
  return fraction === undefined || value === undefined ? null : fraction * value;
}

/** Plain native configs that may reproduce a Keras schedule (checked numerically before use). */
const kerasCandidates: Readonly<Record<string, Candidate>> = {
  ExponentialDecay: (config) => ({
    type: 'exponential',
    initialValue: config.initial_learning_rate ?? null,
    decayRate: config.decay_rate ?? null,
    decaySteps: config.decay_steps ?? null,
    staircase: config.staircase ?? false,
  }),
  PiecewiseConstantDecay: (config) =>
    Array.isArray(config.boundaries)
      ? { type: 'piecewise-constant', boundaries: (config.boundaries as number[]).map((boundary) => boundary + 1), values: config.values ?? null }
      : undefined,
  PolynomialDecay: (config) => ({
    type: 'polynomial',
    initialValue: config.initial_learning_rate ?? null,
    finalValue: config.end_learning_rate ?? null,
    decaySteps: config.decay_steps ?? null,
    power: config.power ?? null,
    cycle: config.cycle ?? false,
  }),
  InverseTimeDecay: (config) => ({
    type: 'inverse-time',
    initialValue: config.initial_learning_rate ?? null,
    decayRate: config.decay_rate ?? null,
    decaySteps: config.decay_steps ?? null,
    staircase: config.staircase ?? false,
  }),
  CosineDecay: (config) =>
    (number(config.warmup_steps) ?? 0) > 0
      ? undefined
      : {
          type: 'cosine',
          initialValue: config.initial_learning_rate ?? null,
          decaySteps: config.decay_steps ?? null,
          finalValue: absoluteFloor(config.alpha, config.initial_learning_rate),
        },
  CosineDecayRestarts: (config) => ({
    type: 'cosine-restarts',
    initialValue: config.initial_learning_rate ?? null,
    periodSteps: config.first_decay_steps ?? null,
    periodMultiplier: config.t_mul ?? 2,
    peakMultiplier: config.m_mul ?? 1,
    finalValue: absoluteFloor(config.alpha, config.initial_learning_rate),
  }),
};

/** Plain native configs that may reproduce an optax, Hugging Face or timm preset (checked numerically before use). */
const frameworkCandidates: Readonly<Record<string, (config: Config) => Record<string, JsonValue> | undefined>> = {
  'optax constant_schedule': (config) => ({ type: 'constant', value: (config.kwargs as Config).value ?? null }),
  'optax cosine_decay_schedule': (config) => {
    const kwargs = config.kwargs as Config;
    return {
      type: 'cosine',
      initialValue: kwargs.init_value ?? null,
      decaySteps: kwargs.decay_steps ?? null,
      finalValue: absoluteFloor(kwargs.alpha, kwargs.init_value),
      exponent: kwargs.exponent ?? 1,
    };
  },
  'optax linear_onecycle_schedule': (config) => onecycle(config.kwargs as Config, 'linear'),
  'optax cosine_onecycle_schedule': (config) => onecycle(config.kwargs as Config, 'cosine'),
  'hugging-face constant': (config) => ({ type: 'constant', value: config.learningRate ?? null }),
  'timm cosine': (config) => timmCycles(config, 'cosine'),
  'timm tanh': (config) => timmCycles(config, 'tanh'),
};

/** optax's one-cycle schedules as `piecewise-interpolate` points (int() truncation, cumulative scales). */
function onecycle(kwargs: Config, interpolation: 'linear' | 'cosine'): Record<string, JsonValue> {
  const steps = number(kwargs.transition_steps) ?? NaN;
  const peak = number(kwargs.peak_value) ?? NaN;
  const div = number(kwargs.div_factor) ?? 25;
  const finalDiv = number(kwargs.final_div_factor) ?? 1e4;
  const start = peak / div;
  if (interpolation === 'cosine') {
    return {
      type: 'piecewise-interpolate',
      boundaries: [0, Math.trunc((number(kwargs.pct_start) ?? 0.3) * steps), steps],
      values: [start, start * div, start * div * (1 / (div * finalDiv))],
      interpolation,
    };
  }
  const down = start * div * (1 / div);
  return {
    type: 'piecewise-interpolate',
    boundaries: [0, Math.trunc((number(kwargs.pct_start) ?? 0.3) * steps), Math.trunc((number(kwargs.pct_final) ?? 0.85) * steps), steps],
    values: [start, start * div, down, down * (1 / finalDiv)],
    interpolation,
  };
}

/** timm cosine/tanh without warm-up and noise, stepped per update or per epoch, as `annealing-cycles`. */
function timmCycles(config: Config, shape: 'cosine' | 'tanh'): Record<string, JsonValue> | undefined {
  const args = config.args as Config;
  if ((number(args.warmup_epochs) ?? 0) > 0 || args.noise !== null) return undefined;
  const perUpdate = args.step_on_epochs === false ? (number(args.updates_per_epoch) ?? NaN) : 1;
  return {
    type: 'annealing-cycles',
    shape,
    initialValue: config.learningRate ?? null,
    finalValue: args.min_lr ?? 0,
    periodSteps: (number(args.num_epochs) ?? NaN) * perUpdate,
    periodMultiplier: args.cycle_mul ?? 1,
    peakMultiplier: args.cycle_decay ?? 0.1,
    cycleLimit: args.cycle_limit ?? 1,
    ...(shape === 'cosine' ? { kDecay: args.k_decay ?? 1 } : {}),
  };
}

/**
 * The integer steps a candidate is compared on, generated one at a time (memory does not grow
 * with `totalSteps`): every step 0 … `totalSteps` when that is at most
 * `limits.maxDenseCheckedSteps` (100,000); otherwise every step up to that, then 10,000 steps
 * spread evenly up to `totalSteps` (which is always included). Without `totalSteps`: 0 … 9,999
 * and 1,000 steps spread up to 1,000,000.
 */
function* checkSteps(totalSteps: number | undefined): Generator<number> {
  if (totalSteps === undefined) {
    for (let step = 0; step < 10_000; step += 1) yield step;
    for (let index = 0; index < 1000; index += 1) yield 10_000 + Math.round((index * 990_000) / 999);
    return;
  }
  const dense = Math.min(totalSteps, limits.maxDenseCheckedSteps);
  for (let step = 0; step <= dense; step += 1) yield step;
  if (totalSteps === dense) return;
  const spread = 10_000;
  for (let index = 1; index <= spread; index += 1) yield dense + Math.round((index * (totalSteps - dense)) / spread);
}

function describeCheckedSteps(totalSteps: number | undefined): string {
  if (totalSteps === undefined) return '0…9999 and 1,000 steps up to 1,000,000';
  if (totalSteps <= limits.maxDenseCheckedSteps) return `0…${totalSteps}`;
  return `0…${limits.maxDenseCheckedSteps} and 10,000 steps spread up to ${totalSteps}`;
}

/** The value at `step`, or the error it throws (two schedules agree where both throw). */
function valueOrError(schedule: Schedule, step: number): number | Error {
  try {
    return schedule(step);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function agrees(left: Schedule, right: Schedule, steps: Iterable<number>): boolean {
  for (const step of steps) {
    const a = valueOrError(left, step);
    const b = valueOrError(right, step);
    if (typeof a !== 'number' || typeof b !== 'number') {
      if (typeof a === 'number' || typeof b === 'number') return false;
      continue;
    }
    if (!(a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)))) return false;
  }
  return true;
}

/** The result of {@link nativeEquivalent}. */
export interface NativeEquivalent {
  /** A plain native config (`step`, `cosine`, …) when one was found, else the preset's own config. */
  readonly config: ScheduleConfig;
  /** Whether `config` is a plain native schedule (not a `'torch'`/`'keras'` preset config). */
  readonly plain: boolean;
  /** The integer steps on which the plain config was checked equal (to 1e-12 relative). */
  readonly checkedSteps?: string;
}

/**
 * The native config of a schedule. For a PyTorch, Keras, optax, Hugging Face or timm preset, a
 * plain native schedule (`step`, `multi-step`, `exponential`, `cosine`, `piecewise-constant`,
 * `polynomial`, `inverse-time`, `cosine-restarts`, `constant`, `piecewise-interpolate`,
 * `annealing-cycles`) is returned only when it evaluates equal to the preset (to
 * 1e-12 relative) on every checked integer step; otherwise the preset's own config
 * (`{ type: 'torch' | 'keras' | 'optax' | 'hugging-face' | 'timm', … }`, loadable by `fromConfig`, always exact).
 *
 * @example
 * ```ts
 * nativeEquivalent(fromTorch('StepLR', { step_size: 30, gamma: 0.1 }, { learningRate: 0.1 }));
 * // { config: { type: 'step', initialValue: 0.1, periodSteps: 30, factor: 0.1 }, plain: true, checkedSteps: … }
 * nativeEquivalent(fromTorch('OneCycleLR', { max_lr: 0.1, total_steps: 100 })).plain; // false: PyTorch's counting differs
 * ```
 */
export function nativeEquivalent(schedule: Schedule, totalSteps?: number): NativeEquivalent {
  const config = schedule.config as unknown as Config;
  let candidate: Record<string, JsonValue> | undefined;
  if (config.type === 'torch') {
    candidate = torchCandidates[config.name as string]?.(config.args as Config, number(config.learningRate));
  } else if (config.type === 'keras') {
    candidate = kerasCandidates[config.class_name as string]?.(config.config as Config, undefined);
  } else if (config.type === 'optax' || config.type === 'hugging-face' || config.type === 'timm') {
    candidate = frameworkCandidates[`${config.type} ${String(config.type === 'timm' ? (config.args as Config).sched : config.name)}`]?.(config);
  } else {
    return { config: schedule.config, plain: true };
  }
  if (totalSteps !== undefined && !(Number.isSafeInteger(totalSteps) && totalSteps >= 1)) {
    throw new RangeError(`nativeEquivalent: \`totalSteps\` must be an integer in [1, ${limits.maxStep}]; received ${excerpt(totalSteps)}`);
  }
  let native: Schedule | undefined;
  if (candidate !== undefined) {
    try {
      native = fromConfig(candidate);
    } catch {
      // Not representable natively (an argument outside the native schedule's rules).
    }
  }
  if (native !== undefined && agrees(native, schedule, checkSteps(totalSteps))) {
    return { config: native.config, plain: true, checkedSteps: describeCheckedSteps(totalSteps) };
  }
  return { config: schedule.config, plain: false };
}
