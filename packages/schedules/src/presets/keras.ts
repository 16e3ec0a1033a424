import { checkConfigShape } from '../config-shape.js';
import { defineSchedule, type JsonValue, type Schedule } from '../schedule.js';
import {
  booleanOption,
  closestName,
  describeValue,
  finiteNumber,
  increasingNumbers,
  knownKeys,
  nonNegativeNumber,
  numberArray,
  optionKeys,
  positiveNumber,
  required,
} from '../validation.js';
import { argument, calledAs, isNone } from './framework-arguments.js';

/** The shape `keras.optimizers.schedules.serialize` produces (`module` and `registered_name` optional). */
export interface KerasSerialized {
  readonly class_name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly module?: string | null;
  readonly registered_name?: string | null;
}

/** The JSON config of a Keras preset; `fromConfig` rebuilds it through the registry key `'keras'`. */
export interface KerasConfig {
  readonly type: 'keras';
  readonly class_name: string;
  /** The Keras config with Keras's defaults filled in. */
  readonly config: { readonly [key: string]: JsonValue };
}

interface KerasModel {
  readonly config: { readonly [key: string]: JsonValue };
  readonly formula: (step: number) => number;
}

type KerasBuilder = (config: Record<string, unknown>) => KerasModel;

function nameArgument(owner: string, config: Record<string, unknown>, fallback: string): string | null {
  const value = argument(config, 'name', fallback);
  if (value !== null && typeof value !== 'string') {
    throw new TypeError(`${owner}: \`name\` must be a string or null; received ${describeValue(value)}`);
  }
  return value;
}

function exponentialDecay(config: Record<string, unknown>): KerasModel {
  const owner = 'ExponentialDecay';
  const c = knownKeys(owner, config, ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase', 'name']);
  const initial = finiteNumber(owner, 'initial_learning_rate', required(owner, 'initial_learning_rate', c.initial_learning_rate));
  const decaySteps = positiveNumber(owner, 'decay_steps', required(owner, 'decay_steps', c.decay_steps));
  const decayRate = finiteNumber(owner, 'decay_rate', required(owner, 'decay_rate', c.decay_rate));
  const staircase = booleanOption(owner, 'staircase', argument(c, 'staircase', false));
  const name = nameArgument(owner, c, 'ExponentialDecay');
  return {
    config: { initial_learning_rate: initial, decay_steps: decaySteps, decay_rate: decayRate, staircase, name },
    formula: (step) => {
      const p = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
      return initial * decayRate ** p;
    },
  };
}

function piecewiseConstantDecay(config: Record<string, unknown>): KerasModel {
  const owner = 'PiecewiseConstantDecay';
  const c = knownKeys(owner, config, ['boundaries', 'values', 'name']);
  const boundaries = increasingNumbers(owner, 'boundaries', required(owner, 'boundaries', c.boundaries));
  const values = numberArray(owner, 'values', required(owner, 'values', c.values));
  if (boundaries.length !== values.length - 1) {
    throw new RangeError(
      `${owner}: The length of boundaries should be 1 less than the length of values; received boundaries=${describeValue(boundaries)} ` +
        `of length ${boundaries.length}, and values=${describeValue(values)} of length ${values.length}`,
    );
  }
  const name = nameArgument(owner, c, 'PiecewiseConstant');
  return {
    config: { boundaries, values, name },
    // values[i] while step <= boundaries[i]: the switch comes one step AFTER each boundary.
    formula: (step) => {
      const index = boundaries.findIndex((boundary) => step <= boundary);
      return values[index === -1 ? values.length - 1 : index] as number;
    },
  };
}

function polynomialDecay(config: Record<string, unknown>): KerasModel {
  const owner = 'PolynomialDecay';
  const c = knownKeys(owner, config, ['initial_learning_rate', 'decay_steps', 'end_learning_rate', 'power', 'cycle', 'name']);
  const initial = finiteNumber(owner, 'initial_learning_rate', required(owner, 'initial_learning_rate', c.initial_learning_rate));
  const decaySteps = positiveNumber(owner, 'decay_steps', required(owner, 'decay_steps', c.decay_steps));
  const end = finiteNumber(owner, 'end_learning_rate', argument(c, 'end_learning_rate', 0.0001));
  const power = finiteNumber(owner, 'power', argument(c, 'power', 1));
  const cycle = booleanOption(owner, 'cycle', argument(c, 'cycle', false));
  const name = nameArgument(owner, c, 'PolynomialDecay');
  return {
    config: { initial_learning_rate: initial, decay_steps: decaySteps, end_learning_rate: end, power, cycle, name },
    formula: (step) => {
      let globalStep = step;
      let steps = decaySteps;
      if (cycle) {
        steps = decaySteps * (step === 0 ? 1 : Math.ceil(step / decaySteps));
      } else {
        globalStep = Math.min(step, decaySteps);
      }
      const p = globalStep / steps;
      return (initial - end) * (1 - p) ** power + end;
    },
  };
}

function inverseTimeDecay(config: Record<string, unknown>): KerasModel {
  const owner = 'InverseTimeDecay';
  const c = knownKeys(owner, config, ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase', 'name']);
  const initial = finiteNumber(owner, 'initial_learning_rate', required(owner, 'initial_learning_rate', c.initial_learning_rate));
  const decaySteps = positiveNumber(owner, 'decay_steps', required(owner, 'decay_steps', c.decay_steps));
  const decayRate = nonNegativeNumber(owner, 'decay_rate', required(owner, 'decay_rate', c.decay_rate));
  const staircase = booleanOption(owner, 'staircase', argument(c, 'staircase', false));
  const name = nameArgument(owner, c, 'InverseTimeDecay');
  return {
    config: { initial_learning_rate: initial, decay_steps: decaySteps, decay_rate: decayRate, staircase, name },
    formula: (step) => {
      const p = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
      return initial / (1 + decayRate * p);
    },
  };
}

function cosineDecay(config: Record<string, unknown>): KerasModel {
  const owner = 'CosineDecay';
  const c = knownKeys(owner, config, ['initial_learning_rate', 'decay_steps', 'alpha', 'name', 'warmup_target', 'warmup_steps']);
  const initial = finiteNumber(owner, 'initial_learning_rate', required(owner, 'initial_learning_rate', c.initial_learning_rate));
  const decaySteps = positiveNumber(owner, 'decay_steps', required(owner, 'decay_steps', c.decay_steps));
  const alpha = finiteNumber(owner, 'alpha', argument(c, 'alpha', 0));
  const name = nameArgument(owner, c, 'CosineDecay');
  const warmupTarget = isNone(c.warmup_target) ? null : finiteNumber(owner, 'warmup_target', c.warmup_target);
  const warmupSteps = nonNegativeNumber(owner, 'warmup_steps', argument(c, 'warmup_steps', 0));
  const decay = (step: number, from: number): number => {
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * (step / decaySteps)));
    return from * ((1 - alpha) * cosineDecayed + alpha);
  };
  return {
    config: { initial_learning_rate: initial, decay_steps: decaySteps, alpha, name, warmup_target: warmupTarget, warmup_steps: warmupSteps },
    formula: (step) => {
      if (warmupTarget === null) return decay(Math.min(step, decaySteps), initial);
      // decay_steps counts after the warm-up: the decay ends at warmup_steps + decay_steps.
      const globalStep = Math.min(step, decaySteps + warmupSteps);
      if (globalStep < warmupSteps) return (warmupTarget - initial) * (globalStep / warmupSteps) + initial;
      return decay(globalStep - warmupSteps, warmupTarget);
    },
  };
}

