import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from '../config.js';
import { fromOptax, optaxScheduleNames } from './optax.js';
import { expectSameValues } from './reference/compare.js';
import { optaxReference } from './reference/optax.js';
import traces from './traces/optax.json' with { type: 'json' };

interface OptaxTrace {
  readonly name: string;
  readonly kwargs: Record<string, unknown>;
  readonly values: number[];
}

const cases = traces as OptaxTrace[];
const label = (trace: OptaxTrace): string => `${trace.name} ${JSON.stringify(trace.kwargs)}`;

/**
 * An exponential growth without `end_value` overflows within lrkit's step domain, so lrkit
 * refuses it (every accepted schedule is finite over steps 0 … 2^53 − 1, issue 17). Such a trace
 * is compared with a ceiling of 1e308, which no recorded step reaches: the values are optax's.
 */
const growsWithoutCeiling = (trace: OptaxTrace): boolean =>
  trace.name === 'exponential_decay' && (trace.kwargs.decay_rate as number) > 1 && trace.kwargs.end_value === undefined;
const kwargsOf = (trace: OptaxTrace): Record<string, unknown> => (growsWithoutCeiling(trace) ? { ...trace.kwargs, end_value: 1e308 } : trace.kwargs);

describe('fromOptax against traces recorded from optax 0.2.8 (float64, steps 0..260)', () => {
  it.each(cases.map((trace) => [label(trace), trace] as const))('%s', (_label, trace) => {
    const schedule = fromOptax(trace.name, kwargsOf(trace));
    expectSameValues(
      trace.values.map((_, step) => schedule(step)),
      trace.values,
    );
  });

  it('refuses a growth without end_value, which would overflow within the step domain', () => {
    const growing = cases.filter(growsWithoutCeiling);
    expect(growing.length).toBeGreaterThan(0);
    for (const trace of growing) {
      expect(() => fromOptax(trace.name, trace.kwargs)).toThrow(/^fromOptax: optax exponential_decay: these options give a non-finite value \(Infinity\)/);
    }
  });

  it('covers every optax schedule name it supports', () => {
    expect(new Set(cases.map((trace) => trace.name))).toEqual(new Set(optaxScheduleNames));
  });
});

describe('fromOptax against the line-by-line port of optax (random steps, fractional too)', () => {
  it.each(cases.map((trace) => [label(trace), trace] as const))('%s', (_label, trace) => {
    const schedule = fromOptax(trace.name, kwargsOf(trace));
    const reference = optaxReference(trace.name, kwargsOf(trace));
    const steps = Array.from({ length: 400 }, (_, index) => index * 0.73);
    expectSameValues(
      steps.map((step) => schedule(step)),
      steps.map((step) => reference(step)),
    );
  });
});

describe('fromOptax boundaries and off-by-ones', () => {
  it('piecewise_constant_schedule applies a scale AT its boundary', () => {
    const s = fromOptax('piecewise_constant_schedule', { init_value: 1, boundaries_and_scales: { 100: 0.1, 200: 0.01 } });
    expect([s(99), s(100), s(199), s(200)]).toEqual([1, 0.1, 0.1, 0.1 * 0.01]);
  });

  it('warmup_cosine_decay_schedule counts the warm-up inside decay_steps', () => {
    const s = fromOptax('warmup_cosine_decay_schedule', { init_value: 0, peak_value: 1, warmup_steps: 5, decay_steps: 20 });
    expect([s(0), s(5), s(20), s(25)]).toEqual([0, 1, 0, 0]);
    expect(s(1)).toBeCloseTo(0.2, 15);
    expect(s(12.5)).toBeCloseTo(0.5, 12);
  });

  it('exponential_decay holds init_value until transition_begin and clips at end_value', () => {
    const s = fromOptax('exponential_decay', { init_value: 1, transition_steps: 10, decay_rate: 0.5, transition_begin: 5, end_value: 0.3 });
    expect([s(0), s(5), s(15), s(25), s(100)]).toEqual([1, 1, 0.5, 0.3, 0.3]);
    const grow = fromOptax('exponential_decay', { init_value: 0.1, transition_steps: 1, decay_rate: 2, end_value: 0.5 });
    expect([grow(1), grow(2), grow(3)]).toEqual([0.2, 0.4, 0.5]);
  });

  it('a non-positive transition_steps gives a constant init_value, as optax', () => {
    expect(fromOptax('linear_schedule', { init_value: 1, end_value: 0, transition_steps: 0 })(50)).toBe(1);
    expect(fromOptax('exponential_decay', { init_value: 0.4, transition_steps: -1, decay_rate: 0.5 })(50)).toBe(0.4);
  });

  it('linear_onecycle_schedule has three phases at int(pct * transition_steps)', () => {
    const s = fromOptax('linear_onecycle_schedule', { transition_steps: 100, peak_value: 1 });
    expect([s(0), s(30), s(85)]).toEqual([0.04, 1, 0.04]);
    expect(s(100)).toBeCloseTo(4e-6, 18); // 0.04 * 25 * (1 / 25) * (1 / 1e4): accumulated products, as optax
    expect(s(15)).toBeCloseTo(0.52, 12);
  });

  it('join_schedules restarts each child at 0 at its boundary', () => {
    const s = fromOptax('join_schedules', {
      schedules: [{ name: 'constant_schedule', kwargs: { value: 0.1 } }, fromOptax('linear_schedule', { init_value: 1, end_value: 0, transition_steps: 10 })],
      boundaries: [5],
    });
    expect([s(4), s(5), s(10), s(15)]).toEqual([0.1, 1, 0.5, 0]);
  });
});

describe('fromOptax configs', () => {
  it('round-trips every recorded case through its JSON config', () => {
    for (const trace of cases) {
      const schedule = fromOptax(trace.name, kwargsOf(trace));
      const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(schedule))));
      for (const step of [0, 1, 7, 33.5, 99, 150, 260]) expect(loaded(step)).toBe(schedule(step));
    }
  });

  it('fills in optax defaults', () => {
    expect(toConfig(fromOptax('cosine_decay_schedule', { init_value: 1, decay_steps: 10 }))).toEqual({
      type: 'optax',
      name: 'cosine_decay_schedule',
      kwargs: { init_value: 1, decay_steps: 10, alpha: 0, exponent: 1 },
    });
  });
});

describe('fromOptax errors', () => {
  it('suggests the closest name for an unknown schedule', () => {
    expect(() => fromOptax('cosine_decay_schedul', {})).toThrow(/unknown schedule "cosine_decay_schedul" \(did you mean 'cosine_decay_schedule'\?\)/);
  });

  it('names the function and argument', () => {
    expect(() => fromOptax('cosine_decay_schedule', { init_value: 1, decay_steps: 0 })).toThrow(/requires positive decay_steps; received decay_steps=0/);
    expect(() => fromOptax('linear_schedule', { init_value: 1, end_value: 0 })).toThrow('linear_schedule: `transition_steps` is required; received undefined');
    expect(() => fromOptax('constant_schedule', { valeu: 1 })).toThrow(/unknown option `valeu` \(did you mean `value`\?\)/);
    expect(() => fromOptax('piecewise_constant_schedule', { init_value: 1, boundaries_and_scales: { 10: -1 } })).toThrow(/non-negative scale factors/);
    expect(() => fromOptax('linear_onecycle_schedule', { transition_steps: 0, peak_value: 1 })).toThrow(/non-positive `transition_steps`/);
    expect(() => fromOptax('piecewise_interpolate_schedule', { interpolate_type: 'cubic', init_value: 1 })).toThrow(
      /`interpolate_type` must be one of 'linear', 'cosine'/,
    );
  });
});
