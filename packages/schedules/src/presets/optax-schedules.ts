/**
 * Models of optax's schedules (google-deepmind/optax `optax/schedules/_schedule.py` and
 * `_join.py`, optax 0.2.8): each builder checks optax's keyword arguments, fills in optax's
 * defaults and returns the formula `(count) => value`, ported line by line. Formulas accept
 * any count, negative too, because `join_schedules` evaluates every child at
 * `step - boundary` and selects one (`jnp.where`).
 *
 * Boundaries and off-by-ones kept from optax:
 * - `polynomial_schedule` / `linear_schedule`: `transition_steps <= 0` gives a constant
 *   `init_value`; a negative `transition_begin` falls back to 0.
 * - `exponential_decay`: `init_value` while `count - transition_begin <= 0`; `transition_steps <= 0`
 *   or `decay_rate == 0` gives a constant; `end_value` is a floor when `decay_rate < 1`, a ceiling otherwise.
 * - `cosine_decay_schedule`: holds `alpha * init_value` past `decay_steps`; `decay_steps` must be > 0.
 * - `warmup_cosine_decay_schedule`: `decay_steps` INCLUDES the warm-up.
 * - `piecewise_constant_schedule`: each scale applies AT its boundary (`count >= boundary`).
 * - `piecewise_interpolate_schedule`: intervals of zero length count as one step; past the last boundary the last value.
 * - one-cycle schedules: boundaries are `int(pct * transition_steps)` (truncated), and a later
 *   duplicate boundary replaces an earlier one, as in a Python dict literal.
 */
import type { JsonValue } from '../schedule.js';
import { booleanOption, closestName, describeValue, finiteNumber, knownKeys, oneOf, required } from '../validation.js';
import { argument, isNone } from './framework-arguments.js';
import { pythonInt } from './python-numbers.js';

/** One optax schedule: its keyword arguments (defaults filled in) and its formula. */
export interface OptaxModel {
  readonly kwargs: { readonly [key: string]: JsonValue };
  readonly formula: (count: number) => number;
}

type OptaxBuilder = (kwargs: Record<string, unknown>) => OptaxModel;

function number(owner: string, kwargs: Record<string, unknown>, name: string, fallback?: number): number {
  const value = fallback === undefined ? required(owner, name, kwargs[name]) : argument(kwargs, name, fallback);
  return finiteNumber(owner, name, value);
}

function constantSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'constant_schedule';
  const a = knownKeys(owner, kwargs, ['value']);
  const value = number(owner, a, 'value');
  return { kwargs: { value }, formula: () => value };
}

function polynomialFormula(init: number, end: number, power: number, steps: number, begin: number): (count: number) => number {
  if (steps <= 0) return () => init;
  const start = begin < 0 ? 0 : begin;
  return (count) => {
    const clipped = Math.min(Math.max(count - start, 0), steps);
    const fraction = 1 - clipped / steps;
    return (init - end) * fraction ** power + end;
  };
}

function polynomialSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'polynomial_schedule';
  const a = knownKeys(owner, kwargs, ['init_value', 'end_value', 'power', 'transition_steps', 'transition_begin']);
  const init = number(owner, a, 'init_value');
  const end = number(owner, a, 'end_value');
  const power = number(owner, a, 'power');
  const steps = number(owner, a, 'transition_steps');
  const begin = number(owner, a, 'transition_begin', 0);
  return {
    kwargs: { init_value: init, end_value: end, power, transition_steps: steps, transition_begin: begin },
    formula: polynomialFormula(init, end, power, steps, begin),
  };
}

function linearSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'linear_schedule';
  const a = knownKeys(owner, kwargs, ['init_value', 'end_value', 'transition_steps', 'transition_begin']);
  const init = number(owner, a, 'init_value');
  const end = number(owner, a, 'end_value');
  const steps = number(owner, a, 'transition_steps');
  const begin = number(owner, a, 'transition_begin', 0);
  return {
    kwargs: { init_value: init, end_value: end, transition_steps: steps, transition_begin: begin },
    formula: polynomialFormula(init, end, 1, steps, begin),
  };
}

