import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multiStep } from '@lrkit/schedules';
import { adaptOptimizer, LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { fitWithBatchSchedule } from './fit-with-batch-schedule.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setup(optimizer: tf.Optimizer = tf.train.sgd(0.05)) {
  const rows = Array.from({ length: 50 }, (_, i) => [0, 1, 2, 3].map((j) => Math.cos(i * 0.9 + j)));
  const x = tf.tensor2d(rows);
  const y = tf.tensor2d(rows.map((row) => [row[0]! + row[3]!]));
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const dispose = () => {
    tf.dispose([x, y]);
    model.dispose();
  };
  return { x, y, model, dispose };
}

// 7 + 7 updates at batch 8, then 3 + 3 at batch 20, then 1 at batch 50.
const phases = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 8 },
    { epochs: 2, batchSize: 20 },
    { epochs: 1, batchSize: 50 },
  ],
});

describe('fitWithBatchSchedule with the @lrkit/tfjs callbacks', () => {
  it('lets a per-batch LearningRateScheduler step on the global update count across phases', async () => {
    const { x, y, model, dispose } = setup();
    const schedule = (step: number) => 0.1 / (1 + step);
    const adapter = adaptOptimizer(model.optimizer);
    const used: number[] = [];
    const probe = new tf.CustomCallback({ onBatchBegin: async () => void used.push(adapter.getLearningRate()) });
    await fitWithBatchSchedule(
      model,
      { x, y },
      {
        schedule: phases,
        callbacks: [new LearningRateScheduler({ schedule, unit: 'batch' }), probe],
        verbose: false,
      },
    );
    expect(used).toHaveLength(21);
    used.forEach((rate, step) => expect(rate).toBeCloseTo(schedule(step), 12));
    dispose();
  });

  it('lets a per-epoch LearningRateScheduler see continuous epochs', async () => {
    const { x, y, model, dispose } = setup();
    const decay = multiStep({ initialValue: 0.08, milestones: [1, 3], factor: 0.5 });
    const result = await fitWithBatchSchedule(
      model,
      { x, y },
      {
        schedule: phases,
        callbacks: [new LearningRateScheduler({ schedule: decay, unit: 'epoch' })],
        verbose: false,
      },
    );
    expect(result.epochRecords.map((row) => row.learningRate)).toEqual([0.08, 0.04, 0.04, 0.02, 0.02]);
    dispose();
  });

  it("lets an interpolating per-epoch LearningRateScheduler use each phase's batches per epoch", async () => {
    const { x, y, model, dispose } = setup();
    const schedule = (epoch: number) => 0.1 / (1 + epoch);
    const adapter = adaptOptimizer(model.optimizer);
    const used: number[] = [];
    const probe = new tf.CustomCallback({ onBatchBegin: async () => void used.push(adapter.getLearningRate()) });
    await fitWithBatchSchedule(
      model,
      { x, y },
      {
        schedule: phases,
        callbacks: [new LearningRateScheduler({ schedule, unit: 'epoch', interpolate: true }), probe],
        verbose: false,
      },
    );
    // 50 samples: 7 batches per epoch at batch 8, 3 at batch 20, 1 at batch 50.
    const expected = [
      ...[0, 1].flatMap((epoch) => Array.from({ length: 7 }, (_, batch) => schedule(epoch + batch / 7))),
      ...[2, 3].flatMap((epoch) => Array.from({ length: 3 }, (_, batch) => schedule(epoch + batch / 3))),
      schedule(4),
    ];
    expect(used).toHaveLength(expected.length);
    used.forEach((rate, index) => expect(rate).toBeCloseTo(expected[index]!, 12));
    dispose();
  });

  it('keeps ReduceLROnPlateau state across phases and scales the phase learning rates', async () => {
    const { x, y, model, dispose } = setup();
    const schedule = batchSizeSchedule({
      phases: [
        { epochs: 3, batchSize: 10, learningRate: 0.04 },
        { epochs: 2, batchSize: 25, learningRate: 0.02 },
      ],
    });
    // minDelta so large that only the first epoch counts as an improvement: a reduction after epoch 2.
    const plateau = new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, minDelta: 1e9 });
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule, callbacks: [plateau], verbose: false });
    expect(result.epochRecords.map((row) => row.learningRate)).toEqual([0.04, 0.04, 0.04, 0.01, 0.01]);
    dispose();
  });

  it('gives LossHistory one continuous run of batch and epoch rows', async () => {
    const { x, y, model, dispose } = setup(tf.train.adam(0.01));
    const history = new LossHistory();
    await fitWithBatchSchedule(model, { x, y }, { schedule: phases, callbacks: [history], verbose: false });
    expect(history.epochs.map((row) => row.epoch)).toEqual([0, 1, 2, 3, 4]);
    expect(history.batches.map((row) => row.step)).toEqual(Array.from({ length: 21 }, (_, step) => step));
    expect(history.batches.map((row) => row.size)).toEqual([8, 8, 8, 8, 8, 8, 2, 8, 8, 8, 8, 8, 8, 2, 20, 20, 10, 20, 20, 10, 50]);
    dispose();
  });

  it('closes a LossHistory file once, after the last phase', async () => {
    const { x, y, model, dispose } = setup();
    const folder = mkdtempSync(join(tmpdir(), 'lrkit-batch-size-'));
    const file = join(folder, 'history.jsonl');
    await fitWithBatchSchedule(model, { x, y }, { schedule: phases, callbacks: [new LossHistory({ file })], verbose: false });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; epoch: number });
    expect(lines.filter((line) => line.type === 'epoch').map((line) => line.epoch)).toEqual([0, 1, 2, 3, 4]);
    expect(lines.filter((line) => line.type === 'batch')).toHaveLength(21);
    rmSync(folder, { recursive: true, force: true });
    dispose();
  });

  it('leaves no tensor behind with all three callbacks attached', async () => {
    const { x, y, model, dispose } = setup(tf.train.adam(0.01));
    const run = () =>
      fitWithBatchSchedule(
        model,
        { x, y },
        {
          schedule: phases,
          callbacks: [
            new LearningRateScheduler({ schedule: (step: number) => 0.01 / (1 + step), unit: 'batch' }),
            new ReduceLROnPlateau({ monitor: 'loss', patience: 1 }),
            new LossHistory(),
          ],
          verbose: false,
        },
      );
    await run();
    const before = tf.memory().numTensors;
    await run();
    expect(tf.memory().numTensors).toBe(before);
    dispose();
  });
});
