/** TEST SUPPORT ONLY: relative comparison of two sequences of values. */
import { expect } from 'vitest';

/**
 * The largest relative difference `|a - b| / max(|a|, |b|)` over the two sequences.
 * Differences below `1e-15` times the largest expected magnitude are float noise and count
 * as 0 (PyTorch's recursion can leave 1e-20 where the closed form gives exactly 0).
 */
export function maxRelativeError(actual: readonly number[], expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  const floor = 1e-15 * Math.max(...expected.map((value) => Math.abs(value)));
  let worst = 0;
  expected.forEach((value, index) => {
    const got = actual[index] as number;
    const difference = Math.abs(got - value);
    if (Number.isNaN(difference)) worst = Infinity;
    if (!(difference > floor)) return;
    worst = Math.max(worst, difference / Math.max(Math.abs(value), Math.abs(got)));
  });
  return worst;
}

/** Asserts the two sequences agree to 1e-9 relative (see {@link maxRelativeError} for the noise floor). */
export function expectSameValues(actual: readonly number[], expected: readonly number[]): void {
  expect(maxRelativeError(actual, expected)).toBeLessThan(1e-9);
}

/** `schedule(0 .. steps)`. */
export function sample(schedule: (step: number) => number, steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, step) => schedule(step));
}
