import { describe, expect, it } from 'vitest';
import { resolveSweep, sweepLearningRate, sweepLearningRates } from './sweep.js';

describe('sweepLearningRates', () => {
  it('defaults to 100 exponential steps from 1e-7 to 10 with the pytorch-lr-finder formula', () => {
    const rates = sweepLearningRates();
    expect(rates).toHaveLength(100);
    rates.forEach((rate, index) => expect(rate).toBe(1e-7 * (10 / 1e-7) ** (index / 99)));
    expect(rates[0]).toBe(1e-7);
    expect(rates[99]).toBeCloseTo(10, 12);
  });

  it('exponential steps have a constant ratio', () => {
    const rates = sweepLearningRates({ startLr: 1e-4, endLr: 1, numIterations: 5 });
    expect(rates).toEqual([1e-4, 1e-4 * 1e4 ** 0.25, 1e-4 * 1e4 ** 0.5, 1e-4 * 1e4 ** 0.75, 1e-4 * 1e4]);
    expect(rates[2]).toBeCloseTo(0.01, 15);
  });

  it('linear steps have a constant difference and include both ends', () => {
    const rates = sweepLearningRates({ startLr: 0.1, endLr: 0.5, numIterations: 5, mode: 'linear' });
    rates.forEach((rate, index) => expect(rate).toBe(0.1 + (index / 4) * (0.5 - 0.1)));
    expect(rates[0]).toBe(0.1);
    expect(rates[4]).toBe(0.5);
  });

  it('two iterations are exactly the two ends', () => {
    expect(sweepLearningRates({ startLr: 1e-3, endLr: 1e-1, numIterations: 2, mode: 'linear' })).toEqual([1e-3, 1e-1]);
  });

  it('sweepLearningRate evaluates one index of a resolved sweep', () => {
    const sweep = resolveSweep('test', { startLr: 1e-6, endLr: 1, numIterations: 7 });
    expect(sweepLearningRate(sweep, 3)).toBe(1e-6 * 1e6 ** 0.5);
  });
});

describe('sweep validation', () => {
  it('rejects startLr >= endLr', () => {
    expect(() => sweepLearningRates({ startLr: 1, endLr: 1 })).toThrow(
      new RangeError('sweepLearningRates: `startLr` must be smaller than `endLr`; received startLr 1 and endLr 1'),
    );
  });

  it('rejects a non-positive startLr', () => {
    expect(() => sweepLearningRates({ startLr: 0 })).toThrow(new RangeError('sweepLearningRates: `startLr` must be a positive finite number; received 0'));
  });

  it('rejects a negative endLr', () => {
    expect(() => sweepLearningRates({ endLr: -1 })).toThrow(new RangeError('sweepLearningRates: `endLr` must be a positive finite number; received -1'));
  });

  it('rejects numIterations < 2', () => {
    expect(() => sweepLearningRates({ numIterations: 1 })).toThrow(new RangeError('sweepLearningRates: `numIterations` must be an integer >= 2; received 1'));
  });

  it('rejects an unknown mode', () => {
    expect(() => sweepLearningRates({ mode: 'exp' as never })).toThrow(
      new RangeError("sweepLearningRates: `mode` must be one of 'exponential', 'linear'; received \"exp\""),
    );
  });

  it('rejects an unknown option with a suggestion', () => {
    expect(() => sweepLearningRates({ endLR: 1 } as never)).toThrow(/unknown option `endLR` \(did you mean `endLr`\?\)/);
  });
});
