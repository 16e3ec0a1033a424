import { describe, expect, it } from 'vitest';
import { learningRateFinderChart } from './lr-finder-chart.js';

describe('learningRateFinderChart', () => {
  it('puts a suggestion on the curve, interpolated in log learning rate', () => {
    const chart = learningRateFinderChart({
      learningRates: [1e-4, 1e-2],
      losses: [2, 1],
      suggestions: [{ name: 'steep', learningRate: 1e-3 }],
    });
    expect(chart.xScale).toBe('log');
    expect(chart.markers).toHaveLength(1);
    expect(chart.markers![0]!.x).toBe(1e-3);
    expect(chart.markers![0]!.y).toBeCloseTo(1.5, 12);
    expect(chart.markers![0]!.label).toBe('steep 1e-3');
  });

  it('rejects learning rates and losses of different lengths', () => {
    expect(() => learningRateFinderChart({ learningRates: [1, 2], losses: [1] })).toThrow(
      'learningRateFinderChart: `learningRates` and `losses` must be arrays of the same length; received lengths 2 and 1',
    );
  });
});
