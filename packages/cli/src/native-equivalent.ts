import { fromConfig, type JsonValue, type Schedule, type ScheduleConfig } from '@lrkit/schedules';

type Config = Readonly<Record<string, JsonValue>>;
type Candidate = (args: Config, baseLr: number | undefined) => Record<string, JsonValue> | undefined;

const number = (value: JsonValue | undefined): number | undefined => (typeof value === 'number' ? value : undefined);

/** Plain native configs that may reproduce a PyTorch scheduler (checked numerically before use). */
const torchCandidates: Readonly<Record<string, Candidate>> = {
  StepLR: (args, baseLr) => ({ type: 'step', initialValue: baseLr ?? NaN, stepSize: number(args.step_size) ?? NaN, factor: number(args.gamma) ?? 0.1 }),
  MultiStepLR: (args, baseLr) => ({ type: 'multi-step', initialValue: baseLr ?? NaN, milestones: args.milestones ?? null, factor: number(args.gamma) ?? 0.1 }),
  ExponentialLR: (args, baseLr) => ({ type: 'exponential', initialValue: baseLr ?? NaN, decayRate: number(args.gamma) ?? NaN }),
  CosineAnnealingLR: (args, baseLr) =>
    baseLr === undefined ? undefined : { type: 'cosine', initialValue: baseLr, decaySteps: number(args.T_max) ?? NaN, alpha: (number(args.eta_min) ?? 0) / baseLr },
};

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
      : { type: 'cosine', initialValue: config.initial_learning_rate ?? null, decaySteps: config.decay_steps ?? null, alpha: config.alpha ?? 0 },
  CosineDecayRestarts: (config) => ({
    type: 'cosine-restarts',
    initialValue: config.initial_learning_rate ?? null,
    firstPeriod: config.first_decay_steps ?? null,
    periodMultiplier: config.t_mul ?? 2,
    peakMultiplier: config.m_mul ?? 1,
    alpha: config.alpha ?? 0,
  }),
};

/** Plain native configs that may reproduce an optax, Hugging Face or timm preset (checked numerically before use). */
const frameworkCandidates: Readonly<Record<string, (config: Config) => Record<string, JsonValue> | undefined>> = {
  'optax constant_schedule': (config) => ({ type: 'constant', value: (config.kwargs as Config).value ?? null }),
  'optax cosine_decay_schedule': (config) => {
    const kwargs = config.kwargs as Config;
    return { type: 'cosine', initialValue: kwargs.init_value ?? null, decaySteps: kwargs.decay_steps ?? null, alpha: kwargs.alpha ?? 0, exponent: kwargs.exponent ?? 1 };
  },
  'optax linear_onecycle_schedule': (config) => onecycle(config.kwargs as Config, 'linear'),
  'optax cosine_onecycle_schedule': (config) => onecycle(config.kwargs as Config, 'cosine'),
  'hugging-face constant': (config) => ({ type: 'constant', value: config.baseLr ?? null }),
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
    return { type: 'piecewise-interpolate', steps: [0, Math.trunc((number(kwargs.pct_start) ?? 0.3) * steps), steps], values: [start, start * div, start * div * (1 / (div * finalDiv))], interpolation };
  }
  const down = start * div * (1 / div);
  return {
    type: 'piecewise-interpolate',
    steps: [0, Math.trunc((number(kwargs.pct_start) ?? 0.3) * steps), Math.trunc((number(kwargs.pct_final) ?? 0.85) * steps), steps],
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
    initialValue: config.baseLr ?? null,
    minValue: args.min_lr ?? 0,
    cycleSteps: (number(args.num_epochs) ?? NaN) * perUpdate,
    cycleMultiplier: args.cycle_mul ?? 1,
    cycleDecay: args.cycle_decay ?? 0.1,
    cycleLimit: args.cycle_limit ?? 1,
    ...(shape === 'cosine' ? { kDecay: args.k_decay ?? 1 } : {}),
  };
}

/** The steps a candidate is compared on: every step below `totalSteps`, or 0 … 9,999 plus 1,000 steps spread up to 10^6. */
function checkSteps(totalSteps: number | undefined): number[] {
  if (totalSteps !== undefined) return Array.from({ length: totalSteps + 1 }, (_, index) => index);
  const dense = Array.from({ length: 10_000 }, (_, index) => index);
  const sparse = Array.from({ length: 1000 }, (_, index) => 10_000 + Math.round((index * 990_000) / 999));
  return [...dense, ...sparse];
}

function agrees(left: Schedule, right: Schedule, steps: readonly number[]): boolean {
  return steps.every((step) => {
    const a = left(step);
    const b = right(step);
    return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  });
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
 * nativeEquivalent(fromTorch('StepLR', { step_size: 30, gamma: 0.1 }, { baseLr: 0.1 }));
 * // { config: { type: 'step', initialValue: 0.1, stepSize: 30, factor: 0.1 }, plain: true, checkedSteps: … }
 * nativeEquivalent(fromTorch('OneCycleLR', { max_lr: 0.1, total_steps: 100 })).plain; // false: PyTorch's counting differs
 * ```
 */
export function nativeEquivalent(schedule: Schedule, totalSteps?: number): NativeEquivalent {
  const config = schedule.config as unknown as Config;
  let candidate: Record<string, JsonValue> | undefined;
  if (config.type === 'torch') {
    candidate = torchCandidates[config.name as string]?.(config.args as Config, number(config.baseLr));
  } else if (config.type === 'keras') {
    candidate = kerasCandidates[config.class_name as string]?.(config.config as Config, undefined);
  } else if (config.type === 'optax' || config.type === 'hugging-face' || config.type === 'timm') {
    candidate = frameworkCandidates[`${config.type} ${String(config.type === 'timm' ? (config.args as Config).sched : config.name)}`]?.(config);
  } else {
    return { config: schedule.config, plain: true };
  }
  if (candidate !== undefined) {
    try {
      const native = fromConfig(candidate);
      const steps = checkSteps(totalSteps);
      if (agrees(native, schedule, steps)) {
        return {
          config: native.config,
          plain: true,
          checkedSteps: totalSteps === undefined ? '0…9999 and 1,000 steps up to 1,000,000' : `0…${totalSteps}`,
        };
      }
    } catch {
      // Not representable natively (an argument outside the native schedule's rules).
    }
  }
  return { config: schedule.config, plain: false };
}
