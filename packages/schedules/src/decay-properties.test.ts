import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { exponential } from './exponential.js';
import { inverseSqrt } from './inverse-sqrt.js';
import { inverseTime } from './inverse-time.js';
import { linear } from './linear.js';
import { multiStep } from './multi-step.js';
import { piecewiseConstant } from './piecewise-constant.js';
import { polynomial } from './polynomial.js';
import type { Schedule } from './schedule.js';
import { step } from './step.js';

/**
 * A random valid schedule with the range and direction its config implies.
 * `direction` is 'down' (non-increasing), 'up' (non-decreasing) or 'none' (not monotone).
 */
interface Case {
  readonly schedule: Schedule;
  /** Shown by fast-check in a counterexample. */
  readonly toString?: () => string;
  readonly min: number;
  readonly max: number;
  readonly direction: 'down' | 'up' | 'none';
}

const value = fc.double({ min: 1e-6, max: 10, noNaN: true });
const signedValue = fc.double({ min: -10, max: 10, noNaN: true });
const length = fc.double({ min: 0.25, max: 1000, noNaN: true });
const decayFactor = fc.double({ min: 1e-3, max: 1, noNaN: true });
const sortedSteps = (maxLength: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength }).map((items) => items.sort((a, b) => a - b).map((item) => item / 4));

function direction(from: number, to: number): 'down' | 'up' {
  return from >= to ? 'down' : 'up';
}

const describedCases: Record<string, fc.Arbitrary<Case>> = {
  linear: fc.record({ initialValue: signedValue, finalValue: signedValue, totalSteps: length }).map((options) => ({
    schedule: linear(options),
    min: Math.min(options.initialValue, options.finalValue),
    max: Math.max(options.initialValue, options.finalValue),
    direction: direction(options.initialValue, options.finalValue),
  })),
  polynomial: fc
    .record({
      initialValue: signedValue,
      finalValue: signedValue,
      decaySteps: length,
      power: fc.double({ min: 0.1, max: 5, noNaN: true }),
      cycle: fc.boolean(),
    })
    .map((options) => ({
      schedule: polynomial(options),
      min: Math.min(options.initialValue, options.finalValue),
      max: Math.max(options.initialValue, options.finalValue),
      direction: options.cycle ? 'none' : direction(options.initialValue, options.finalValue),
    })),
  step: fc
    .record({ initialValue: value, periodSteps: fc.integer({ min: 1, max: 500 }), factor: decayFactor })
    .map((options) => ({ schedule: step(options), min: 0, max: options.initialValue, direction: 'down' })),
  'multi-step': fc.record({ initialValue: value, boundaries: sortedSteps(8), factor: decayFactor }).map((options) => ({
    schedule: multiStep(options),
    min: options.initialValue * options.factor ** options.boundaries.length,
    max: options.initialValue,
    direction: 'down',
  })),
  'piecewise-constant': sortedSteps(8)
    .chain((boundaries) =>
      fc.record({
        boundaries: fc.constant(boundaries),
        values: fc.array(signedValue, { minLength: boundaries.length + 1, maxLength: boundaries.length + 1 }),
      }),
    )
    .map((options) => ({
      schedule: piecewiseConstant(options),
      min: Math.min(...options.values),
      max: Math.max(...options.values),
      direction: 'none',
    })),
  'exponential (decaying)': fc
    .record(
      {
        initialValue: value,
        decayRate: fc.double({ min: 1e-3, max: 1, maxExcluded: true, noNaN: true }),
        decaySteps: length,
        staircase: fc.boolean(),
        transitionBegin: fc.double({ min: 0, max: 1000, noNaN: true }),
        finalValue: value,
      },
      { requiredKeys: ['initialValue', 'decayRate'] },
    )
    .map((options) => ({
      schedule: exponential(options),
      min: options.finalValue ?? 0,
      max: Math.max(options.initialValue, options.finalValue ?? 0),
      direction: 'down',
    })),
  'exponential (growing, capped)': fc
    .record({
      initialValue: value,
      decayRate: fc.double({ min: 1, max: 3, noNaN: true }),
      decaySteps: length,
      staircase: fc.boolean(),
      transitionBegin: fc.double({ min: 0, max: 1000, noNaN: true }),
      finalValue: value,
    })
    .map((options) => ({
      schedule: exponential(options),
      min: Math.min(options.initialValue, options.finalValue),
      max: options.finalValue,
      direction: 'up',
    })),
  'inverse-time': fc
    .record(
      {
        initialValue: value,
        decayRate: fc.double({ min: 0, max: 10, noNaN: true }),
        decaySteps: length,
        staircase: fc.boolean(),
      },
      { requiredKeys: ['initialValue', 'decayRate'] },
    )
    .map((options) => ({ schedule: inverseTime(options), min: 0, max: options.initialValue, direction: 'down' })),
  'inverse-sqrt': fc
    .record({ initialValue: value, timescale: length }, { requiredKeys: ['initialValue'] })
    .map((options) => ({ schedule: inverseSqrt(options), min: 0, max: options.initialValue, direction: 'down' })),
};