function cosineDecayRestarts(config: Record<string, unknown>): KerasModel {
  const owner = 'CosineDecayRestarts';
  const c = knownKeys(owner, config, ['initial_learning_rate', 'first_decay_steps', 't_mul', 'm_mul', 'alpha', 'name']);
  const initial = finiteNumber(owner, 'initial_learning_rate', required(owner, 'initial_learning_rate', c.initial_learning_rate));
  const firstDecaySteps = positiveNumber(owner, 'first_decay_steps', required(owner, 'first_decay_steps', c.first_decay_steps));
  const tMul = positiveNumber(owner, 't_mul', argument(c, 't_mul', 2));
  const mMul = finiteNumber(owner, 'm_mul', argument(c, 'm_mul', 1));
  const alpha = finiteNumber(owner, 'alpha', argument(c, 'alpha', 0));
  const name = nameArgument(owner, c, 'SGDRDecay');
  return {
    config: { initial_learning_rate: initial, first_decay_steps: firstDecaySteps, t_mul: tMul, m_mul: mMul, alpha, name },
    formula: (step) => {
      let completed = step / firstDecaySteps;
      let restart: number;
      if (tMul === 1) {
        restart = Math.floor(completed);
        completed -= restart;
      } else {
        restart = Math.floor(Math.log(1 - completed * (1 - tMul)) / Math.log(tMul));
        const sum = (1 - tMul ** restart) / (1 - tMul);
        completed = (completed - sum) / tMul ** restart;
      }
      const cosineDecayed = 0.5 * mMul ** restart * (1 + Math.cos(Math.PI * completed));
      return initial * ((1 - alpha) * cosineDecayed + alpha);
    },
  };
}

