import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

/** The first values of mulberry32 for a seed, as published implementations give them. */
function firstValues(seed: number, count: number): number[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => next());
}

describe('seededRandom (mulberry32)', () => {
  it('gives the mulberry32 sequence for seeds 42, 0 and -1', () => {
    expect(firstValues(42, 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    expect(firstValues(0, 2)).toEqual([0.26642920868471265, 0.0003297457005828619]);
    expect(firstValues(-1, 2)).toEqual([0.8964226141106337, 0.189478256739676]);
  });

  it('uses only the low 32 bits of the integer part of the seed', () => {
    expect(firstValues(2 ** 32 + 7.9, 4)).toEqual(firstValues(7, 4));
  });

  it('returns multiples of 2^-32 in [0, 1)', () => {
    const values = firstValues(5, 10_000);
    expect(values.every((value) => value >= 0 && value < 1 && Number.isInteger(value * 4294967296))).toBe(true);
  });
});
