import { describe, expect, it } from 'vitest';

import { type QualityEntry, qualityVerdict } from './quality-mode.js';

function entry(name: string, learningRate: number, testAccuracy: number): QualityEntry {
  return { name, method: undefined, learningRate, testAccuracy, testLoss: 0, trainingLoss: 0, wallTimeSeconds: 0 };
}

const grid = [entry('grid-1', 1e-4, 0.31), entry('grid-2', 1e-2, 0.95), entry('grid-3', 1, Number.NaN)];

describe('qualityVerdict', () => {
  it('measures the gap to the best grid point in accuracy points', () => {
    const verdict = qualityVerdict(entry('valley', 0.05, 0.9425), grid);
    expect(verdict.bestGrid.name).toBe('grid-2');
    expect(verdict.gapPoints).toBeCloseTo(0.75, 9);
    expect(verdict.withinTolerance).toBe(true);
  });

  it('fails a suggestion more than one point below the best', () => {
    const verdict = qualityVerdict(entry('valley', 0.05, 0.93), grid);
    expect(verdict.gapPoints).toBeCloseTo(2, 9);
    expect(verdict.withinTolerance).toBe(false);
  });

  it('gives a negative gap when the suggestion beats the grid', () => {
    expect(qualityVerdict(entry('valley', 0.05, 0.96), grid).gapPoints).toBeCloseTo(-1, 9);
  });

  it('counts a diverged run (NaN accuracy) as 0', () => {
    expect(qualityVerdict(entry('valley', 2, Number.NaN), grid).gapPoints).toBeCloseTo(95, 9);
  });
});
