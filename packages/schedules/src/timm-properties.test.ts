import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { annealingCycles } from './annealing-cycles.js';
import { fromConfig, toConfig } from './config.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { noise } from './noise.js';
import { overlappingWarmup } from './overlapping-warmup.js';
import { piecewiseInterpolate } from './piecewise-interpolate.js';
import type { Schedule } from './schedule.js';
import { tanhDecay } from './tanh.js';

/** A random valid schedule with the bounds its documentation promises. */
interface Case {
  readonly schedule: Schedule;
  readonly min: number;
  readonly max: number;
}

const value = fc.double({ min: 1e-6, max: 10, noNaN: true });
const length = fc.double({ min: 0.5, max: 1000, noNaN: true });
const stepArbitrary = fc.double({ min: 0, max: 20_000, noNaN: true });

const cases: Record<string, fc.Arbitrary<Case>> = {
  tanh: fc
    .record({
      initialValue: value,
      finalValue: value,
      decaySteps: length,
      lowerBound: fc.double({ min: -10, max: 0, noNaN: true }),
      upperBound: fc.double({ min: 0.5, max: 10, noNaN: true }),
    })
    .map((options) => ({
      schedule: tanhDecay(options),
      min: Math.min(options.initialValue, options.finalValue),
      max: Math.max(options.initialValue, options.finalValue),
    })),
  'annealing-cycles': fc
    .record({
      shape: fc.constantFrom('cosine' as const, 'tanh' as const, 'polynomial' as const),
      initialValue: value,
      finalValue: fc.double({ min: 0, max: 1e-6, noNaN: true }),
      periodSteps: length,
      periodMultiplier: fc.double({ min: 0.3, max: 3, noNaN: true }),
      peakMultiplier: fc.double({ min: 0.01, max: 1, noNaN: true }),
      cycleLimit: fc.integer({ min: 0, max: 20 }),
      kDecay: fc.double({ min: 0.2, max: 4, noNaN: true }),
      power: fc.double({ min: 0.2, max: 4, noNaN: true }),
    })
    // A cycle's value lies between its peak and finalValue; the lowest peak is the last cycle's (timm's lr_max).
    .map((options) => ({
      schedule: annealingCycles(options),
      min: Math.min(options.finalValue, options.initialValue * options.peakMultiplier ** Math.max(0, options.cycleLimit - 1)),
      max: Math.max(options.initialValue, options.finalValue),
    })),
  'overlapping-warmup': fc
    .record({ initialValue: value, peak: value, decaySteps: length, warmupSteps: length, target: fc.constantFrom('start' as const, 'end' as const) })
    .map(({ initialValue, peak, decaySteps, warmupSteps, target }) => ({
      schedule: overlappingWarmup({ schedule: cosine({ initialValue: peak, decaySteps }), warmupSteps, initialValue, target }),
      min: 0,
      max: Math.max(initialValue, peak),
    })),
  noise: fc
    .record({
      base: value,
      start: fc.double({ min: 0, max: 1000, noNaN: true }),
      span: fc.option(length, { nil: null }),
      limit: fc.double({ min: 0.01, max: 1.5, noNaN: true }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
    })
    .map(({ base, start, span, limit, seed }) => ({
      schedule: noise({ schedule: constant({ value: base }), start, end: span === null ? null : start + span, limit, seed }),
      min: base * (1 - limit),
      max: base * (1 + limit),
    })),
  'piecewise-interpolate': fc
    .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 })
    .chain((steps) =>
      fc.record({
        boundaries: fc.constant([...steps].sort((a, b) => a - b)),
        values: fc.array(value, { minLength: steps.length, maxLength: steps.length }),
        interpolation: fc.constantFrom('linear' as const, 'cosine' as const),
      }),
    )
    .map((options) => ({ schedule: piecewiseInterpolate(options), min: Math.min(...options.values), max: Math.max(...options.values) })),
};

describe.each(Object.entries(cases))('%s (property)', (_name, arbitrary) => {
  test.prop([arbitrary, fc.array(stepArbitrary, { minLength: 1, maxLength: 30 })])(
    'is finite and within its documented bounds at any step',
    ({ schedule, min, max }, steps) => {
      for (const step of steps) {
        const result = schedule(step);
        expect(Number.isFinite(result)).toBe(true);
        const slack = 1e-12 * Math.max(Math.abs(min), Math.abs(max));
        expect(result).toBeGreaterThanOrEqual(min - slack);
        expect(result).toBeLessThanOrEqual(max + slack);
      }
    },
  );

  test.prop([arbitrary, fc.array(stepArbitrary, { minLength: 1, maxLength: 30 })])(
    'round-trips through its JSON config and is pure in the step',
    ({ schedule }, steps) => {
      const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(schedule))));
      const forward = steps.map((step) => schedule(step));
      expect(steps.map((step) => loaded(step))).toEqual(forward);
      expect(
        [...steps]
          .reverse()
          .map((step) => schedule(step))
          .reverse(),
      ).toEqual(forward);
    },
  );
});
