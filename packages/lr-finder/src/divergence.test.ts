import { describe, expect, it } from 'vitest';
import { createDivergenceCheck } from './divergence.js';

describe('createDivergenceCheck', () => {
  it('stops when the smoothed loss exceeds the threshold times the best', () => {
    const check = createDivergenceCheck(4);
    expect(check.update(2, 2)).toEqual({ best: 2 });
    expect(check.update(1, 1)).toEqual({ best: 1 });
    expect(check.update(4, 4)).toEqual({ best: 1 });
    expect(check.update(9, 4.5)).toEqual({ best: 1, stop: 'diverged' });
  });

  it('exactly the threshold times the best does not stop', () => {
    const check = createDivergenceCheck(5);
    check.update(1, 1);
    expect(check.update(5, 5).stop).toBeUndefined();
  });

  it('a NaN raw loss stops as non-finite', () => {
    const check = createDivergenceCheck();
    check.update(1, 1);
    expect(check.update(NaN, 1)).toEqual({ best: 1, stop: 'non-finite' });
  });

  it('an infinite smoothed loss stops as non-finite', () => {
    expect(createDivergenceCheck().update(1, Infinity).stop).toBe('non-finite');
  });

  it('stopOnDivergence false only stops on non-finite values', () => {
    const check = createDivergenceCheck(4, false);
    check.update(1, 1);
    expect(check.update(100, 100)).toEqual({ best: 1 });
    expect(check.update(NaN, NaN).stop).toBe('non-finite');
  });
});
