import { describe, expect, it } from 'vitest';
import { runBackendBenchmark } from './backend-benchmark.js';

describe('the cpu-versus-wasm benchmark (smoke, no timing assertions)', () => {
  it('trains the demo CNN on both backends and reports per-backend timings and the ratio', async () => {
    const result = await runBackendBenchmark({ batches: 1, repetitions: 2, batchSize: 4, warmupBatches: 0 });
    expect(result.timings.map((timing) => [timing.backend, timing.millisecondsPerBatch.length])).toEqual([
      ['cpu', 2],
      ['wasm', 2],
    ]);
    expect(Number.isFinite(result.speedup) && result.speedup > 0).toBe(true);
  });

  it('reaches the same loss on cpu and wasm (same data, same seed)', async () => {
    const result = await runBackendBenchmark({ batches: 2, repetitions: 1, batchSize: 4 });
    const [cpu, wasm] = result.timings;
    expect(Math.abs(cpu!.finalLoss - wasm!.finalLoss)).toBeLessThan(1e-3);
  });
});
