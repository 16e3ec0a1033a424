import { describe, expect, it } from 'vitest';
import { batchesPerEpoch, epochOrder } from './epoch-order.js';

describe('epochOrder', () => {
  it('is a permutation of 0 … count - 1', () => {
    expect([...epochOrder(50, 3, 0)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });

  it('is the same for the same seed and epoch (a resumed epoch sees the same order)', () => {
    expect([...epochOrder(40, 7, 2)]).toEqual([...epochOrder(40, 7, 2)]);
  });

  it('differs between epochs', () => {
    expect([...epochOrder(40, 7, 0)]).not.toEqual([...epochOrder(40, 7, 1)]);
  });
});

describe('batchesPerEpoch', () => {
  it('counts a smaller last batch', () => {
    expect(batchesPerEpoch(100, 32)).toBe(4);
    expect(batchesPerEpoch(96, 32)).toBe(3);
  });
});
