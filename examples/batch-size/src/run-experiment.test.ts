import { selectBackend } from '@lrkit/backends/node';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchedules, type ExperimentSettings } from './experiment.js';
import { plots } from './report.js';
import { runExperiment } from './run-experiment.js';

const tiny: ExperimentSettings = {
  trainSize: 200,
  testSize: 100,
  epochs: 3,
  milestones: [1, 2],
  factor: 2,
  initialBatchSize: 10,
  maxBatchSize: 20,
  learningRate: 0.02,
  momentum: 0.9,
  seeds: [1],
};

beforeAll(async () => {
  // The example's real path: the CNN on wasm with the training kernels of examples/common
  // (the cpu backend's Conv2DBackpropFilter takes ~100 ms per MNIST sample).
  await selectBackend({ preferred: 'wasm', log: () => undefined });
});

describe('batch-size example', () => {
  it('builds the three schedules: LR decay, batch increase by the same factor, hybrid with a cap', () => {
    const schedules = buildSchedules(tiny);
    expect(schedules['lr-decay'].phases.map((phase) => [phase.batchSize, phase.endEpoch])).toEqual([[10, Infinity]]);
    expect(schedules['increase-batch'].phases.map((phase) => [phase.batchSize, phase.learningRate])).toEqual([
      [10, 0.02],
      [20, 0.02],
      [40, 0.02],
    ]);
    expect(schedules.hybrid.phases.map((phase) => [phase.batchSize, phase.learningRate])).toEqual([
      [10, 0.02],
      [20, 0.02],
      [20, 0.01],
    ]);
  });

  it('runs the tiny experiment end to end with one epoch per phase and counts the updates', async () => {
    const before = tf.memory().numTensors;
    const { summaries, report, wallTime, runs } = await runExperiment(tiny, { command: 'test', loadAverage: () => [1.5, 1.25, 1] });
    expect(summaries.map((summary) => summary.learningRates)).toEqual([
      [0.02, 0.01, 0.005],
      [0.02, 0.02, 0.02],
      [0.02, 0.02, 0.01],
    ]);
    expect(summaries.map((summary) => [summary.schedule, summary.updates, summary.batchSizes])).toEqual([
      ['lr-decay', 60, [10, 10, 10]],
      ['increase-batch', 20 + 10 + 5, [10, 20, 40]],
      ['hybrid', 20 + 10 + 10, [10, 20, 20]],
    ]);
    expect(summaries.every((summary) => summary.meanAccuracyByEpoch.length === 3)).toBe(true);
    expect(summaries.every((summary) => summary.accuracy.mean >= 0 && summary.accuracy.mean <= 1)).toBe(true);
    expect(report).toContain('| increase batch size |');
    expect(report).toContain('Backend: wasm');
    expect(report).toContain('network: CNN');
    expect(report).toContain('Parameter updates: 60 vs 35, 1.71x fewer');
    // The arms ran interleaved per epoch; the ratios are each arm's training time over LR decay's.
    const trainMs = (name: string) => runs.find((run) => run.schedule === name)?.trainMs as number;
    expect(wallTime.ratioToDecay['lr-decay']).toEqual({ values: [1], median: 1, min: 1, max: 1 });
    expect(wallTime.ratioToDecay['increase-batch']?.median).toBe(trainMs('increase-batch') / trainMs('lr-decay'));
    expect(wallTime.loadAverages).toEqual([{ seed: 1, start: [1.5, 1.25, 1], end: [1.5, 1.25, 1] }]);
    expect(report).toContain('## Wall time');
    expect(report).toContain('seed 1: 1.50, 1.25, 1.00 → 1.50, 1.25, 1.00');
    expect(report).toMatch(/Training wall time of increasing batch over LR decay \(same seed, epochs interleaved\): median \d\.\d{3}/);
    expect(tf.memory().numTensors).toBe(before);
    const files = await plots(summaries);
    expect(Object.keys(files).sort()).toEqual(['accuracy-vs-epoch.svg', 'accuracy-vs-updates.svg']);
    expect(files['accuracy-vs-updates.svg']).toContain('increase batch size');
  });
});
