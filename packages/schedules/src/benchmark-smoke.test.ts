import { describe, expect, it } from 'vitest';
import { benchmarkCases, runBenchmark, smokeRun } from '../bench/evaluations.bench.js';

describe('evaluations benchmark (smoke)', () => {
  it('runs every case with tiny counts and reports a rate for each', () => {
    const results = runBenchmark(smokeRun);
    expect(results.map((result) => result.name)).toEqual(benchmarkCases().map(([name]) => name));
    for (const result of results) {
      expect(result.evaluationsPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(result.checksum)).toBe(true);
    }
  });
});