/** Keras 2 optimizers whose `decay` argument gives time-based decay. */
const kerasOptimizers = ['SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'Nadam', 'Ftrl'];

/** Keys a Keras 2 optimizer config may carry; only `learning_rate` (or `lr`) and `decay` matter here. */
const optimizerKeys = [
  'name',
  'learning_rate',
  'lr',
  'decay',
  'momentum',
  'nesterov',
  'beta_1',
  'beta_2',
  'epsilon',
  'amsgrad',
  'rho',
  'centered',
  'initial_accumulator_value',
  'clipnorm',
  'clipvalue',
  'global_clipnorm',
  'weight_decay',
  'use_ema',
  'ema_momentum',
  'ema_overwrite_frequency',
  'jit_compile',
  'is_legacy_optimizer',
  'learning_rate_power',
  'l1_regularization_strength',
  'l2_regularization_strength',
  'l2_shrinkage_regularization_strength',
  'beta',
  'loss_scale_factor',
  'gradient_accumulation_steps',
  'schedule_decay',
];

function kerasOptimizer(className: string): KerasBuilder {
  return (config) => {
    const owner = className;
    const c = knownKeys(owner, config, optimizerKeys);
    if (c.learning_rate !== undefined && c.lr !== undefined) {
      throw new TypeError(`${owner}: give \`learning_rate\` or its legacy alias \`lr\`, not both; received ${describeValue(config)}`);
    }
    const given = c.learning_rate ?? c.lr ?? (className === 'Adadelta' ? 1 : 0.01);
    const decay = nonNegativeNumber(owner, 'decay', argument(c, 'decay', 0));
    let base: (step: number) => number;
    let learningRate: JsonValue;
    if (given !== null && typeof given === 'object') {
      const inner = kerasModel(given as KerasSerialized);
      base = inner.formula;
      learningRate = { class_name: (given as KerasSerialized).class_name, config: inner.config };
    } else {
      const value = finiteNumber(owner, 'learning_rate', given);
      base = () => value;
      learningRate = value;
    }
    const rest: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(c)) if (key !== 'lr') rest[key] = value as JsonValue;
    return {
      config: { ...rest, learning_rate: learningRate, decay },
      // Keras 2 `_decayed_lr`: lr / (1 + decay * iterations), iterations = updates applied so far.
      formula: (step) => (decay > 0 ? base(step) / (1 + decay * step) : base(step)),
    };
  };
}

const kerasBuilders: Readonly<Record<string, KerasBuilder>> = {
  ExponentialDecay: exponentialDecay,
  PiecewiseConstantDecay: piecewiseConstantDecay,
  PolynomialDecay: polynomialDecay,
  InverseTimeDecay: inverseTimeDecay,
  CosineDecay: cosineDecay,
  CosineDecayRestarts: cosineDecayRestarts,
  ...Object.fromEntries(kerasOptimizers.map((name) => [name, kerasOptimizer(name)])),
};

/** Every Keras class `fromKeras` reproduces. */
export const kerasClassNames: readonly string[] = Object.keys(kerasBuilders);

function kerasModel(serialized: KerasSerialized): KerasModel & { readonly className: string } {
  const checked = knownKeys('fromKeras', serialized, optionKeys<KerasSerialized>({ class_name: true, config: true, module: true, registered_name: true }));
  const className = checked.class_name;
  if (typeof className !== 'string') {
    throw new TypeError(`fromKeras: \`class_name\` must be a string; received ${describeValue(className)}`);
  }
  const build = Object.hasOwn(kerasBuilders, className) ? kerasBuilders[className] : undefined;
  if (build === undefined) {
    const suggestion = closestName(className, kerasClassNames);
    throw new TypeError(
      `fromKeras: unknown class_name ${describeValue(className)}` +
        (suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`) +
        `; known classes are ${kerasClassNames.join(', ')}`,
    );
  }
  const config = checked.config ?? {};
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new TypeError(`${className}: \`config\` must be a plain object; received ${describeValue(config)}`);
  }
  return { ...build(config as Record<string, unknown>), className };
}

/**
 * Reproduces a Keras learning-rate schedule exactly, from the dict
 * `keras.optimizers.schedules.serialize(schedule)` produces (`{ class_name, config }`,
 * with `module` and `registered_name` accepted and ignored). The schedule's value at step
 * `t` is Keras's `schedule(t)`, `t` = optimizer updates applied so far (`optimizer.iterations`).
 *
 * Classes (Keras 3 names and defaults): ExponentialDecay, PiecewiseConstantDecay (switches
 * one step after each boundary: `step > boundary`), PolynomialDecay (with `cycle`),
 * InverseTimeDecay, CosineDecay (with `warmup_target` / `warmup_steps`; `decay_steps`
 * excludes the warm-up), CosineDecayRestarts. Also a Keras 2 optimizer config with the
 * time-based `decay` argument (`{ class_name: 'SGD', config: { learning_rate: 0.1, decay: 1e-3 } }`):
 * `learning_rate / (1 + decay * iterations)`, where `learning_rate` may itself be a serialized schedule.
 *
 * Keras evaluates in float32; lrkit in float64, so values agree to float32 precision.
 *
 * @param serialized - `{ class_name, config }`.
 * @returns a schedule with config `{ type: 'keras', class_name, config }`.
 * @example
 * ```ts
 * const s = fromKeras({ class_name: 'ExponentialDecay',
 *   config: { initial_learning_rate: 0.1, decay_steps: 100000, decay_rate: 0.96, staircase: true } });
 * s(100000); // 0.096
 * ```
 */
export function fromKeras(serialized: KerasSerialized): Schedule<KerasConfig> {
  return calledAs('fromKeras', () => buildFromKeras(serialized));
}

function buildFromKeras(serialized: KerasSerialized): Schedule<KerasConfig> {
  checkConfigShape(serialized, 'fromKeras');
  const model = kerasModel(serialized);
  return defineSchedule({ type: 'keras', class_name: model.className, config: model.config }, model.formula);
}
