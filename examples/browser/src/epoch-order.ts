import { seededRandom } from '@lrkit/schedules/seeded-random';

/**
 * The order of the training examples in one epoch: a Fisher–Yates shuffle driven by a
 * small deterministic generator (mulberry32, `seededRandom` from `@lrkit/schedules/seeded-random`) seeded with `seed` and the epoch, so a run
 * that is stopped and resumed sees the rest of the same epoch, in the same order.
 *
 * @param count - number of training examples.
 * @param seed - the run's seed (an integer).
 * @param epoch - the epoch index (0-based).
 * @returns a permutation of `0 … count - 1`.
 * @example
 * ```ts
 * epochOrder(5, 1, 0); // the same permutation of [0, 1, 2, 3, 4] every time
 * ```
 */
export function epochOrder(count: number, seed: number, epoch: number): Int32Array {
  const order = new Int32Array(count);
  for (let index = 0; index < count; index += 1) order[index] = index;
  const random = seededRandom((Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0);
  for (let index = count - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const value = order[index]!;
    order[index] = order[other]!;
    order[other] = value;
  }
  return order;
}

/** Batches in one epoch of `count` examples (the last batch may be smaller). */
export function batchesPerEpoch(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}
