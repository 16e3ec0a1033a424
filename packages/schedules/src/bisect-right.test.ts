import { describe, expect, it } from 'vitest';
import { bisectRight } from './bisect-right.js';

describe('bisectRight', () => {
  it('counts the sorted entries <= value, as Python bisect_right', () => {
    expect([-1, 0, 10, 15, 30, 31].map((value) => bisectRight([0, 10, 10, 30], value))).toEqual([0, 1, 3, 3, 4, 4]);
  });

  it('is 0 for an empty array and reads typed arrays', () => {
    expect(bisectRight([], 5)).toBe(0);
    expect([0.5, 1, 1.5, 2, 2.5].map((value) => bisectRight(Float64Array.from([1, 2]), value))).toEqual([0, 1, 1, 2, 2]);
  });

  it('agrees with a linear count over random sorted arrays', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 200; trial += 1) {
      const sorted = Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 20)).sort((a, b) => a - b);
      const value = Math.floor(next() * 24) - 2;
      expect(bisectRight(sorted, value)).toBe(sorted.filter((entry) => entry <= value).length);
    }
  });
});
