import { describe, expect, it } from 'vitest';
import { createLossSmoother, smoothLosses } from './smoothed-loss.js';

describe('smoothLosses', () => {
  it('follows avg = β·avg + (1 − β)·loss, smoothed = avg / (1 − β^(i+1))', () => {
    const losses = [2.5, 1.75, 3, 0.5, 1.25];
    const beta = 0.9;
    let average = 0;
    const expected = losses.map((loss, index) => {
      average = beta * average + (1 - beta) * loss;
      return average / (1 - beta ** (index + 1));
    });
    smoothLosses(losses, beta).forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 12));
  });

  it('the first smoothed value is the first loss for any β', () => {
    for (const beta of [0, 0.5, 0.98, 0.999]) expect(smoothLosses([3.25], beta)[0]).toBeCloseTo(3.25, 12);
  });

  it('β = 0.5 on [4, 1] gives [4, 2]', () => {
    expect(smoothLosses([4, 1], 0.5)).toEqual([4, 2]);
  });

  it('β = 0 turns smoothing off', () => {
    expect(smoothLosses([4, 1, 7], 0)).toEqual([4, 1, 7]);
  });

  it('defaults to fastai β = 0.98', () => {
    expect(smoothLosses([1, 0])[1]).toBeCloseTo((0.98 * 0.02) / (1 - 0.98 ** 2), 12);
  });

  it('a NaN loss makes every later smoothed value NaN', () => {
    const values = smoothLosses([1, NaN, 1], 0.5);
    expect(values[0]).toBe(1);
    expect(Number.isNaN(values[1])).toBe(true);
    expect(Number.isNaN(values[2])).toBe(true);
  });

  it('the incremental smoother counts its losses', () => {
    const smoother = createLossSmoother(0.5);
    smoother.update(4);
    expect(smoother.update(1)).toBe(2);
    expect(smoother.count).toBe(2);
  });

  it('rejects β = 1 and β < 0', () => {
    expect(() => smoothLosses([1], 1)).toThrow(new RangeError('smoothLosses: `smoothing` must be a number in [0, 1); received 1'));
    expect(() => createLossSmoother(-0.1)).toThrow(new RangeError('createLossSmoother: `smoothing` must be a number in [0, 1]; received -0.1'));
  });
});
