/**
 * The one seeded pseudo-random generator of lrkit (mulberry32), shared by the packages, the
 * examples and the tests that need reproducible shuffles and random cases: the LR finder's
 * shuffled batches, the examples' data splits and epoch orders, the backends' kernel tests.
 *
 * Internal to lrkit (`@lrkit/schedules/seeded-random`): not public API, left out of the API
 * reference, and may change in any release.
 *
 * @packageDocumentation
 * @internal
 */

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence
 * on every machine and JavaScript engine, so shuffles, splits and random test cases are
 * reproducible.
 *
 * @param seed - any number; only the low 32 bits of its integer part are used.
 * @returns a function returning numbers uniformly distributed in [0, 1), multiples of 2^-32.
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // 0.6011037519201636, for seed 42 on every machine
 * ```
 * @internal
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
