import { describe, expect, it } from 'vitest';
import { toChartData } from './chart-data.js';
import type { RangeTestResult } from './find-learning-rate.js';

const result = {
  learningRates: [1e-3, 1e-2, 1e-1],
  losses: [2, 1, 5],
  smoothedLosses: [2, 1.5, 3],
  suggestions: [
    { method: 'valley', learningRate: 1e-2, index: 1, loss: 1.5, confident: true },
    { method: 'minimum', learningRate: 1e-3, index: 1, loss: 1.5, confident: false },
  ],
  mode: 'exponential',
  lossSource: 'training',
  smoothing: 0.98,
} as unknown as RangeTestResult;

describe('toChartData', () => {
  it('plots the smoothed losses and names suggestions by method, "?" when not confident', () => {
    expect(toChartData(result)).toEqual({
      learningRates: [1e-3, 1e-2, 1e-1],
      losses: [2, 1.5, 3],
      suggestions: [
        { name: 'valley', learningRate: 1e-2 },
        { name: 'minimum?', learningRate: 1e-3 },
      ],
      title: 'LR range test (exponential, training loss)',
      name: 'smoothed loss (β 0.98)',
    });
  });

  it('plots the raw losses on request', () => {
    expect(toChartData(result, { raw: true }).losses).toEqual([2, 1, 5]);
  });
});
