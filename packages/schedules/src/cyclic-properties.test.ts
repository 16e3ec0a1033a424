import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { clamp } from './clamp.js';
import { fromConfig, toConfig } from './config.js';
import { cosine } from './cosine.js';
import { cosineRestarts } from './cosine-restarts.js';
import { cyclic } from './cyclic.js';
import { join } from './join.js';
import { multiply } from './multiply.js';
import { offset } from './offset.js';
import { oneCycle } from './one-cycle.js';
import type { Schedule } from './schedule.js';
import { warmup } from './warmup.js';
import { warmupStableDecay } from './warmup-stable-decay.js';

/** A random valid schedule with the bounds its config documents. */
interface Case {
  readonly schedule: Schedule;
  readonly low: number;
  readonly high: number;
  /** Steps where the schedule reaches its extremes or changes phase. */
  readonly keySteps: readonly number[];
}

/**
 * A number spread evenly over [min, max] (fc.double spreads over the bit patterns, which
 * puts almost every sample next to 0), with the ends themselves drawn now and then.
 */
const between = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(min, max), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30), weight: 6 },
  );

const value = between(1e-4, 10);
const fraction = between(0, 1);
const length = between(0.5, 500);
const steps = fc.array(between(0, 5000), { minLength: 1, maxLength: 30 });
// Rounding of a few ulps in the closed forms is allowed at the bounds.
const slack = (x: number): number => 1e-12 * Math.max(1, Math.abs(x));

const cosineCase = fc.record({ initialValue: value, decaySteps: length, floorFraction: fraction }).map(
  ({ initialValue, decaySteps, floorFraction }): Case => ({
    schedule: cosine({ initialValue, decaySteps, finalValue: initialValue * floorFraction }),
    low: initialValue * floorFraction,
    high: initialValue,
    keySteps: [0, decaySteps / 2, decaySteps],
  }),
);

const cosineRestartsCase = fc
  .record({
    initialValue: value,
    periodSteps: length,
    periodMultiplier: between(1, 4),
    peakMultiplier: between(0.05, 1),
    floorFraction: fraction,
    cycleLimit: fc.nat({ max: 5 }),
  })
  .map(
    ({ floorFraction, ...options }): Case => ({
      schedule: cosineRestarts({ ...options, finalValue: options.initialValue * floorFraction }),
      low: options.initialValue * floorFraction,
      high: options.initialValue,
      keySteps: [0, options.periodSteps, options.periodSteps * (1 + options.periodMultiplier)],
    }),
  );

const cyclicCase = fc
  .record({
    initialValue: value,
    height: between(0, 10),
    riseSteps: length,
    fallSteps: length,
    mode: fc.constantFrom('triangular', 'triangular2', 'exp-range' as const),
    gamma: between(0.9, 1),
    momentum: fc.option(fc.tuple(fraction, fraction), { nil: undefined }),
  })
  .map(
    ({ initialValue, height, momentum, ...rest }): Case => ({
      schedule: cyclic({
        initialValue,
        peakValue: initialValue + height,
        ...rest,
        ...(momentum === undefined ? {} : { minMomentum: Math.min(...momentum), maxMomentum: Math.max(...momentum) }),
      }),
      low: initialValue,
      high: initialValue + height,
      keySteps: [0, rest.riseSteps, rest.riseSteps + rest.fallSteps, 2 * rest.riseSteps + rest.fallSteps],
    }),
  );

const oneCycleCase = fc
  .record({
    peakValue: value,
    totalSteps: fc.integer({ min: 1, max: 5000 }),
    warmupFraction: between(0.01, 0.49),
    annealing: fc.constantFrom('cos', 'linear' as const),
    initialDivisor: between(1, 100),
    finalDivisor: between(1, 1e5),
    threePhase: fc.boolean(),
  })
  .map(
    (options): Case => ({
      schedule: oneCycle(options),
      low: options.peakValue / options.initialDivisor / options.finalDivisor,
      high: options.peakValue,
      keySteps: [0, options.warmupFraction * options.totalSteps, 2 * options.warmupFraction * options.totalSteps, options.totalSteps],
    }),
  );