function boundariesAndScales(owner: string, value: unknown): Array<[number, number]> | null {
  if (isNone(value)) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${owner}: \`boundaries_and_scales\` must be a {step: scale} object or null; received ${describeValue(value)}`);
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([key, scale]): [number, number] => {
    const boundary = Number(key);
    if (key.trim() === '' || !Number.isInteger(boundary)) {
      throw new RangeError(`${owner}: \`boundaries_and_scales\` keys must be integer steps; received ${describeValue(key)}`);
    }
    return [boundary, finiteNumber(owner, `boundaries_and_scales[${key}]`, scale)];
  });
  if (!entries.every(([, scale]) => scale >= 0)) {
    throw new RangeError(`${owner}: \`boundaries_and_scales\` expects non-negative scale factors; received ${describeValue(value)}`);
  }
  return entries.sort(([left], [right]) => left - right);
}

function scalesConfig(entries: Array<[number, number]> | null): JsonValue {
  return entries === null ? null : Object.fromEntries(entries.map(([boundary, scale]) => [String(boundary), scale]));
}

function piecewiseConstantSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'piecewise_constant_schedule';
  const a = knownKeys(owner, kwargs, ['init_value', 'boundaries_and_scales']);
  const init = number(owner, a, 'init_value');
  const entries = boundariesAndScales(owner, a.boundaries_and_scales);
  return {
    kwargs: { init_value: init, boundaries_and_scales: scalesConfig(entries) },
    formula: (count) => {
      let value = init;
      for (const [threshold, scale] of entries ?? []) {
        // indicator = max(0, sign(threshold - count)): the scale applies from the boundary on.
        const indicator = Math.max(0, Math.sign(threshold - count));
        value = value * indicator + (1 - indicator) * scale * value;
      }
      return value;
    },
  };
}

function exponentialFormula(init: number, steps: number, rate: number, begin: number, staircase: boolean, end: number | null): (count: number) => number {
  if (steps <= 0 || rate === 0) return () => init;
  const start = begin < 0 ? 0 : begin;
  const clip = end === null ? (value: number) => value : rate < 1 ? (value: number) => Math.max(value, end) : (value: number) => Math.min(value, end);
  return (count) => {
    const decreased = count - start;
    let p = decreased / steps;
    if (staircase) p = Math.floor(p);
    return clip(decreased <= 0 ? init : init * rate ** p);
  };
}

function exponentialDecay(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'exponential_decay';
  const a = knownKeys(owner, kwargs, ['init_value', 'transition_steps', 'decay_rate', 'transition_begin', 'staircase', 'end_value']);
  const init = number(owner, a, 'init_value');
  const steps = number(owner, a, 'transition_steps');
  const rate = number(owner, a, 'decay_rate');
  const begin = number(owner, a, 'transition_begin', 0);
  const staircase = booleanOption(owner, 'staircase', argument(a, 'staircase', false));
  const end = isNone(a.end_value) ? null : finiteNumber(owner, 'end_value', a.end_value);
  return {
    kwargs: { init_value: init, transition_steps: steps, decay_rate: rate, transition_begin: begin, staircase, end_value: end },
    formula: exponentialFormula(init, steps, rate, begin, staircase, end),
  };
}

function cosineFormula(owner: string, init: number, steps: number, alpha: number, exponent: number): (count: number) => number {
  if (!(steps > 0)) {
    throw new RangeError(`${owner}: The cosine_decay_schedule requires positive decay_steps; received decay_steps=${describeValue(steps)}`);
  }
  return (count) => {
    const clipped = Math.min(count, steps);
    const cosineDecay = 0.5 * (1 + Math.cos((Math.PI * clipped) / steps));
    const decayed = (1 - alpha) * cosineDecay ** exponent + alpha;
    return init * decayed;
  };
}

function cosineDecaySchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'cosine_decay_schedule';
  const a = knownKeys(owner, kwargs, ['init_value', 'decay_steps', 'alpha', 'exponent']);
  const init = number(owner, a, 'init_value');
  const steps = number(owner, a, 'decay_steps');
  const alpha = number(owner, a, 'alpha', 0);
  const exponent = number(owner, a, 'exponent', 1);
  return { kwargs: { init_value: init, decay_steps: steps, alpha, exponent }, formula: cosineFormula(owner, init, steps, alpha, exponent) };
}

/** `join_schedules`: `schedules[i](step - boundaries[i - 1])` from boundary `i - 1` on. */
function joinFormulas(formulas: ReadonlyArray<(count: number) => number>, boundaries: readonly number[]): (count: number) => number {
  return (count) => {
    let output = formulas[0]!(count);
    boundaries.forEach((boundary, index) => {
      if (!(count < boundary)) output = formulas[index + 1]!(count - boundary);
    });
    return output;
  };
}

