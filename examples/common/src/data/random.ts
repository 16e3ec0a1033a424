import { seededRandom } from '@lrkit/schedules/seeded-random';

/** lrkit's one seeded generator (mulberry32), re-exported for the examples. */
export { seededRandom };

/**
 * A seeded random permutation of `0 … count - 1` (Fisher–Yates).
 *
 * @param count - how many indices (an integer >= 0).
 * @param seed - the shuffle seed; the same seed gives the same permutation.
 * @returns the permuted indices.
 * @example
 * ```ts
 * permutation(5, 1); // e.g. Int32Array [3, 0, 4, 1, 2], always the same for seed 1
 * ```
 */
export function permutation(count: number, seed: number): Int32Array {
  const indices = new Int32Array(count);
  for (let index = 0; index < count; index += 1) indices[index] = index;
  const next = seededRandom(seed);
  for (let index = count - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    const value = indices[index] as number;
    indices[index] = indices[other] as number;
    indices[other] = value;
  }
  return indices;
}
