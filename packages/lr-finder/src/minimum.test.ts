import { describe, expect, it } from 'vitest';
import { minimumIndex } from './minimum.js';

describe('minimumIndex', () => {
  it('picks the lowest loss', () => {
    expect(minimumIndex([3, 1, 2])).toBe(1);
  });

  it('picks the first of equal minima', () => {
    expect(minimumIndex([3, 1, 1, 2])).toBe(1);
  });

  it('is undefined for an empty curve', () => {
    expect(minimumIndex([])).toBeUndefined();
  });
});