const warmupCase = fc
  .record({
    inner: cosineCase,
    warmupSteps: between(0, 200),
    start: between(0.01, 1),
    shape: fc.constantFrom('linear', 'cosine', 'exponential' as const),
  })
  .map(({ inner, warmupSteps, start, shape }): Case => {
    const initialValue = start * inner.schedule(0);
    return {
      schedule: warmup({ schedule: inner.schedule, warmupSteps, initialValue, shape }),
      low: Math.min(initialValue, inner.low),
      high: inner.high,
      keySteps: [0, ...inner.keySteps.map((step) => step + warmupSteps)],
    };
  });

const warmupStableDecayCase = fc
  .record({
    peakValue: value,
    warmupSteps: between(0, 200),
    stableSteps: between(0, 200),
    decaySteps: length,
    initial: fraction,
    final: fraction,
    decayShape: fc.constantFrom('linear', 'cosine', 'sqrt' as const),
  })
  .map(({ initial, final, ...options }): Case => {
    const initialValue = initial * options.peakValue;
    const finalValue = final * options.peakValue;
    return {
      schedule: warmupStableDecay({ ...options, initialValue, finalValue }),
      low: Math.min(initialValue, finalValue),
      high: options.peakValue,
      keySteps: [0, options.warmupSteps, options.warmupSteps + options.stableSteps, options.warmupSteps + options.stableSteps + options.decaySteps],
    };
  });

const leafCase = fc.oneof(cosineCase, cosineRestartsCase, cyclicCase, oneCycleCase, warmupStableDecayCase);

const joinCase = fc.tuple(fc.array(leafCase, { minLength: 2, maxLength: 4 }), fc.array(length, { minLength: 3, maxLength: 3 })).map(([parts, gaps]): Case => {
  let boundary = 0;
  const boundaries = parts.slice(1).map((_, index) => (boundary += gaps[index] ?? 1));
  return {
    schedule: join({ schedules: parts.map((part) => part.schedule), boundaries }),
    low: Math.min(...parts.map((part) => part.low)),
    high: Math.max(...parts.map((part) => part.high)),
    keySteps: parts.flatMap((part, index) => part.keySteps.map((step) => step + (index === 0 ? 0 : (boundaries[index - 1] as number)))),
  };
});

const multiplyCase = fc.array(leafCase, { minLength: 1, maxLength: 3 }).map(
  (parts): Case => ({
    schedule: multiply({ schedules: parts.map((part) => part.schedule) }),
    // Every leaf is >= 0, so the product lies between the products of the bounds.
    low: parts.reduce((product, part) => product * part.low, 1),
    high: parts.reduce((product, part) => product * part.high, 1),
    keySteps: parts.flatMap((part) => part.keySteps),
  }),
);

const clampCase = fc.tuple(leafCase, fraction, fraction).map(([inner, a, b]): Case => {
  const minValue = inner.low + (inner.high - inner.low) * Math.min(a, b);
  const maxValue = inner.low + (inner.high - inner.low) * Math.max(a, b);
  return {
    schedule: clamp({ schedule: inner.schedule, minValue, maxValue }),
    low: minValue,
    high: maxValue,
    keySteps: inner.keySteps,
  };
});

const offsetCase = fc.tuple(leafCase, between(0, 300)).map(
  ([inner, delay]): Case => ({
    ...inner,
    schedule: offset({ schedule: inner.schedule, delaySteps: delay }),
    keySteps: [0, ...inner.keySteps.map((step) => step + delay)],
  }),
);

const nestedCase = fc.tuple(joinCase, between(0, 100)).map(
  ([inner, warmupSteps]): Case => ({
    schedule: warmup({ schedule: inner.schedule, warmupSteps }),
    low: Math.min(0, inner.low),
    high: inner.high,
    keySteps: [0, ...inner.keySteps.map((step) => step + warmupSteps)],
  }),
);

const anyCase = fc.oneof(leafCase, warmupCase, joinCase, multiplyCase, clampCase, offsetCase, nestedCase);

const within = (actual: number, low: number, high: number): void => {
  expect(actual).toBeGreaterThanOrEqual(low - slack(low));
  expect(actual).toBeLessThanOrEqual(high + slack(high));
};

