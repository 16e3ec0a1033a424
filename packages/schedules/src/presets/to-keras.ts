import type { JsonValue, Schedule } from '../schedule.js';
import { describeValue } from '../validation.js';

/** A Keras schedule equivalent to an lrkit schedule, in `keras.optimizers.schedules.serialize`'s shape. */
export interface KerasEquivalent {
  readonly module: 'keras.optimizers.schedules';
  readonly class_name: string;
  readonly config: { readonly [key: string]: JsonValue };
  readonly registered_name: null;
}

type Config = Readonly<Record<string, JsonValue>>;

function equivalent(className: string, config: Config): KerasEquivalent {
  return { module: 'keras.optimizers.schedules', class_name: className, config, registered_name: null };
}

function none(type: string, reason: string): never {
  throw new TypeError(`toKeras: a '${type}' schedule has no exact Keras equivalent: ${reason}`);
}

const num = (config: Config, key: string): number => config[key] as number;

/**
 * Keras's floor of a cosine, the fraction `alpha = finalValue / initialValue` (Keras computes
 * `initialValue * alpha`, which is `finalValue` up to rounding). An `initialValue` of 0 has a
 * fraction only when `finalValue` is 0 too.
 */
function alphaOf(type: string, config: Config): number {
  const initial = num(config, 'initialValue');
  const final = num(config, 'finalValue');
  if (initial === 0) {
    if (final !== 0)
      none(type, `Keras gives the final value as a fraction alpha of initial_learning_rate, and initialValue is 0 (finalValue ${describeValue(final)})`);
    return 0;
  }
  return final / initial;
}

/** Keras boundaries equal to native boundaries on integer steps: `step > b` ⟺ `step >= ceil(native)`. */
function kerasBoundaries(type: string, boundaries: readonly number[]): number[] {
  const shifted = boundaries.map((boundary) => Math.ceil(boundary) - 1);
  shifted.forEach((boundary, index) => {
    if (index > 0 && boundary === shifted[index - 1]) {
      none(type, `two boundaries fall between the same integer steps (${describeValue(boundaries)})`);
    }
  });
  return shifted;
}

/**
 * The Keras 3 learning-rate schedule that reproduces a native lrkit schedule (value at step
 * `t` = `schedule(t)`, `t` = optimizer iterations), as the dict
 * `keras.optimizers.schedules.deserialize` accepts. Throws a `TypeError` naming why when no
 * exact equivalent exists. Keras evaluates integer steps (optimizer iterations); the
 * equivalence holds on them.
 *
 * Mappings: `constant` → `ExponentialDecay(value, 1, 1.0)` (or pass the number itself as
 * `learning_rate`); `step` → `ExponentialDecay(...,
 * staircase=True)`; `multiStep` and `piecewiseConstant` → `PiecewiseConstantDecay` with each
 * boundary shifted to `ceil(boundary) - 1` (Keras switches after the boundary; identical on
 * integer steps); `exponential` (no transitionBegin or finalValue) → `ExponentialDecay`;
 * `inverseTime` → `InverseTimeDecay`; `polynomial` → `PolynomialDecay`; `linear` →
 * `PolynomialDecay(power=1)`; `cosine` (exponent 1) → `CosineDecay`; `warmup` (linear) of a
 * `cosine` → `CosineDecay` with `warmup_target`/`warmup_steps`; `cosineRestarts` (no
 * cycleLimit) → `CosineDecayRestarts`; a `'keras'` preset → itself.
 *
 * @example
 * ```ts
 * toKeras(cosine({ initialValue: 0.1, decaySteps: 1000 }));
 * // { module: 'keras.optimizers.schedules', class_name: 'CosineDecay',
 * //   config: { initial_learning_rate: 0.1, decay_steps: 1000, alpha: 0 }, registered_name: null }
 * ```
 */
