import { describe, expect, it } from 'vitest';
import { assessConfidence } from './confidence.js';
import { smoothLosses } from './smoothed-loss.js';

/** A clean range-test curve: falls from 2.3 to 0.3, then rises. */
function cleanCurve(points: number): number[] {
  return Array.from({ length: points }, (_, index) => {
    const t = index / (points - 1);
    return t < 0.8 ? 2.3 - 2 * (t / 0.8) : 0.3 + 10 * (t - 0.8);
  });
}

describe('assessConfidence', () => {
  it('trusts a long curve that falls far above its noise and then rises', () => {
    const raw = cleanCurve(40).map((loss, index) => loss + 0.01 * Math.sin(index * 2.7));
    const verdict = assessConfidence(raw, smoothLosses(raw, 0.5));
    expect(verdict.confident).toBe(true);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.points).toBe(40);
  });

  it('distrusts fewer than 10 points', () => {
    const raw = cleanCurve(9);
    const verdict = assessConfidence(raw, raw);
    expect(verdict.confident).toBe(false);
    expect(verdict.reasons[0]).toMatch(/^only 9 point\(s\) to analyse \(need 10\)/);
  });

  it('distrusts a curve that never decreases', () => {
    const raw = Array.from({ length: 20 }, (_, index) => 1 + index);
    expect(assessConfidence(raw, raw).reasons).toContain(
      'the smoothed loss never decreased: start the sweep lower (initialLearningRate) or check the model and data',
    );
  });

  it('distrusts a fall smaller than 3 noise standard deviations', () => {
    // Alternating ±0.5 noise on a trend falling by 0.2: |Δ| is 1 + 0.2/29 (15 times) or 1 − 0.2/29 (14 times).
    const raw = Array.from({ length: 30 }, (_, index) => 2 - (0.2 * index) / 29 + (index % 2 === 0 ? 0.5 : -0.5));
    const smoothed = smoothLosses(raw, 0.9);
    const verdict = assessConfidence(raw, smoothed);
    expect(verdict.noise).toBeCloseTo((1.4826 * (1 + 0.2 / 29)) / Math.SQRT2, 9);
    expect(verdict.signalToNoise).toBeLessThan(3);
    expect(verdict.confident).toBe(false);
    expect(verdict.reasons.some((reason) => reason.includes('less than 3 × its batch noise'))).toBe(true);
  });

  it('distrusts a curve still falling at its end', () => {
    const raw = Array.from({ length: 30 }, (_, index) => 3 - index * 0.1);
    expect(assessConfidence(raw, raw).reasons).toEqual([
      'the loss was still decreasing at the end of the analysed window: raise finalLearningRate to see where training breaks down',
    ]);
  });

  it('measures the drop from the highest point before the minimum', () => {
    const smoothed = [2, 3, 1.5, 1, 2, 4, 1.2, 1.1, 1.3, 5];
    expect(assessConfidence(smoothed, smoothed).drop).toBe(2);
  });
});