/** The cases, each printing its config in a counterexample. */
const cases: Record<string, fc.Arbitrary<Case>> = Object.fromEntries(
  Object.entries(describedCases).map(([name, arbitrary]) => [
    name,
    arbitrary.map((item) => ({ ...item, toString: () => JSON.stringify(item.schedule.config) })),
  ]),
);

/** Steps: integers (which hit integer boundaries exactly), fractions, and far past any horizon. */
const stepArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 12_000 }),
  fc.double({ min: 0, max: 12_000, noNaN: true }),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
);
const stepList = fc.array(stepArbitrary, { minLength: 1, maxLength: 40 });

/** Rounding allowance: 1e-12 of the range's magnitude. */
function tolerance(item: Case): number {
  return 1e-12 * Math.max(Math.abs(item.min), Math.abs(item.max), Number.MIN_VALUE);
}

for (const [name, arbitrary] of Object.entries(cases)) {
  describe(`${name} properties`, () => {
    test.prop([arbitrary, stepList])('values are finite and within the range its config implies', (item, steps) => {
      for (const t of steps) {
        const result = item.schedule(t);
        expect(Number.isFinite(result)).toBe(true);
        expect(result).toBeGreaterThanOrEqual(item.min - tolerance(item));
        expect(result).toBeLessThanOrEqual(item.max + tolerance(item));
      }
    });

    test.prop([arbitrary, stepList])('is monotone where documented', (item, steps) => {
      const sorted = [...steps].sort((a, b) => a - b);
      for (let index = 1; index < sorted.length; index += 1) {
        const before = item.schedule(sorted[index - 1] as number);
        const after = item.schedule(sorted[index] as number);
        if (item.direction === 'down') expect(after).toBeLessThanOrEqual(before + tolerance(item));
        if (item.direction === 'up') expect(after).toBeGreaterThanOrEqual(before - tolerance(item));
      }
    });

    test.prop([arbitrary, stepList])('fromConfig(toConfig(s)) evaluates exactly like s', (item, steps) => {
      const loaded = fromConfig(toConfig(item.schedule));
      expect(toConfig(loaded)).toEqual(toConfig(item.schedule));
      for (const t of steps) expect(Object.is(loaded(t), item.schedule(t))).toBe(true);
    });

    // JSON turns -0 into 0, so after a trip through JSON text values are compared with ===.
    test.prop([arbitrary, stepList])('a config sent through JSON text evaluates like s', (item, steps) => {
      const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(item.schedule))));
      for (const t of steps) expect(loaded(t) === item.schedule(t)).toBe(true);
    });

    const stepsAndPermutation = stepList.chain((steps) => fc.tuple(fc.constant(steps), fc.shuffledSubarray(steps, { minLength: steps.length })));
    test.prop([arbitrary, stepsAndPermutation])('evaluation in random order equals sequential evaluation', (item, [steps, shuffled]) => {
      const ascending = [...steps].sort((a, b) => a - b);
      const sequential = new Map(ascending.map((t) => [t, item.schedule(t)]));
      for (const t of shuffled) expect(Object.is(item.schedule(t), sequential.get(t))).toBe(true);
    });
  });
}
