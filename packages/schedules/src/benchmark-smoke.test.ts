import { describe, expect, it } from 'vitest';
import { benchmarkCases, referenceName, runBenchmark, smokeRun } from '../bench/evaluations.bench.js';

describe('evaluations benchmark (smoke)', () => {
  it('runs every case and the reference with tiny counts and reports a rate for each', async () => {
    const results = await runBenchmark(smokeRun);
    expect(results.map((result) => result.name)).toEqual([...benchmarkCases().map(([name]) => name), referenceName]);
    for (const result of results) {
      expect(result.evaluationsPerSecond).toBeGreaterThan(0);
      expect(result.rate.values).toHaveLength(smokeRun.repetitions);
      expect(Number.isFinite(result.checksum)).toBe(true);
    }
  });
});
