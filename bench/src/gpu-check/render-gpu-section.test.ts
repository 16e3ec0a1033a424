import { describe, expect, it } from 'vitest';
import { renderGpuSection } from './render-gpu-section.js';
import type { GpuCheckReport } from './run-gpu-check.js';

const adapter = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', software: false };

function report(device: GpuCheckReport['device']): GpuCheckReport {
  const spread = (median: number) => ({ median, min: median * 0.9, max: median * 1.1, values: [median] });
  const profile = (milliseconds: number, share: number) => ({
    millisecondsPerStep: spread(milliseconds),
    profile: { kernels: [], kernelMilliseconds: milliseconds, kernelCalls: 216, filterGradientShare: share },
    finalLoss: 2.3,
  });
  return {
    kind: 'lrkit-gpu-check',
    settings: { mode: 'full' } as GpuCheckReport['settings'],
    machine: { cpuModel: 'EPYC', cores: 16, node: 'v20.20.2', date: '2026-12-04' } as GpuCheckReport['machine'],
    adapter: device === 'no adapter' ? null : { ...adapter, software: device === 'software adapter' },
    device,
    learningRate: { backend: 'webgpu', steps: 40, scheduled: [], applied: [], largestRelativeError: 2.8e-6 },
    reads: { backend: 'webgpu', batches: 32, withoutCallbacks: 1, withCallbacks: 2, added: 1 },
    kernels: [{ model: 'cifar-cnn', batchSize: 256, repetitions: 5, tfjs: profile(269, 0.85), lrkit: profile(40, 0.1), speedup: spread(6.7) }],
    batchSize: {
      backend: 'webgpu',
      measuredOn: 'GPU: webgpu on nvidia hopper (NVIDIA H200)',
      settings: {
        trainSize: 8000,
        testSize: 2000,
        epochs: 6,
        milestones: [2, 4],
        factor: 4,
        initialBatchSize: 32,
        maxBatchSize: 256,
        learningRate: 0.02,
        momentum: 0.9,
        seeds: [1, 2],
      },
      arms: [
        {
          arm: 'lr-decay',
          updates: 1500,
          updateRatio: 1,
          trainSeconds: 30,
          wallTimeRatio: { median: 1, min: 1, max: 1, values: [1, 1] },
          wallTimeSpeedup: 1,
          accuracy: 0.97,
        },
        {
          arm: 'increase-batch',
          updates: 658,
          updateRatio: 1500 / 658,
          trainSeconds: 12,
          wallTimeRatio: { median: 0.4, min: 0.38, max: 0.42, values: [0.38, 0.42] },
          wallTimeSpeedup: 2.5,
          accuracy: 0.968,
        },
      ],
    },
    steps: [
      {
        workload: 'cifar-cnn',
        backend: 'webgpu',
        batchSize: 256,
        medianMilliseconds: 40,
        minimumMilliseconds: 39,
        maximumMilliseconds: 41,
        batches: 6,
        finalLoss: 2.2,
      },
    ],
    ratios: [{ workload: 'cifar-cnn', faster: 'webgpu', slower: 'wasm', ratio: 150 }],
    seconds: 180,
  };
}

describe('the GPU section of docs/benchmarks.md', () => {
  it('says pending and gives the commands when no report is committed', () => {
    const text = renderGpuSection(undefined);
    expect(text).toContain('**Pending**: no run on a hardware GPU adapter yet (no report has been committed)');
    expect(text).toContain('pnpm gpu:check --bundle .gpu');
  });

  it('does not count a software adapter', () => {
    expect(renderGpuSection(report('software adapter'))).toContain('the committed report was measured on: software adapter, which does not count');
  });

  it('renders a hardware report: adapter, exactness, reads, step rows, ratios and the kernel comparison', () => {
    const text = renderGpuSection(report('hardware adapter'));
    expect(text).toContain('on nvidia hopper (NVIDIA H200), EPYC (16 cores)');
    expect(text).toContain('largest relative error 2.80e-6 over 40 batches');
    expect(text).toContain('1 without lrkit, 2 with LearningRateScheduler');
    expect(text).toContain('| cifar-cnn | webgpu | 256 | 40.0 (39.0–41.0) |');
    expect(text).toContain('| cifar-cnn | webgpu | wasm | 150.00× |');
    expect(text).toContain('| 256 | 269.0 | 40.0 | 6.70× (6.03–7.37) | 85.0% → 10.0% |');
    expect(text).toContain(
      'interleaved per epoch on GPU: webgpu on nvidia hopper (NVIDIA H200): 8000 MNIST training images, 6 epochs, milestones 2, 4, factor 4, seeds 1, 2.',
    );
    expect(text).toContain('| increase-batch | 658 | 2.28× | 12.0 | 0.400 (0.380–0.420) | 2.50× | 96.80% |');
  });
});
