import { describe, expect, it } from 'vitest';
import { constant } from '../constant.js';
import { cosine } from '../cosine.js';
import { exponential } from '../exponential.js';
import { join } from '../join.js';
import { linear } from '../linear.js';
import { piecewiseConstant } from '../piecewise-constant.js';
import { piecewiseInterpolate } from '../piecewise-interpolate.js';
import { polynomial } from '../polynomial.js';
import type { Schedule } from '../schedule.js';
import { tanhDecay } from '../tanh.js';
import { fromOptax } from './optax.js';
import { maxRelativeError } from './reference/compare.js';
import { optaxReference } from './reference/optax.js';
import { toOptax } from './to-optax.js';

const natives: Array<[string, Schedule]> = [
  ['constant', constant({ value: 0.3 })],
  ['cosine', cosine({ initialValue: 0.5, decaySteps: 70, finalValue: 0.05, exponent: 2 })],
  ['linear', linear({ initialValue: 1, finalValue: 0.1, totalSteps: 40 })],
  ['polynomial', polynomial({ initialValue: 1, finalValue: 0.01, decaySteps: 50, power: 2 })],
  ['exponential', exponential({ initialValue: 1, decayRate: 0.5, decaySteps: 7, staircase: true, transitionBegin: 3, finalValue: 0.05 })],
  ['piecewise-constant', piecewiseConstant({ boundaries: [10, 30], values: [1, 0.5, 0.25] })],
  ['piecewise-interpolate', piecewiseInterpolate({ boundaries: [0, 30, 85, 100], values: [0.04, 1, 0.04, 4e-6] })],
  ['piecewise-interpolate from step 5', piecewiseInterpolate({ boundaries: [5, 20], values: [2, 1], interpolation: 'cosine' })],
  ['join', join({ schedules: [linear({ initialValue: 0, finalValue: 1, totalSteps: 10 }), cosine({ initialValue: 1, decaySteps: 50 })], boundaries: [10] })],
];

describe('toOptax', () => {
  it.each(natives)('%s: the optax call evaluates like the schedule (the port of optax, steps 0..150)', (_name, schedule) => {
    const { name, kwargs } = toOptax(schedule);
    const reference = optaxReference(name, kwargs as Record<string, unknown>);
    const steps = Array.from({ length: 151 }, (_, step) => step);
    expect(
      maxRelativeError(
        steps.map((step) => reference(step)),
        steps.map((step) => schedule(step)),
      ),
    ).toBeLessThan(1e-12);
    const preset = fromOptax(name, kwargs);
    expect(
      maxRelativeError(
        steps.map((step) => preset(step)),
        steps.map((step) => schedule(step)),
      ),
    ).toBeLessThan(1e-12);
  });

  it('gives a fromOptax schedule its own call back', () => {
    const kwargs = { transition_steps: 100, peak_value: 1, pct_start: 0.3, pct_final: 0.85, div_factor: 25, final_div_factor: 1e4 };
    expect(toOptax(fromOptax('linear_onecycle_schedule', kwargs))).toEqual({ name: 'linear_onecycle_schedule', kwargs });
  });

  it('writes the documented one-cycle scales', () => {
    const { name, kwargs } = toOptax(piecewiseInterpolate({ boundaries: [0, 30, 85, 100], values: [0.04, 1, 0.04, 4e-6] }));
    expect([name, kwargs.interpolate_type, kwargs.init_value]).toEqual(['piecewise_interpolate_schedule', 'linear', 0.04]);
    const scales = kwargs.boundaries_and_scales as Record<string, number>;
    expect(Object.keys(scales)).toEqual(['30', '85', '100']);
    expect([scales[30], scales[85]]).toEqual([25, 0.04]);
    expect(0.04 * scales[30]! * scales[85]! * scales[100]!).toBe(4e-6); // the product gives the value back bit for bit
  });

  it('gives the cosine floor as the fraction alpha = finalValue / initialValue', () => {
    expect(toOptax(cosine({ initialValue: 0.5, decaySteps: 10, finalValue: 0.05 })).kwargs).toEqual({
      init_value: 0.5,
      decay_steps: 10,
      alpha: 0.1,
      exponent: 1,
    });
    expect(() => toOptax(cosine({ initialValue: 0, decaySteps: 10, finalValue: 0.1 }))).toThrow(
      /^toOptax: a 'cosine' schedule has no exact optax equivalent: optax gives the final value as a fraction alpha of init_value, and initialValue is 0/,
    );
  });

  it('says why when no exact equivalent exists', () => {
    expect(() => toOptax(tanhDecay({ initialValue: 1, decaySteps: 10 }))).toThrow("toOptax: a 'tanh' schedule has no exact optax equivalent");
    expect(() => toOptax(polynomial({ initialValue: 1, decaySteps: 10, cycle: true }))).toThrow(/no cycling polynomial/);
    expect(() => toOptax(piecewiseInterpolate({ boundaries: [0, 2.5], values: [1, 2] }))).toThrow(/integer steps; received 2.5/);
    expect(() => toOptax(piecewiseConstant({ boundaries: [3], values: [0.1, 1.7] }))).toThrow(/not reached exactly/);
  });
});
