/** TEST SUPPORT ONLY: relative comparison of two sequences of values. */
import { expect } from 'vitest';

/** The largest relative difference, with differences below `floor` counted as 0. */
export function maxRelativeError(actual: readonly number[], expected: readonly number[], floor = 1e-15): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  expected.forEach((value, index) => {
    const got = actual[index] as number;
    const difference = Math.abs(got - value);
    if (difference <= floor) return;
    worst = Math.max(worst, difference / Math.max(Math.abs(value), Math.abs(got)));
  });
  return worst;
}

/** Asserts the two sequences agree to 1e-9 relative (absolute differences below 1e-15 ignored). */
export function expectSameValues(actual: readonly number[], expected: readonly number[]): void {
  expect(maxRelativeError(actual, expected)).toBeLessThan(1e-9);
}

/** `schedule(0 .. steps)`. */
export function sample(schedule: (step: number) => number, steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, step) => schedule(step));
}
