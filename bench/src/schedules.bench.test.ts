import { describe, expect, it } from 'vitest';
import type { BenchmarkResult } from './schedules.bench.js';
import { benchmarkCases, referenceName, runBenchmark, smokeRun } from './schedules.bench.js';
import { schedulesSection } from './sections.js';

describe('schedule throughput benchmark (smoke)', () => {
  it('measures every family and the reference, renders and judges the target', async () => {
    const results = (await schedulesSection.run(true)) as BenchmarkResult[];
    expect(results.at(-1)?.name).toBe('reference: hand-written cosine closure');
    expect(schedulesSection.render(results)).toContain('| cosine |');
    expect(schedulesSection.targets?.(results)).toHaveLength(1);
  });
});

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
