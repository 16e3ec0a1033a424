import { describe, expect, it } from 'vitest';
import { valleyIndex } from './valley.js';

/** fastai's `valley`, transcribed literally (Python semantics for the index). */
function fastaiValley(losses: number[]): number {
  const n = losses.length;
  let maxStart = 0;
  let maxEnd = 0;
  const lds = new Array<number>(n).fill(1);
  for (let i = 1; i < n; i += 1) {
    for (let j = 0; j < i; j += 1) {
      if (losses[i]! < losses[j]! && lds[i]! < lds[j]! + 1) lds[i] = lds[j]! + 1;
      if (lds[maxEnd]! < lds[i]!) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd]!;
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  return maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
}

describe('valleyIndex', () => {
  it('picks about half-way into the middle third of the longest decreasing run', () => {
    // Longest decreasing subsequence: indexes 1..11 (length 11); start = 11 − 11 = 0; sections = 11/3.
    const losses = [3, 5, 4.9, 4.5, 4, 3.4, 2.8, 2.2, 1.7, 1.3, 1.1, 1.0, 1.4, 3, 9];
    expect(valleyIndex(losses)).toBe(0 + 3 + 1);
  });

  it('agrees with a literal transcription of fastai on assorted curves', () => {
    const curves = [
      [2.3, 2.3, 2.2, 2.0, 1.6, 1.1, 0.7, 0.5, 0.45, 0.5, 0.9, 2.5],
      [1, 2, 1.5, 1.4, 1.6, 1.2, 1.1, 0.9, 1.3, 0.8, 0.85, 0.7, 3],
      Array.from({ length: 60 }, (_, index) => Math.cos(index / 9) + 0.02 * Math.sin(index * 7)),
    ];
    for (const curve of curves) {
      const literal = fastaiValley(curve);
      expect(literal).toBeGreaterThanOrEqual(0);
      expect(valleyIndex(curve)).toBe(literal);
    }
  });

  it("clamps fastai's index −1 to 0 when the valley starts at the first point", () => {
    expect(fastaiValley([2, 1, 3])).toBe(-1);
    expect(valleyIndex([2, 1, 3])).toBe(0);
  });

  it('is undefined for an empty curve', () => {
    expect(valleyIndex([])).toBeUndefined();
  });
});