function warmupCosineFormula(owner: string, a: Record<string, unknown>): OptaxModel {
  const init = number(owner, a, 'init_value');
  const peak = number(owner, a, 'peak_value');
  const warmupSteps = number(owner, a, 'warmup_steps');
  const decaySteps = number(owner, a, 'decay_steps');
  const end = number(owner, a, 'end_value', 0);
  const exponent = number(owner, a, 'exponent', 1);
  const alpha = peak === 0 ? 0 : end / peak;
  const formulas = [polynomialFormula(init, peak, 1, warmupSteps, 0), cosineFormula(owner, peak, decaySteps - warmupSteps, alpha, exponent)];
  return {
    kwargs: { init_value: init, peak_value: peak, warmup_steps: warmupSteps, decay_steps: decaySteps, end_value: end, exponent },
    formula: joinFormulas(formulas, [warmupSteps]),
  };
}

const warmupCosineKeys = ['init_value', 'peak_value', 'warmup_steps', 'decay_steps', 'end_value', 'exponent'];

function warmupCosineDecaySchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'warmup_cosine_decay_schedule';
  return warmupCosineFormula(owner, knownKeys(owner, kwargs, warmupCosineKeys));
}

function warmupConstantSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'warmup_constant_schedule';
  const a = knownKeys(owner, kwargs, ['init_value', 'peak_value', 'warmup_steps']);
  const init = number(owner, a, 'init_value');
  const peak = number(owner, a, 'peak_value');
  const warmupSteps = number(owner, a, 'warmup_steps');
  return { kwargs: { init_value: init, peak_value: peak, warmup_steps: warmupSteps }, formula: polynomialFormula(init, peak, 1, warmupSteps, 0) };
}

function warmupExponentialDecaySchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'warmup_exponential_decay_schedule';
  const a = knownKeys(owner, kwargs, [
    'init_value',
    'peak_value',
    'warmup_steps',
    'transition_steps',
    'decay_rate',
    'transition_begin',
    'staircase',
    'end_value',
  ]);
  const init = number(owner, a, 'init_value');
  const peak = number(owner, a, 'peak_value');
  const warmupSteps = number(owner, a, 'warmup_steps');
  const steps = number(owner, a, 'transition_steps');
  const rate = number(owner, a, 'decay_rate');
  const begin = number(owner, a, 'transition_begin', 0);
  const staircase = booleanOption(owner, 'staircase', argument(a, 'staircase', false));
  const end = isNone(a.end_value) ? null : finiteNumber(owner, 'end_value', a.end_value);
  const formulas = [polynomialFormula(init, peak, 1, warmupSteps, 0), exponentialFormula(peak, steps, rate, begin, staircase, end)];
  return {
    kwargs: {
      init_value: init,
      peak_value: peak,
      warmup_steps: warmupSteps,
      transition_steps: steps,
      decay_rate: rate,
      transition_begin: begin,
      staircase,
      end_value: end,
    },
    formula: joinFormulas(formulas, [warmupSteps]),
  };
}

/** `piecewise_interpolate_schedule`'s formula from sorted `[boundary, scale]` entries. */
export function interpolateFormula(kind: 'linear' | 'cosine', init: number, entries: ReadonlyArray<readonly [number, number]>): (count: number) => number {
  const bounds = [0, ...entries.map(([boundary]) => boundary)];
  const values = [init];
  for (const [, scale] of entries) values.push(values[values.length - 1]! * scale);
  const interpolate =
    kind === 'linear'
      ? (start: number, end: number, pct: number) => (end - start) * pct + start
      : (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  return (count) => {
    // indicator.dot(interp_vals): at most one interval [bounds[i], bounds[i+1]) holds the count.
    let result = 0;
    for (let index = 0; index + 1 < bounds.length; index += 1) {
      const low = bounds[index]!;
      const high = bounds[index + 1]!;
      if (low <= count && count < high) {
        result += interpolate(values[index]!, values[index + 1]!, (count - low) / Math.max(high - low, 1));
      }
    }
    return bounds[bounds.length - 1]! <= count ? result + values[values.length - 1]! : result;
  };
}

function piecewiseInterpolateSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'piecewise_interpolate_schedule';
  const a = knownKeys(owner, kwargs, ['interpolate_type', 'init_value', 'boundaries_and_scales']);
  const kind = oneOf(owner, 'interpolate_type', required(owner, 'interpolate_type', a.interpolate_type), ['linear', 'cosine'] as const);
  const init = number(owner, a, 'init_value');
  const entries = boundariesAndScales(owner, a.boundaries_and_scales);
  return {
    kwargs: { interpolate_type: kind, init_value: init, boundaries_and_scales: scalesConfig(entries) },
    formula: interpolateFormula(kind, init, entries ?? []),
  };
}

