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
    const rates = sweepLearningRates({ initialLearningRate: 1e-4, finalLearningRate: 1, totalSteps: 5 });
    expect(rates).toEqual([1e-4, 1e-4 * 1e4 ** 0.25, 1e-4 * 1e4 ** 0.5, 1e-4 * 1e4 ** 0.75, 1e-4 * 1e4]);
    expect(rates[2]).toBeCloseTo(0.01, 15);
  });

  it('linear steps have a constant difference and include both ends', () => {
    const rates = sweepLearningRates({ initialLearningRate: 0.1, finalLearningRate: 0.5, totalSteps: 5, mode: 'linear' });
    rates.forEach((rate, index) => expect(rate).toBe(0.1 + (index / 4) * (0.5 - 0.1)));
    expect(rates[0]).toBe(0.1);
    expect(rates[4]).toBe(0.5);
  });

  it('two iterations are exactly the two ends', () => {
    expect(sweepLearningRates({ initialLearningRate: 1e-3, finalLearningRate: 1e-1, totalSteps: 2, mode: 'linear' })).toEqual([1e-3, 1e-1]);
  });

  it('sweepLearningRate evaluates one index of a resolved sweep', () => {
    const sweep = resolveSweep('test', { initialLearningRate: 1e-6, finalLearningRate: 1, totalSteps: 7 });
    expect(sweepLearningRate(sweep, 3)).toBe(1e-6 * 1e6 ** 0.5);
  });
});

describe('sweep validation', () => {
  it('rejects initialLearningRate >= finalLearningRate', () => {
    expect(() => sweepLearningRates({ initialLearningRate: 1, finalLearningRate: 1 })).toThrow(
      new RangeError(
        'sweepLearningRates: `initialLearningRate` must be smaller than `finalLearningRate`; received initialLearningRate 1 and finalLearningRate 1',
      ),
    );
  });

  it('rejects a non-positive initialLearningRate', () => {
    expect(() => sweepLearningRates({ initialLearningRate: 0 })).toThrow(
      new RangeError('sweepLearningRates: `initialLearningRate` must be a positive finite number; received 0'),
    );
  });

  it('rejects a negative finalLearningRate', () => {
    expect(() => sweepLearningRates({ finalLearningRate: -1 })).toThrow(
      new RangeError('sweepLearningRates: `finalLearningRate` must be a positive finite number; received -1'),
    );
  });

  it('rejects totalSteps < 2', () => {
    expect(() => sweepLearningRates({ totalSteps: 1 })).toThrow(new RangeError('sweepLearningRates: `totalSteps` must be an integer >= 2; received 1'));
  });

  it('rejects an unknown mode', () => {
    expect(() => sweepLearningRates({ mode: 'exp' as never })).toThrow(
      new RangeError("sweepLearningRates: `mode` must be one of 'exponential', 'linear'; received \"exp\""),
    );
  });

  it('rejects an unknown option with a suggestion', () => {
    expect(() => sweepLearningRates({ finalLearningrate: 1 } as never)).toThrow(/unknown option `finalLearningrate` \(did you mean `finalLearningRate`\?\)/);
  });

  it('refuses the option names before 1.0, naming the new ones', () => {
    expect(() => sweepLearningRates({ endLr: 1 } as never)).toThrow(
      new TypeError('sweepLearningRates: option `endLr` was renamed `finalLearningRate` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
    expect(() => sweepLearningRates({ numIterations: 5 } as never)).toThrow(
      new TypeError('sweepLearningRates: option `numIterations` was renamed `totalSteps` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
