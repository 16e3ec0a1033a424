import { describe, expect, it } from 'vitest';
import type { BenchmarkResult } from '../../packages/schedules/bench/evaluations.bench.js';
import { schedulesSection } from './sections.js';

describe('schedule throughput benchmark (smoke)', () => {
  it('measures every family and the reference, renders and judges the target', async () => {
    const results = (await schedulesSection.run(true)) as BenchmarkResult[];
    expect(results.at(-1)?.name).toBe('reference: hand-written cosine closure');
    expect(schedulesSection.render(results)).toContain('| cosine |');
    expect(schedulesSection.targets?.(results)).toHaveLength(1);
  });
});
