import { describe, expect, it } from 'vitest';
import { smoothLosses } from './smoothed-loss.js';
import { suggestLearningRates } from './suggest.js';
import { sweepLearningRates } from './sweep.js';

/** 100 points of a textbook curve on the default sweep: flat, falling around 1e-3..1e-1, minimum near 0.3, then up. */
function textbookCurve(): { learningRates: number[]; losses: number[]; smoothedLosses: number[] } {
  const learningRates = sweepLearningRates();
  const losses = learningRates.map((lr, index) => {
    const x = Math.log10(lr);
    const base = x < -0.5 ? 0.3 + 2 / (1 + Math.exp(2.5 * (x + 2))) : 0.3 + 3 * (x + 0.5) ** 2;
    return base + 0.005 * Math.sin(index * 1.7);
  });
  return { learningRates, losses, smoothedLosses: smoothLosses(losses, 0.5) };
}

describe('suggestLearningRates', () => {
  it('names each method and finds the steep part, the valley and the minimum', () => {
    const curve = textbookCurve();
    const { suggestions, window, confidence } = suggestLearningRates(curve);
    expect(window).toEqual({ start: 10, end: 95 });
    expect(suggestions.map((suggestion) => suggestion.method)).toEqual(['edge', 'valley', 'steepest', 'minimum']);
    const [edge, valley, steepest, minimum] = suggestions;
    // The curve's minimum is at 10^-0.5: the edge rule's lighter smoothing finds it within a
    // few batches, and suggests a third of it.
    expect(edge!.learningRate).toBeCloseTo(curve.learningRates[edge!.index]! / 3, 15);
    expect(edge!.learningRate).toBeGreaterThan(0.1 / 3);
    expect(edge!.learningRate).toBeLessThan(1 / 3);
    expect(steepest!.learningRate).toBeGreaterThan(1e-3);
    expect(steepest!.learningRate).toBeLessThan(1e-1);
    expect(valley!.learningRate).toBeGreaterThan(1e-4);
    expect(valley!.learningRate).toBeLessThan(minimum!.learningRate * 10);
    expect(minimum!.learningRate).toBeCloseTo(curve.learningRates[minimum!.index]! / 10, 15);
    expect(minimum!.loss).toBe(Math.min(...curve.smoothedLosses.slice(10, 95)));
    expect(confidence.confident).toBe(true);
    expect(suggestions.every((suggestion) => suggestion.confident)).toBe(true);
  });

  it('skips floor(totalSteps / 10) points at the start and 5 at the end by default', () => {
    const curve = textbookCurve();
    const { window } = suggestLearningRates(curve, { totalSteps: 200 });
    expect(window).toEqual({ start: 20, end: 95 });
  });

  it('cuts the window before the first non-finite loss', () => {
    const curve = textbookCurve();
    const smoothedLosses = [...curve.smoothedLosses];
    smoothedLosses[50] = NaN;
    expect(suggestLearningRates({ ...curve, smoothedLosses }).window).toEqual({ start: 10, end: 50 });
  });

  it('falls back to the whole finite curve when the skips leave fewer than 2 points, and is not confident', () => {
    const learningRates = [1e-3, 1e-2, 1e-1, 1];
    const losses = [2, 1.5, 1, 3];
    const report = suggestLearningRates({ learningRates, losses, smoothedLosses: losses }, { totalSteps: 100 });
    expect(report.window).toEqual({ start: 0, end: 4 });
    expect(report.suggestions.find((suggestion) => suggestion.method === 'steepest')?.learningRate).toBe(1e-2);
    expect(report.confidence.confident).toBe(false);
  });

  it('gives no suggestion for fewer than 2 usable points', () => {
    expect(suggestLearningRates({ learningRates: [1e-3], losses: [1], smoothedLosses: [1] }).suggestions).toEqual([]);
  });

  it('edge: the minimum of the raw losses smoothed with β 0.95 from the first point, inside the window, divided by 3', () => {
    const learningRates = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];
    const losses = [3, 2.5, 2, 1.5, 1, 2, 6];
    // β 0.95, bias-corrected: 3, 2.74359, 2.48291, 2.21797, 1.94877, 1.95844, 2.62832: minimum at 4.
    const smoothedLosses = [3, 3, 3, 3, 3, 3, 3];
    const report = suggestLearningRates({ learningRates, losses, smoothedLosses }, { skipStart: 1, skipEnd: 0, methods: ['edge'] });
    expect(report.suggestions[0]).toMatchObject({ method: 'edge', index: 4, learningRate: 1 / 3, loss: 3 });
    // A window that ends before the minimum picks its last point.
    const cut = suggestLearningRates({ learningRates, losses, smoothedLosses }, { skipStart: 1, skipEnd: 4, methods: ['edge'] });
    expect(cut.suggestions[0]).toMatchObject({ index: 2, learningRate: 1e-2 / 3 });
  });

  it("edge: on a 100-point sweep its minimum trails the raw loss's turn less than the β 0.98 curve's minimum does", () => {
    const learningRates = sweepLearningRates();
    // Falls by 0.1 per unit of ln lr until lr = 0.1 (index 74), then rises by 0.3 per unit.
    const losses = learningRates.map((lr) => (lr <= 0.1 ? 2 - 0.1 * Math.log(lr / 1e-7) : 2 - 0.1 * Math.log(1e6) + 0.3 * Math.log(lr / 0.1)));
    const turn = learningRates.findIndex((lr) => lr > 0.1) - 1;
    const smoothedLosses = smoothLosses(losses, 0.98);
    const { suggestions } = suggestLearningRates({ learningRates, losses, smoothedLosses }, { methods: ['edge', 'minimum'] });
    const [edge, minimum] = suggestions;
    const lightlySmoothed = smoothLosses(losses, 0.95).slice(10, 95);
    expect(edge!.index).toBe(10 + lightlySmoothed.indexOf(Math.min(...lightlySmoothed)));
    // Smoothing lag behind the turn: 5 batches at β 0.95, 8 at β 0.98.
    expect([turn, edge!.index, minimum!.index]).toEqual([74, 79, 82]);
  });

  it('applies only the requested methods, in order', () => {
    const { suggestions } = suggestLearningRates(textbookCurve(), { methods: ['minimum', 'steepest'] });
    expect(suggestions.map((suggestion) => suggestion.method)).toEqual(['minimum', 'steepest']);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => suggestLearningRates({ learningRates: [1, 2], losses: [1], smoothedLosses: [1, 2] })).toThrow(
      new TypeError('suggestLearningRates: `learningRates`, `losses` and `smoothedLosses` must have the same length; received 2, 1 and 2'),
    );
  });

  it('refuses a curve and an option under their names before 1.0, naming the new ones', () => {
    expect(() => suggestLearningRates({ lrs: [1, 2], losses: [1, 2], smoothedLosses: [1, 2] } as never)).toThrow(
      new TypeError(
        'suggestLearningRates: `curve.learningRates` must be an array of learning rates (`lrs` was renamed `learningRates` before 1.0); received undefined',
      ),
    );
    expect(() => suggestLearningRates(textbookCurve(), { plannedIterations: 100 } as never)).toThrow(
      new TypeError('suggestLearningRates: option `plannedIterations` was renamed `totalSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
