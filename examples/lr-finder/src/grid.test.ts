import { describe, expect, it } from 'vitest';

import { logSpacedGrid } from './grid.js';

describe('logSpacedGrid', () => {
  it('gives the 7 learning rates 1e-4 … 1, a third of a decade apart, with exact ends', () => {
    const grid = logSpacedGrid(1e-4, 1, 7);
    expect(grid).toHaveLength(7);
    expect(grid[0]).toBe(1e-4);
    expect(grid[6]).toBe(1);
    const expected = [1e-4, 10 ** (-4 + 2 / 3), 10 ** (-4 + 4 / 3), 1e-2, 10 ** (-2 + 2 / 3), 10 ** (-2 + 4 / 3), 1];
    grid.forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 15));
    expect(grid[3]).toBeCloseTo(0.01, 15);
  });

  it('rejects a minimum that is not below the maximum', () => {
    expect(() => logSpacedGrid(1, 1e-4, 7)).toThrow(
      'logSpacedGrid: `minimum` and `maximum` must be positive finite numbers with minimum < maximum; received 1 and 0.0001',
    );
  });

  it('rejects fewer than two points', () => {
    expect(() => logSpacedGrid(1e-4, 1, 1)).toThrow('logSpacedGrid: `count` must be an integer >= 2; received 1');
  });
});
