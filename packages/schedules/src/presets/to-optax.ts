import type { JsonValue, Schedule } from '../schedule.js';
import { describeValue } from '../validation.js';

/** An optax schedule call equivalent to an lrkit schedule: `getattr(optax, name)(**kwargs)`. */
export interface OptaxEquivalent {
  /** The optax function name, for example `'cosine_decay_schedule'`. */
  readonly name: string;
  /** Its keyword arguments (`join_schedules` children as `{ name, kwargs }`). */
  readonly kwargs: { readonly [key: string]: JsonValue };
}

type Config = Readonly<Record<string, JsonValue>>;

function none(type: string, reason: string): never {
  throw new TypeError(`toOptax: a '${type}' schedule has no exact optax equivalent: ${reason}`);
}

const num = (config: Config, key: string): number => config[key] as number;

/**
 * optax's `{step: scale}` from points: the cumulative products must give back every value
 * bit for bit (optax multiplies the scales in order), and the steps must be integers.
 */
function scalesFor(type: string, steps: readonly number[], values: readonly number[]): Record<string, number> {
  const scales: Record<string, number> = {};
  let value = values[0]!;
  steps.forEach((step, index) => {
    if (!Number.isInteger(step)) none(type, `optax boundaries are integer steps; received ${describeValue(step)}`);
    if (index === 0) return;
    const scale = values[index]! / values[index - 1]!;
    value *= scale;
    if (!(scale >= 0) || value !== values[index]) {
      none(type, `${describeValue(values[index])} is not reached exactly by multiplying scales from ${describeValue(values[0])}`);
    }
    scales[String(step)] = scale;
  });
  return scales;
}

/**
 * optax's floor of a cosine, the fraction `alpha = finalValue / initialValue` (optax computes
 * `init_value * alpha`, which is `finalValue` up to rounding). An `initialValue` of 0 has a
 * fraction only when `finalValue` is 0 too.
 */
function alphaOf(type: string, config: Config): number {
  const initial = num(config, 'initialValue');
  const final = num(config, 'finalValue');
  if (initial === 0) {
    if (final !== 0) none(type, `optax gives the final value as a fraction alpha of init_value, and initialValue is 0 (finalValue ${describeValue(final)})`);
    return 0;
  }
  return final / initial;
}

function convert(config: Config): OptaxEquivalent {
  const type = config.type as string;
  switch (type) {
    case 'optax':
      return { name: config.name as string, kwargs: config.kwargs as Config };
    case 'constant':
      return { name: 'constant_schedule', kwargs: { value: num(config, 'value') } };
    case 'cosine':
      return {
        name: 'cosine_decay_schedule',
        kwargs: {
          init_value: num(config, 'initialValue'),
          decay_steps: num(config, 'decaySteps'),
          alpha: alphaOf(type, config),
          exponent: num(config, 'exponent'),
        },
      };
    case 'linear':
      return {
        name: 'linear_schedule',
        kwargs: {
          init_value: num(config, 'initialValue'),
          end_value: num(config, 'finalValue'),
          transition_steps: num(config, 'totalSteps'),
          transition_begin: 0,
        },
      };
    case 'polynomial':
      if (config.cycle === true) none(type, 'optax has no cycling polynomial schedule');
      return {
        name: 'polynomial_schedule',
        kwargs: {
          init_value: num(config, 'initialValue'),
          end_value: num(config, 'finalValue'),
          power: num(config, 'power'),
          transition_steps: num(config, 'decaySteps'),
          transition_begin: 0,
        },
      };
    case 'exponential':
      if (num(config, 'decayRate') === 0) none(type, 'optax treats decay_rate=0 as a constant schedule');
      return {
        name: 'exponential_decay',
        kwargs: {
          init_value: num(config, 'initialValue'),
          transition_steps: num(config, 'decaySteps'),
          decay_rate: num(config, 'decayRate'),
          transition_begin: num(config, 'transitionBegin'),
          staircase: config.staircase as boolean,
          end_value: (config.finalValue ?? null) as JsonValue,
        },
      };
    case 'piecewise-constant': {
      const boundaries = config.boundaries as number[];
      const values = config.values as number[];
      const steps = [0, ...boundaries.map((boundary) => Math.ceil(boundary))];
      return { name: 'piecewise_constant_schedule', kwargs: { init_value: values[0]!, boundaries_and_scales: scalesFor(type, steps, values) } };
    }
    case 'piecewise-interpolate': {
      let steps = config.boundaries as number[];
      let values = config.values as number[];
      // optax starts at step 0; hold the first value until the first point with a scale of 1.
      if (steps[0] !== 0) {
        steps = [0, ...steps];
        values = [values[0]!, ...values];
      }
      return {
        name: 'piecewise_interpolate_schedule',
        kwargs: { interpolate_type: config.interpolation as string, init_value: values[0]!, boundaries_and_scales: scalesFor(type, steps, values) },
      };
    }
    case 'join': {
      const children = (config.schedules as Config[]).map(convert);
      return { name: 'join_schedules', kwargs: { schedules: children as unknown as JsonValue, boundaries: config.boundaries as number[] } };
    }
    default:
      return none(type, 'see toOptax for the schedules that have one');
  }
}

/**
 * The optax schedule that reproduces an lrkit schedule, as `{ name, kwargs }` for
 * `getattr(optax, name)(**kwargs)`. Exact (to float64 rounding) for: `fromOptax` schedules
 * (their own call back), `constant`, `cosine`, `linear`, `polynomial` (without `cycle`),
 * `exponential`, `piecewise-constant` and `piecewise-interpolate` on integer steps whose values
 * optax's cumulative scales reproduce bit for bit, and `join` of those. Anything else throws a
 * `TypeError` saying why.
 *
 * @param schedule - an lrkit schedule.
 * @returns `{ name, kwargs }`.
 * @example
 * ```ts
 * toOptax(piecewiseInterpolate({ boundaries: [0, 30, 85, 100], values: [0.04, 1, 0.04, 4e-6] }));
 * // { name: 'piecewise_interpolate_schedule', kwargs: { interpolate_type: 'linear', init_value: 0.04,
 * //   boundaries_and_scales: { '30': 25, '85': 0.04, '100': 0.0001 } } }
 * ```
 */
export function toOptax(schedule: Schedule): OptaxEquivalent {
  if (typeof schedule !== 'function' || schedule.config === undefined) {
    throw new TypeError(`toOptax: \`schedule\` must be an lrkit schedule; received ${describeValue(schedule)}`);
  }
  return convert(schedule.config as unknown as Config);
}
