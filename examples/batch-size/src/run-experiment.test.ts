import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchedules, type ExperimentSettings } from './experiment.js';
import { runExperiment } from './run-experiment.js';
import { plots } from './report.js';
import { selectBackend } from '@lrkit/backends/node';

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
    const { summaries, report } = await runExperiment(tiny, { command: 'test' });
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
    expect(tf.memory().numTensors).toBe(before);
    const files = await plots(summaries);
    expect(Object.keys(files).sort()).toEqual(['accuracy-vs-epoch.svg', 'accuracy-vs-updates.svg']);
    expect(files['accuracy-vs-updates.svg']).toContain('increase batch size');
  });
});
