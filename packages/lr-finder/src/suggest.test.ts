import { describe, expect, it } from 'vitest';
import { smoothLosses } from './smoothed-loss.js';
import { suggestLearningRates } from './suggest.js';
import { sweepLearningRates } from './sweep.js';

/** 100 points of a textbook curve on the default sweep: flat, falling around 1e-3..1e-1, minimum near 0.3, then up. */
function textbookCurve(): { lrs: number[]; losses: number[]; smoothedLosses: number[] } {
  const lrs = sweepLearningRates();
  const losses = lrs.map((lr, index) => {
    const x = Math.log10(lr);
    const base = x < -0.5 ? 0.3 + 2 / (1 + Math.exp(2.5 * (x + 2))) : 0.3 + 3 * (x + 0.5) ** 2;
    return base + 0.005 * Math.sin(index * 1.7);
  });
  return { lrs, losses, smoothedLosses: smoothLosses(losses, 0.5) };
}

describe('suggestLearningRates', () => {
  it('names each method and finds the steep part, the valley and the minimum', () => {
    const curve = textbookCurve();
    const { suggestions, window, confidence } = suggestLearningRates(curve);
    expect(window).toEqual({ start: 10, end: 95 });
    expect(suggestions.map((suggestion) => suggestion.method)).toEqual(['valley', 'steepest', 'minimum']);
    const [valley, steepest, minimum] = suggestions;
    expect(steepest!.learningRate).toBeGreaterThan(1e-3);
    expect(steepest!.learningRate).toBeLessThan(1e-1);
    expect(valley!.learningRate).toBeGreaterThan(1e-4);
    expect(valley!.learningRate).toBeLessThan(minimum!.learningRate * 10);
    expect(minimum!.learningRate).toBeCloseTo(curve.lrs[minimum!.index]! / 10, 15);
    expect(minimum!.loss).toBe(Math.min(...curve.smoothedLosses.slice(10, 95)));
    expect(confidence.confident).toBe(true);
    expect(suggestions.every((suggestion) => suggestion.confident)).toBe(true);
  });

  it('skips floor(plannedIterations / 10) points at the start and 5 at the end by default', () => {
    const curve = textbookCurve();
    const { window } = suggestLearningRates(curve, { plannedIterations: 200 });
    expect(window).toEqual({ start: 20, end: 95 });
  });

  it('cuts the window before the first non-finite loss', () => {
    const curve = textbookCurve();
    const smoothedLosses = [...curve.smoothedLosses];
    smoothedLosses[50] = NaN;
    expect(suggestLearningRates({ ...curve, smoothedLosses }).window).toEqual({ start: 10, end: 50 });
  });

  it('falls back to the whole finite curve when the skips leave fewer than 2 points, and is not confident', () => {
    const lrs = [1e-3, 1e-2, 1e-1, 1];
    const losses = [2, 1.5, 1, 3];
    const report = suggestLearningRates({ lrs, losses, smoothedLosses: losses }, { plannedIterations: 100 });
    expect(report.window).toEqual({ start: 0, end: 4 });
    expect(report.suggestions.find((suggestion) => suggestion.method === 'steepest')?.learningRate).toBe(1e-2);
    expect(report.confidence.confident).toBe(false);
  });

  it('gives no suggestion for fewer than 2 usable points', () => {
    expect(suggestLearningRates({ lrs: [1e-3], losses: [1], smoothedLosses: [1] }).suggestions).toEqual([]);
  });

  it('applies only the requested methods, in order', () => {
    const { suggestions } = suggestLearningRates(textbookCurve(), { methods: ['minimum', 'steepest'] });
    expect(suggestions.map((suggestion) => suggestion.method)).toEqual(['minimum', 'steepest']);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => suggestLearningRates({ lrs: [1, 2], losses: [1], smoothedLosses: [1, 2] })).toThrow(
      new TypeError('suggestLearningRates: `lrs`, `losses` and `smoothedLosses` must have the same length; received 2, 1 and 2'),
    );
  });
});
