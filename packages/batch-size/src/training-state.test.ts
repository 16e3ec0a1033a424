import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupAndRestore, EarlyStopping, LearningRateScheduler, ReduceLROnPlateau } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchScheduleRun } from './batch-schedule-run.js';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { fitWithBatchSchedule } from './fit-with-batch-schedule.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
const directory = mkdtempSync(join(tmpdir(), 'lrkit-batch-state-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function setUp() {
  const rows = Array.from({ length: 24 }, (_, i) => [0, 1, 2].map((j) => Math.cos(i * 0.7 + j)));
  const x = tf.tensor2d(rows);
  const y = tf.tensor2d(rows.map((row) => [row[0]! * row[1]! + row[2]!]));
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  const dispose = () => {
    tf.dispose([x, y]);
    model.dispose();
  };
  return { x, y, model, dispose };
}

// 3 + 3 updates at batch 8, then 2 + 2 + 2 at batch 12 (epochs 2–4), then 1 at batch 24.
const schedule = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 8 },
    { epochs: 3, batchSize: 12 },
    { epochs: 1, batchSize: 24 },
  ],
});
const weights = (model: tf.LayersModel) => model.getWeights().map((weight) => Array.from(weight.dataSync()));

describe('EarlyStopping in fitWithBatchSchedule', () => {
  it('counts patience across phases and restores the best weights from an earlier phase', async () => {
    const { x, y, model, dispose } = setUp();
    const scores = [3, 1, 2, 2, 2, 0];
    const weightsAtEpochEnd: number[][][] = [];
    const inject = new tf.CustomCallback({
      onEpochEnd: (epoch, logs) => {
        if (logs !== undefined) logs['score'] = scores[epoch] ?? Number.NaN;
        weightsAtEpochEnd.push(weights(model));
      },
    });
    const stopping = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 3, restoreBestWeights: true });
    const before = tf.memory().numTensors;
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule, shuffle: false, verbose: false, callbacks: [inject, stopping] });
    // Best at epoch 1 (phase 0); epochs 2, 3, 4 (phase 1) do not improve: stop at epoch 4.
    expect(result.epochRecords.map((row) => row.epoch)).toEqual([0, 1, 2, 3, 4]);
    expect(result.summary.stoppedEarly).toBe(true);
    expect(stopping.stoppedEpoch).toBe(4);
    expect(stopping.bestEpoch).toBe(1);
    expect(weights(model)).toEqual(weightsAtEpochEnd[1]);
    expect(tf.memory().numTensors).toBe(before + 2 * 4); // Adam's two slots per weight, created by training
    dispose();
  });
});

describe('BatchScheduleRun with BackupAndRestore', () => {
  it('a run aborted in its second phase resumes to the same weights, rates and whole-run summary', async () => {
    const build = () => {
      const scheduler = new LearningRateScheduler({ schedule: (step: number) => 0.05 / (1 + 0.2 * step), unit: 'batch' });
      const plateau = new ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, minDelta: 0.05 });
      return { scheduler, plateau, run: new BatchScheduleRun() };
    };
    const options = { schedule, shuffle: false, verbose: false };

    const whole = setUp();
    const reference = build();
    const expected = await fitWithBatchSchedule(
      whole.model,
      { x: whole.x, y: whole.y },
      {
        ...options,
        run: reference.run,
        callbacks: [reference.scheduler, reference.plateau],
      },
    );

    const location = join(directory, 'aborted');
    const first = setUp();
    const firstRun = build();
    const controller = new AbortController();
    let epochIndex = 0;
    const abortInEpoch3 = new tf.CustomCallback({
      onEpochBegin: (epoch) => {
        epochIndex = epoch;
      },
      onBatchBegin: (batch) => {
        if (epochIndex === 3 && batch === 1) controller.abort();
      },
    });
    const backup = new BackupAndRestore({ location, abortSignal: controller.signal, state: firstRun });
    await fitWithBatchSchedule(
      first.model,
      { x: first.x, y: first.y },
      {
        ...options,
        run: firstRun.run,
        callbacks: [firstRun.scheduler, firstRun.plateau, abortInEpoch3, backup],
      },
    );

    const second = setUp();
    const secondRun = build();
    const resumedBackup = new BackupAndRestore({ location, state: secondRun });
    const initialEpoch = await resumedBackup.resume(second.model);
    expect(initialEpoch).toBe(3);
    const referenceState = reference.run.getState();
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(json(secondRun.run.getState())).toEqual(json({ ...referenceState, epochRecords: (referenceState['epochRecords'] as unknown[]).slice(0, 3) }));
    const resumed = await fitWithBatchSchedule(
      second.model,
      { x: second.x, y: second.y },
      {
        ...options,
        initialEpoch,
        run: secondRun.run,
        callbacks: [secondRun.scheduler, secondRun.plateau, resumedBackup],
      },
    );
    expect(weights(second.model)).toEqual(weights(whole.model));
    expect(resumed.epochRecords.map((row) => [row.epoch, row.phase, row.batchSize, row.learningRate, row.updates, row.totalUpdates])).toEqual(
      expected.epochRecords.map((row) => [row.epoch, row.phase, row.batchSize, row.learningRate, row.updates, row.totalUpdates]),
    );
    expect(resumed.history.epoch).toEqual([0, 1, 2, 3, 4, 5]);
    expect(resumed.history.history['loss']).toEqual(expected.history.history['loss']);
    expect(resumed.summary.totalUpdates).toBe(3 + 3 + 2 + 2 + 2 + 1);
    expect(resumed.summary.updatesSaved).toBe(expected.summary.updatesSaved);
    for (const setup of [whole, first, second]) setup.dispose();
  });

  it('refuses a state of another kind', () => {
    expect(() => new BatchScheduleRun().setState({ type: 'LossHistory', version: 1 })).toThrow(
      'BatchScheduleRun.setState: `state.type` must be "BatchScheduleRun" (a state from BatchScheduleRun.getState()); received "LossHistory"',
    );
    expect(() => new BatchScheduleRun().setState({ type: 'BatchScheduleRun', version: 1, epochRecords: [{ epoch: 0 }] })).toThrow(
      'BatchScheduleRun.setState: `state.epochRecords[0]` must have numeric epoch, phase, batchSize, learningRate, updates, samples',
    );
    expect(() => new BatchScheduleRun().setState({ type: 'BatchScheduleRun', version: 1, epochs: [{ epoch: 0 }] })).toThrow(
      'BatchScheduleRun.setState: `state.epochs[0]` must have numeric epoch, phase, batchSize, learningRate, updates, samples',
    );
  });

  it('reads a state saved before the rename (rows under `epochs`) into `epochRecords`', () => {
    const row = { epoch: 0, phase: 0, batchSize: 8, learningRate: 0.05, updates: 3, samples: 24, metrics: { loss: 1.5 } };
    const run = new BatchScheduleRun();
    run.setState({ type: 'BatchScheduleRun', version: 1, epochs: [row] });
    expect(run.epochRecords).toEqual([row]);
    expect(run.getState()).toEqual({ type: 'BatchScheduleRun', version: 1, epochRecords: [row] });
  });
});
