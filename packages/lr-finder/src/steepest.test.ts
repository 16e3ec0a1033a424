import { describe, expect, it } from 'vitest';
import { steepestIndex } from './steepest.js';

describe('steepestIndex', () => {
  it('picks the most negative forward difference per unit of ln(lr)', () => {
    const picked = steepestIndex([1e-3, 1e-2, 1e-1, 1], [2, 1.9, 1.0, 0.9]);
    expect(picked?.index).toBe(1);
    expect(picked?.gradient).toBeCloseTo(-0.9 / Math.log(10), 12);
  });

  it('on a linear sweep the gradient is taken in ln(lr), not in lr', () => {
    // Differences per unit of lr: -1, -1.2; per unit of ln(lr): -1/ln 2, -1.2/ln 1.5.
    const picked = steepestIndex([1, 2, 3], [5, 4, 2.8]);
    expect(picked?.index).toBe(1);
    expect(picked?.gradient).toBeCloseTo(-1.2 / Math.log(1.5), 12);
  });

  it('needs two points', () => {
    expect(steepestIndex([1], [1])).toBeUndefined();
  });
});