/** A Python dict literal `{k1: v1, k2: v2, …}`: a repeated key keeps its first place and its last value. */
function dictLiteral(pairs: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const map = new Map<number, number>();
  for (const [key, value] of pairs) map.set(key, value);
  return [...map.entries()].sort(([left], [right]) => left - right);
}

function positiveTransition(owner: string, kind: string, steps: number): void {
  if (steps <= 0) {
    throw new RangeError(`${owner}: A ${kind} onecycle schedule was set with a non-positive \`transition_steps\`; received ${steps}`);
  }
}

function linearOnecycleSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'linear_onecycle_schedule';
  const a = knownKeys(owner, kwargs, ['transition_steps', 'peak_value', 'pct_start', 'pct_final', 'div_factor', 'final_div_factor']);
  const steps = number(owner, a, 'transition_steps');
  const peak = number(owner, a, 'peak_value');
  const pctStart = number(owner, a, 'pct_start', 0.3);
  const pctFinal = number(owner, a, 'pct_final', 0.85);
  const divFactor = number(owner, a, 'div_factor', 25);
  const finalDivFactor = number(owner, a, 'final_div_factor', 1e4);
  positiveTransition(owner, 'linear', steps);
  const entries = dictLiteral([
    [pythonInt(pctStart * steps), divFactor],
    [pythonInt(pctFinal * steps), 1 / divFactor],
    [steps, 1 / finalDivFactor],
  ]);
  return {
    kwargs: { transition_steps: steps, peak_value: peak, pct_start: pctStart, pct_final: pctFinal, div_factor: divFactor, final_div_factor: finalDivFactor },
    formula: interpolateFormula('linear', peak / divFactor, entries),
  };
}

function cosineOnecycleSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'cosine_onecycle_schedule';
  const a = knownKeys(owner, kwargs, ['transition_steps', 'peak_value', 'pct_start', 'div_factor', 'final_div_factor']);
  const steps = number(owner, a, 'transition_steps');
  const peak = number(owner, a, 'peak_value');
  const pctStart = number(owner, a, 'pct_start', 0.3);
  const divFactor = number(owner, a, 'div_factor', 25);
  const finalDivFactor = number(owner, a, 'final_div_factor', 1e4);
  positiveTransition(owner, 'cosine', steps);
  const entries = dictLiteral([
    [pythonInt(pctStart * steps), divFactor],
    [pythonInt(steps), 1 / (divFactor * finalDivFactor)],
  ]);
  return {
    kwargs: { transition_steps: steps, peak_value: peak, pct_start: pctStart, div_factor: divFactor, final_div_factor: finalDivFactor },
    formula: interpolateFormula('cosine', peak / divFactor, entries),
  };
}

function childSpec(owner: string, given: unknown, index: number): { name: string; kwargs: Record<string, unknown> } {
  // A fromOptax schedule (or a saved { type: 'optax', … } config that fromConfig already loaded) is taken by its config.
  const value =
    typeof given === 'function' && (given as { config?: { type?: unknown } }).config?.type === 'optax'
      ? (given as unknown as { config: unknown }).config
      : given;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${owner}: \`schedules[${index}]\` must be { name, kwargs }; received ${describeValue(value)}`);
  }
  const spec = knownKeys(`${owner}: schedules[${index}]`, value, ['type', 'name', 'kwargs']);
  if (typeof spec.name !== 'string') {
    throw new TypeError(`${owner}: \`schedules[${index}].name\` must be an optax schedule name; received ${describeValue(spec.name)}`);
  }
  const kwargs = spec.kwargs ?? {};
  if (kwargs === null || typeof kwargs !== 'object' || Array.isArray(kwargs)) {
    throw new TypeError(`${owner}: \`schedules[${index}].kwargs\` must be a plain object; received ${describeValue(kwargs)}`);
  }
  return { name: spec.name, kwargs: kwargs as Record<string, unknown> };
}