export function toKeras(schedule: Schedule): KerasEquivalent {
  if (typeof schedule !== 'function' || schedule.config === undefined) {
    throw new TypeError(`toKeras: \`schedule\` must be an lrkit schedule; received ${describeValue(schedule)}`);
  }
  const config = schedule.config as unknown as Config;
  const type = config.type as string;
  switch (type) {
    case 'keras':
      return equivalent(config.class_name as string, config.config as Config);
    case 'constant':
      return equivalent('ExponentialDecay', { initial_learning_rate: num(config, 'value'), decay_steps: 1, decay_rate: 1, staircase: false });
    case 'step':
      return equivalent('ExponentialDecay', {
        initial_learning_rate: num(config, 'initialValue'),
        decay_steps: num(config, 'periodSteps'),
        decay_rate: num(config, 'factor'),
        staircase: true,
      });
    case 'multi-step': {
      const boundaries = config.boundaries as number[];
      const values = Array.from({ length: boundaries.length + 1 }, (_, index) => num(config, 'initialValue') * num(config, 'factor') ** index);
      return equivalent('PiecewiseConstantDecay', { boundaries: kerasBoundaries(type, boundaries), values });
    }
    case 'piecewise-constant':
      return equivalent('PiecewiseConstantDecay', { boundaries: kerasBoundaries(type, config.boundaries as number[]), values: config.values as number[] });
    case 'exponential':
      if (num(config, 'transitionBegin') !== 0 || config.finalValue !== undefined) {
        none(type, 'ExponentialDecay has no transitionBegin or finalValue (optax has both)');
      }
      return equivalent('ExponentialDecay', {
        initial_learning_rate: num(config, 'initialValue'),
        decay_steps: num(config, 'decaySteps'),
        decay_rate: num(config, 'decayRate'),
        staircase: config.staircase as boolean,
      });
    case 'inverse-time':
      return equivalent('InverseTimeDecay', {
        initial_learning_rate: num(config, 'initialValue'),
        decay_steps: num(config, 'decaySteps'),
        decay_rate: num(config, 'decayRate'),
        staircase: config.staircase as boolean,
      });
    case 'polynomial':
      return equivalent('PolynomialDecay', {
        initial_learning_rate: num(config, 'initialValue'),
        decay_steps: num(config, 'decaySteps'),
        end_learning_rate: num(config, 'finalValue'),
        power: num(config, 'power'),
        cycle: config.cycle as boolean,
      });
    case 'linear':
      return equivalent('PolynomialDecay', {
        initial_learning_rate: num(config, 'initialValue'),
        decay_steps: num(config, 'totalSteps'),
        end_learning_rate: num(config, 'finalValue'),
        power: 1,
        cycle: false,
      });
    case 'cosine':
      if (num(config, 'exponent') !== 1) none(type, 'CosineDecay has no exponent (optax has)');
      return equivalent('CosineDecay', {
        initial_learning_rate: num(config, 'initialValue'),
        decay_steps: num(config, 'decaySteps'),
        alpha: alphaOf(type, config),
      });
    case 'warmup': {
      const inner = config.schedule as Config;
      if (config.shape !== 'linear' || inner.type !== 'cosine' || inner.exponent !== 1) {
        none(type, 'Keras warms up only linearly, and only inside CosineDecay (exponent 1)');
      }
      return equivalent('CosineDecay', {
        initial_learning_rate: num(config, 'initialValue'),
        decay_steps: num(inner, 'decaySteps'),
        alpha: alphaOf(type, inner),
        warmup_target: num(inner, 'initialValue'),
        warmup_steps: num(config, 'warmupSteps'),
      });
    }
    case 'cosine-restarts':
      if (num(config, 'cycleLimit') !== 0) none(type, 'CosineDecayRestarts restarts forever (no cycleLimit)');
      return equivalent('CosineDecayRestarts', {
        initial_learning_rate: num(config, 'initialValue'),
        first_decay_steps: num(config, 'periodSteps'),
        t_mul: num(config, 'periodMultiplier'),
        m_mul: num(config, 'peakMultiplier'),
        alpha: alphaOf(type, config),
      });
    case 'torch':
      return none(type, 'convert the PyTorch preset to a native schedule first, or keep it in PyTorch');
    case 'lambda':
      return none(type, 'it is a JavaScript function');
    default:
      return none(type, 'Keras has no built-in schedule with this shape (write a LearningRateSchedule subclass)');
  }
}
