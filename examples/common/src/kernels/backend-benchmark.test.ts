import { describe, expect, it } from 'vitest';
import { runBackendBenchmark } from '../../bench/backend-benchmark.js';
import { formatBenchmark, parseBenchmarkArguments } from '../../bench/backends.bench.js';

describe('the cpu-versus-wasm benchmark (smoke, no timing assertions)', () => {
  it('trains the demo CNN on both backends and reports per-backend timings and the ratio', async () => {
    const result = await runBackendBenchmark({ batches: 1, repetitions: 2, batchSize: 4, warmupBatches: 0 });
    expect(result.timings.map((timing) => [timing.backend, timing.millisecondsPerBatch.length])).toEqual([
      ['cpu', 2],
      ['wasm', 2],
    ]);
    expect(Number.isFinite(result.speedup) && result.speedup > 0).toBe(true);
    expect(formatBenchmark(result)).toContain('wasm is ');
  });

  it('reaches the same loss on cpu and wasm (same data, same seed)', async () => {
    const result = await runBackendBenchmark({ batches: 2, repetitions: 1, batchSize: 4 });
    const [cpu, wasm] = result.timings;
    expect(Math.abs(cpu!.finalLoss - wasm!.finalLoss)).toBeLessThan(1e-3);
  });

  it('reads smoke defaults and explicit flags', () => {
    expect(parseBenchmarkArguments(['--smoke'])).toEqual({ smoke: true, batches: 2, repetitions: 1, batchSize: 8 });
    expect(parseBenchmarkArguments(['--batches=3', '--repetitions', '7', '--json', 'out.json'])).toEqual({
      smoke: false,
      batches: 3,
      repetitions: 7,
      batchSize: 64,
      json: 'out.json',
    });
  });

  it('rejects a non-integer count', () => {
    expect(() => parseBenchmarkArguments(['--batches', 'many'])).toThrow(new RangeError('--batches must be a positive integer; received "many"'));
  });
});
