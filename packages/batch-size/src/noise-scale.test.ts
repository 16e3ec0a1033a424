import { describe, expect, it } from 'vitest';
import { noiseScale } from './noise-scale.js';

describe('noiseScale', () => {
  it('computes ε N / (B (1 − m)) exactly', () => {
    expect(noiseScale({ learningRate: 0.1, datasetSize: 50_000, batchSize: 128, momentum: 0.9 })).toBe((0.1 * 50_000) / (128 * (1 - 0.9)));
    expect(noiseScale({ learningRate: 0.5, datasetSize: 1000, batchSize: 10, momentum: 0.5 })).toBe(100);
  });

  it('uses momentum 0 by default', () => {
    expect(noiseScale({ learningRate: 0.1, datasetSize: 1000, batchSize: 100 })).toBe(1);
  });

  it('is unchanged when the batch grows by the factor the learning rate decays', () => {
    const decayed = noiseScale({ learningRate: 0.1 / 5, datasetSize: 60_000, batchSize: 100, momentum: 0.9 });
    const grown = noiseScale({ learningRate: 0.1, datasetSize: 60_000, batchSize: 500, momentum: 0.9 });
    expect(grown).toBeCloseTo(decayed, 9);
  });

  it('is unchanged when B scales as 1 / (1 − m)', () => {
    const base = noiseScale({ learningRate: 0.1, datasetSize: 60_000, batchSize: 100, momentum: 0.9 });
    const scaled = noiseScale({ learningRate: 0.1, datasetSize: 60_000, batchSize: 200, momentum: 0.95 });
    expect(scaled).toBeCloseTo(base, 9);
  });

  it('rejects a batch size that is not an integer >= 1', () => {
    expect(() => noiseScale({ learningRate: 0.1, datasetSize: 10, batchSize: 0.5 })).toThrow('noiseScale: `batchSize` must be an integer >= 1; received 0.5');
  });

  it('rejects a momentum of 1', () => {
    expect(() => noiseScale({ learningRate: 0.1, datasetSize: 10, batchSize: 2, momentum: 1 })).toThrow(RangeError);
  });
});
