/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same
 * sequence on every machine, so shuffles and splits are reproducible.
 *
 * @param seed - any integer; only its low 32 bits are used.
 * @returns a function returning numbers uniformly distributed in [0, 1).
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // always the same first number for seed 42
 * ```
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