describe('cyclic, restarts, warm-up and composition properties', () => {
  test.prop([anyCase, steps])('values are finite', ({ schedule }, points) => {
    for (const step of points) expect(Number.isFinite(schedule(step))).toBe(true);
  });

  test.prop([anyCase, steps])('values stay within the bounds the config documents', ({ schedule, low, high, keySteps }, points) => {
    for (const step of [...points, ...keySteps]) within(schedule(step), low, high);
  });

  test.prop([fc.oneof(cyclicCase, oneCycleCase), steps])('paired momentum stays within its bounds', ({ schedule }, points) => {
    const config = schedule.config as unknown as { minMomentum?: number; maxMomentum?: number };
    if (schedule.momentum === undefined || config.minMomentum === undefined || config.maxMomentum === undefined) return;
    for (const step of points) within(schedule.momentum(step), config.minMomentum, config.maxMomentum);
  });

  test.prop([anyCase, steps])('fromConfig(toConfig(s)) evaluates like s', ({ schedule }, points) => {
    const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(schedule))));
    for (const step of points) {
      expect(loaded(step)).toBe(schedule(step));
      expect(loaded.momentum?.(step)).toBe(schedule.momentum?.(step));
    }
  });

  test.prop([anyCase, steps, fc.integer()])('random-order evaluation equals sequential', ({ schedule }, points, seed) => {
    const sorted = [...points].sort((a, b) => a - b);
    const sequential = new Map(sorted.map((step) => [step, schedule(step)]));
    const shuffled = [...points];
    let state = seed >>> 0;
    for (let index = shuffled.length - 1; index > 0; index -= 1) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const other = state % (index + 1);
      [shuffled[index], shuffled[other]] = [shuffled[other] as number, shuffled[index] as number];
    }
    for (const step of shuffled) expect(schedule(step)).toBe(sequential.get(step));
  });

  const nonDecreasing = (schedule: Schedule, from: number, to: number, points: number[]): void => {
    const inside = points.map((p) => from + (to - from) * p).sort((a, b) => a - b);
    for (let index = 1; index < inside.length; index += 1) {
      const before = schedule(inside[index - 1] as number);
      expect(schedule(inside[index] as number)).toBeGreaterThanOrEqual(before - slack(before));
    }
  };
  const nonIncreasing = (schedule: Schedule, from: number, to: number, points: number[]): void => {
    const inside = points.map((p) => from + (to - from) * p).sort((a, b) => a - b);
    for (let index = 1; index < inside.length; index += 1) {
      const before = schedule(inside[index - 1] as number);
      expect(schedule(inside[index] as number)).toBeLessThanOrEqual(before + slack(before));
    }
  };
  const unitPoints = fc.array(fraction, { minLength: 2, maxLength: 20 });

  test.prop([warmupCase, unitPoints])('the warm-up phase is non-decreasing', ({ schedule }, points) => {
    const { warmupSteps } = schedule.config as unknown as { warmupSteps: number };
    nonDecreasing(schedule, 0, warmupSteps, points);
  });

  test.prop([oneCycleCase, unitPoints])('one-cycle rises to the peak, then anneals non-increasingly', ({ schedule }, points) => {
    const { warmupFraction, totalSteps, threePhase } = schedule.config as unknown as {
      warmupFraction: number;
      totalSteps: number;
      threePhase: boolean;
    };
    const peak = warmupFraction * totalSteps;
    nonDecreasing(schedule, 0, peak, points);
    if (threePhase) nonIncreasing(schedule, peak, 2 * peak, points);
    else nonIncreasing(schedule, peak, totalSteps + 100, points);
  });

  test.prop([cosineRestartsCase, unitPoints])('cosine restarts anneal non-increasingly inside the first period', ({ schedule }, points) => {
    const { periodSteps } = schedule.config as unknown as { periodSteps: number };
    nonIncreasing(schedule, 0, periodSteps * (1 - 1e-9), points);
  });

  test.prop([warmupStableDecayCase, unitPoints])('warm-up–stable–decay rises during the warm-up and never rises after it', ({ schedule }, points) => {
    const { warmupSteps, stableSteps, decaySteps } = schedule.config as unknown as Record<string, number>;
    nonDecreasing(schedule, 0, warmupSteps as number, points);
    nonIncreasing(schedule, warmupSteps as number, (warmupSteps as number) + (stableSteps as number) + (decaySteps as number) * 2, points);
  });
});
