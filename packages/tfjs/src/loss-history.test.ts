import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchedule } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { linearData, linearDataset, linearModel, useCpu } from './test-support.js';

beforeAll(useCpu);
const directory = mkdtempSync(join(tmpdir(), 'lrkit-history-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const schedule = defineSchedule({ type: 'test' }, (step) => 0.01 * (step + 1));

/** A linear model trained on 4 rows in batches of 2 (2 batches per epoch), 2 of them for validation. */
async function train(
  callbacks: tf.CustomCallback[],
  { epochs = 2, optimizer = tf.train.sgd(0.1) as tf.Optimizer, validation = true } = {},
): Promise<{ history: tf.History; model: tf.LayersModel }> {
  const model = linearModel(optimizer);
  const { xs, ys } = linearData(4);
  const history = await model.fit(xs, ys, {
    epochs,
    batchSize: 2,
    shuffle: false,
    verbose: 0,
    callbacks,
    ...(validation ? { validationData: [xs, ys] as [tf.Tensor, tf.Tensor] } : {}),
  });
  tf.dispose([xs, ys]);
  return { history, model };
}

describe('LossHistory', () => {
  it('records every batch with epoch, batch, global step, learning rate and loss', async () => {
    const history = new LossHistory();
    const losses: number[] = [];
    const spy = new tf.CustomCallback({ onBatchEnd: (_batch, logs) => void losses.push(logs?.loss ?? Number.NaN) });
    const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    const { model } = await train([scheduler, history, spy]);
    expect(history.batches.map(({ epoch, batch, step, learningRate, momentum, size }) => ({ epoch, batch, step, learningRate, momentum, size }))).toEqual([
      { epoch: 0, batch: 0, step: 0, learningRate: schedule(0), momentum: null, size: 2 },
      { epoch: 0, batch: 1, step: 1, learningRate: schedule(1), momentum: null, size: 2 },
      { epoch: 1, batch: 0, step: 2, learningRate: schedule(2), momentum: null, size: 2 },
      { epoch: 1, batch: 1, step: 3, learningRate: schedule(3), momentum: null, size: 2 },
    ]);
    expect(history.batches.map((row) => row.loss)).toEqual(losses);
    model.dispose();
  });

  it('records every epoch with the metrics tfjs reports', async () => {
    const history = new LossHistory();
    const { history: tfHistory, model } = await train([history]);
    expect(history.epochs.map((row) => [row.epoch, row.step, row.batches, row.learningRate])).toEqual([
      [0, 2, 2, 0.1],
      [1, 4, 2, 0.1],
    ]);
    expect(history.epochs.map((row) => row.loss)).toEqual(tfHistory.history.loss);
    expect(history.epochs.map((row) => row.val_loss)).toEqual(tfHistory.history.val_loss);
    model.dispose();
  });

  it('records the momentum in use (Adam beta1)', async () => {
    const history = new LossHistory();
    const { model } = await train([history], { epochs: 1, optimizer: tf.train.adam(0.01, 0.85) });
    expect(history.batches.map((row) => row.momentum)).toEqual([0.85, 0.85]);
    model.dispose();
  });

  it('continues the global step across fit calls and fitDataset', async () => {
    const history = new LossHistory();
    const model = linearModel(tf.train.sgd(0.1));
    await model.fitDataset(linearDataset(3, 2), { epochs: 1, callbacks: [history], verbose: 0 });
    await model.fitDataset(linearDataset(3, 2), { epochs: 2, initialEpoch: 1, callbacks: [history], verbose: 0 });
    expect(history.batches.map((row) => [row.epoch, row.batch, row.step])).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [0, 2, 2],
      [1, 0, 3],
      [1, 1, 4],
      [1, 2, 5],
    ]);
    model.dispose();
  });

  it('reads the device once per epoch and never in a batch hook', async () => {
    const reads = { batch: 0, epoch: 0 };
    let phase: 'batch' | 'epoch' | undefined;
    const prototype = tf.Tensor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const originals = Object.fromEntries(['data', 'dataSync', 'array', 'arraySync'].map((name) => [name, prototype[name]]));
    for (const [name, original] of Object.entries(originals)) {
      prototype[name] = function (this: unknown, ...args: unknown[]) {
        if (phase !== undefined) reads[phase] += 1;
        return original?.apply(this, args);
      };
    }
    class CountingHistory extends LossHistory {
      override async onBatchEnd(batch: number, logs?: Parameters<LossHistory['onBatchEnd']>[1]): Promise<void> {
        phase = 'batch';
        await super.onBatchEnd(batch, logs);
        phase = undefined;
      }
      override async onEpochEnd(epoch: number, logs?: Parameters<LossHistory['onEpochEnd']>[1]): Promise<void> {
        phase = 'epoch';
        await super.onEpochEnd(epoch, logs);
        phase = undefined;
      }
    }
    try {
      const { model } = await train([new CountingHistory()], { epochs: 3 });
      model.dispose();
    } finally {
      Object.assign(prototype, originals);
    }
    expect(reads).toEqual({ batch: 0, epoch: 3 });
  });

  it('records only epochs with everyBatch false', async () => {
    const history = new LossHistory({ everyBatch: false });
    const { model } = await train([history]);
    expect(history.batches).toEqual([]);
    expect(history.epochs).toHaveLength(2);
    model.dispose();
  });

  it('writes CSV with every column in order of first appearance', () => {
    const history = new LossHistory();
    history.epochs.push(
      { epoch: 0, step: 2, time: 0.5, learningRate: 0.1, momentum: null, loss: 1.5 },
      { epoch: 1, step: 4, time: 1, learningRate: 0.05, momentum: null, loss: 1.25, val_loss: 2 },
    );
    expect(history.toCSV('epochs')).toBe('epoch,step,time,learningRate,momentum,loss,val_loss\n0,2,0.5,0.1,,1.5,\n1,4,1,0.05,,1.25,2\n');
    expect(JSON.parse(JSON.stringify(history))).toEqual({
      batches: [],
      epochs: [
        { epoch: 0, step: 2, time: 0.5, learningRate: 0.1, momentum: null, loss: 1.5 },
        { epoch: 1, step: 4, time: 1, learningRate: 0.05, momentum: null, loss: 1.25, val_loss: 2 },
      ],
    });
  });

  it('appends JSON Lines to a file, batch rows then the epoch row, at each epoch end', async () => {
    const file = join(directory, 'history.jsonl');
    const history = new LossHistory({ file });
    const { model } = await train([history]);
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.type, line.epoch, line.batch ?? null])).toEqual([
      ['batch', 0, 0],
      ['batch', 0, 1],
      ['epoch', 0, null],
      ['batch', 1, 0],
      ['batch', 1, 1],
      ['epoch', 1, null],
    ]);
    expect(lines[2]?.loss).toBe(history.epochs[0]?.loss);
    model.dispose();
  });

  it('rejects an empty file name', () => {
    expect(() => new LossHistory({ file: '' })).toThrow(new RangeError('LossHistory: `file` must be a non-empty string; received ""'));
  });

  it('rejects an unknown CSV selection', () => {
    expect(() => new LossHistory().toCSV('rows' as never)).toThrow(/`rows` must be one of 'batches', 'epochs'; received "rows"/);
  });
});