function joinSchedules(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'join_schedules';
  const a = knownKeys(owner, kwargs, ['schedules', 'boundaries']);
  const schedules = required(owner, 'schedules', a.schedules);
  if (!Array.isArray(schedules) || schedules.length === 0) {
    throw new TypeError(`${owner}: \`schedules\` must be a non-empty array of { name, kwargs }; received ${describeValue(schedules)}`);
  }
  const boundaries = required(owner, 'boundaries', a.boundaries);
  if (!Array.isArray(boundaries) || boundaries.length !== schedules.length - 1) {
    throw new RangeError(
      `${owner}: \`boundaries\` must be an array one shorter than \`schedules\` (${schedules.length - 1} numbers); received ${describeValue(boundaries)}`,
    );
  }
  const checkedBoundaries = boundaries.map((boundary, index) => finiteNumber(owner, `boundaries[${index}]`, boundary));
  const children = schedules.map((value, index) => {
    const spec = childSpec(owner, value, index);
    return { name: spec.name, model: optaxModel(spec.name, spec.kwargs) };
  });
  return {
    kwargs: { schedules: children.map(({ name, model }) => ({ name, kwargs: model.kwargs })), boundaries: checkedBoundaries },
    formula: joinFormulas(
      children.map(({ model }) => model.formula),
      checkedBoundaries,
    ),
  };
}

function sgdrSchedule(kwargs: Record<string, unknown>): OptaxModel {
  const owner = 'sgdr_schedule';
  const a = knownKeys(owner, kwargs, ['cosine_kwargs']);
  const cycles = required(owner, 'cosine_kwargs', a.cosine_kwargs);
  if (!Array.isArray(cycles) || cycles.length === 0) {
    throw new TypeError(`${owner}: \`cosine_kwargs\` must be a non-empty array of warmup_cosine_decay_schedule kwargs; received ${describeValue(cycles)}`);
  }
  const boundaries: number[] = [];
  let step = 0;
  const models = cycles.map((cycle, index) => {
    const model = warmupCosineFormula(`${owner}: cosine_kwargs[${index}]`, knownKeys(`${owner}: cosine_kwargs[${index}]`, cycle, warmupCosineKeys));
    const decaySteps = model.kwargs.decay_steps as number;
    boundaries.push(step + decaySteps);
    step += decaySteps;
    return model;
  });
  return {
    kwargs: { cosine_kwargs: models.map((model) => model.kwargs) },
    formula: joinFormulas(
      models.map((model) => model.formula),
      boundaries.slice(0, -1),
    ),
  };
}

/** Every optax schedule function `fromOptax` reproduces, by name. */
export const optaxBuilders: Readonly<Record<string, OptaxBuilder>> = {
  constant_schedule: constantSchedule,
  linear_schedule: linearSchedule,
  polynomial_schedule: polynomialSchedule,
  exponential_decay: exponentialDecay,
  cosine_decay_schedule: cosineDecaySchedule,
  warmup_constant_schedule: warmupConstantSchedule,
  warmup_cosine_decay_schedule: warmupCosineDecaySchedule,
  warmup_exponential_decay_schedule: warmupExponentialDecaySchedule,
  piecewise_constant_schedule: piecewiseConstantSchedule,
  piecewise_interpolate_schedule: piecewiseInterpolateSchedule,
  join_schedules: joinSchedules,
  sgdr_schedule: sgdrSchedule,
  cosine_onecycle_schedule: cosineOnecycleSchedule,
  linear_onecycle_schedule: linearOnecycleSchedule,
};

/** The model of optax schedule `name`; an unknown name is a TypeError that suggests the closest one. */
export function optaxModel(name: string, kwargs: Record<string, unknown>): OptaxModel {
  const build = Object.hasOwn(optaxBuilders, name) ? optaxBuilders[name] : undefined;
  if (build === undefined) {
    const known = Object.keys(optaxBuilders);
    const suggestion = closestName(name, known);
    throw new TypeError(
      `fromOptax: unknown schedule ${describeValue(name)}` +
        (suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`) +
        `; known schedules are ${known.join(', ')}`,
    );
  }
  if (kwargs === null || typeof kwargs !== 'object' || Array.isArray(kwargs)) {
    throw new TypeError(`${name}: kwargs must be a plain object; received ${describeValue(kwargs)}`);
  }
  return build(kwargs);
}
