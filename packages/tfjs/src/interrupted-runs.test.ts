/**
 * Runs that are killed, aborted, continued and resumed: afterwards the tensor count, the open
 * file descriptors and the history labels must be exactly right.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cosine, warmup } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupAndRestore } from './backup-and-restore.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { linearData, linearModel, useCpu } from './test-support.js';

beforeAll(useCpu);
const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const directory = mkdtempSync(join(tmpdir(), 'lrkit-interrupted-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Open file descriptors of this process (Linux). */
const openDescriptors = (): number => readdirSync('/proc/self/fd').length;
const schedule = (step: number): number => 0.01 / (1 + step);

/** A callback that throws at the given epoch and batch. */
function throwAt(epoch: number, batch: number): tf.CustomCallback {
  let current = 0;
  return new tf.CustomCallback({
    onEpochBegin: (index) => {
      current = index;
    },
    onBatchEnd: (index) => {
      if (current === epoch && index === batch) throw new Error(`thrown at epoch ${epoch}, batch ${batch}`);
    },
  });
}

/**
 * Tensors tfjs itself leaves behind when a callback throws in `fit` (the batch's logs, the epoch's
 * running sums and index array are never disposed): measured on the same model and data with
 * no lrkit callback — only one that reads the epoch logs back, as the lrkit callbacks do — so
 * the lrkit runs can be held to exactly that.
 */
async function tfjsOwnAbortLeak(optimizer: () => tf.Optimizer, samples: number, epoch: number, batch: number): Promise<number> {
  const model = linearModel(optimizer());
  const { xs, ys } = linearData(samples);
  const readEpochLogs = new tf.CustomCallback({ onEpochEnd: () => {} });
  await model.fit(xs, ys, { epochs: 1, batchSize: samples, verbose: 0 });
  const before = tf.memory().numTensors;
  await expect(
    model.fit(xs, ys, { epochs: epoch + 2, batchSize: 2, shuffle: false, verbose: 0, callbacks: [readEpochLogs, throwAt(epoch, batch)] }),
  ).rejects.toThrow();
  const leaked = tf.memory().numTensors - before;
  model.dispose();
  tf.dispose([xs, ys]);
  return leaked;
}

describe('an aborted fit (a callback throws)', () => {
  it('releases every tensor and file handle, and the reused history starts clean', async () => {
    const tfjsLeak = await tfjsOwnAbortLeak(() => tf.train.adam(0.01), 8, 1, 2);
    expect(tfjsLeak).toBeGreaterThan(0);
    const model = linearModel(tf.train.adam(0.01));
    const { xs, ys } = linearData(8);
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 }); // Adam's slots exist from here on
    const file = join(directory, 'aborted.jsonl');
    const history = new LossHistory({ file });
    const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    const tensors = tf.memory().numTensors;
    const descriptors = openDescriptors();
    const fit = (epochs: number, initialEpoch: number, extra: tf.CustomCallback[] = []) =>
      model.fit(xs, ys, { epochs, initialEpoch, batchSize: 2, shuffle: false, verbose: 0, callbacks: [scheduler, history, ...extra] });
    await expect(fit(3, 0, [throwAt(1, 2)])).rejects.toThrow('thrown at epoch 1, batch 2');
    expect(tf.memory().numTensors).toBe(tensors + tfjsLeak);
    expect(openDescriptors()).toBe(descriptors);
    expect(history.epochs.map((row) => row.epoch)).toEqual([0]);
    expect(history.batches.map((row) => row.epoch)).toEqual([0, 0, 0, 0]);
    // Reused for the resumed run: epoch 1 again, none of the aborted epoch's rows.
    await fit(3, 1);
    expect(tf.memory().numTensors).toBe(tensors + tfjsLeak);
    expect(openDescriptors()).toBe(descriptors);
    expect(history.batches.map((row) => [row.epoch, row.batch])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 0],
      [2, 1],
      [2, 2],
      [2, 3],
    ]);
    const fileRows = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; epoch: number });
    expect(fileRows.filter((row) => row.type === 'epoch').map((row) => row.epoch)).toEqual([0, 1, 2]);
    // Every row's rate is the schedule's value at the row's step.
    for (const row of history.batches) expect(row.learningRate).toBe(schedule(row.step));
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('an abort in an epoch-end hook keeps the epochs already written and leaks nothing', async () => {
    const model = linearModel(tf.train.sgd(0.01));
    const { xs, ys } = linearData(4);
    const history = new LossHistory({ file: join(directory, 'epoch-end.jsonl') });
    const tensors = tf.memory().numTensors;
    const descriptors = openDescriptors();
    const failing = new tf.CustomCallback({
      onEpochEnd: (epoch) => {
        if (epoch === 1) throw new Error('epoch-end failure');
      },
    });
    await expect(model.fit(xs, ys, { epochs: 3, batchSize: 2, verbose: 0, callbacks: [history, failing] })).rejects.toThrow('epoch-end failure');
    expect(tf.memory().numTensors).toBe(tensors);
    expect(openDescriptors()).toBe(descriptors);
    expect(history.epochs.map((row) => row.epoch)).toEqual([0, 1]);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

describe('history labels across fit calls', () => {
  it('a second fit continues the epoch labels, agreeing with the scheduler', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const { xs, ys } = linearData(4);
    const scheduler = new LearningRateScheduler({ schedule, unit: 'epoch' });
    const history = new LossHistory();
    const schedulerEpochs: number[] = [];
    const spy = new tf.CustomCallback({ onEpochEnd: () => void schedulerEpochs.push(scheduler.epoch) });
    const tensors = tf.memory().numTensors;
    const descriptors = openDescriptors();
    for (let call = 0; call < 2; call += 1) {
      await model.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [scheduler, history, spy] });
    }
    expect(tf.memory().numTensors).toBe(tensors);
    expect(openDescriptors()).toBe(descriptors);
    expect(history.epochs.map((row) => row.epoch)).toEqual([0, 1, 2, 3]);
    expect(schedulerEpochs).toEqual([0, 1, 2, 3]);
    expect(history.epochs.map((row) => row.learningRate)).toEqual([0, 1, 2, 3].map(schedule));
    expect(history.batches.map((row) => row.epoch)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('resuming with initialEpoch on a fresh optimizer labels the steps the scheduler used', async () => {
    const { xs, ys } = linearData(6);
    for (const order of ['scheduler first', 'history first'] as const) {
      const model = linearModel(tf.train.sgd(0.1));
      const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
      const history = new LossHistory();
      const callbacks = order === 'scheduler first' ? [scheduler, history] : [history, scheduler];
      await model.fit(xs, ys, { epochs: 4, initialEpoch: 2, batchSize: 2, shuffle: false, verbose: 0, callbacks });
      expect(history.batches.map((row) => [row.epoch, row.step])).toEqual([
        [2, 6],
        [2, 7],
        [2, 8],
        [3, 9],
        [3, 10],
        [3, 11],
      ]);
      for (const row of history.batches) expect(row.learningRate).toBe(schedule(row.step));
      expect(history.epochs.map((row) => row.step)).toEqual([9, 12]);
      model.dispose();
    }
    // Without a scheduler the history applies the same rule.
    const model = linearModel(tf.train.sgd(0.1));
    const history = new LossHistory();
    await model.fit(xs, ys, { epochs: 3, initialEpoch: 2, batchSize: 2, verbose: 0, callbacks: [history] });
    expect(history.batches.map((row) => row.step)).toEqual([6, 7, 8]);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

interface HistoryLine {
  readonly type: 'batch' | 'epoch';
  readonly epoch: number;
  readonly batch?: number;
  readonly step: number;
  readonly learningRate: number;
  readonly loss: number;
  readonly learning_rate?: number;
}

/** Runs the fixture in a child process (tsx, `source` condition); `hang` kills it with SIGKILL once it is ready. */
async function runFixture(runDirectory: string, mode: 'full' | 'hang-after-epoch-3' | 'resume'): Promise<NodeJS.Signals | number | null> {
  mkdirSync(runDirectory, { recursive: true });
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join('test-fixtures', 'train-with-backup.ts'), runDirectory, mode], {
    cwd: packageDirectory,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  if (mode === 'hang-after-epoch-3') {
    const deadline = Date.now() + 45_000;
    while (!existsSync(join(runDirectory, 'ready')) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill('SIGKILL');
  }
  const result = await exited;
  if (mode !== 'hang-after-epoch-3' && result !== 0) throw new Error(`fixture ${mode} failed: ${stderr}`);
  return result;
}

const readLines = (file: string): HistoryLine[] =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as HistoryLine);
const readWeights = (file: string): { initialEpoch: number; weights: number[][] } =>
  JSON.parse(readFileSync(file, 'utf8')) as { initialEpoch: number; weights: number[][] };

describe('kill -9 after epoch 3 and resume (BackupAndRestore)', () => {
  it('gives the per-batch rates, final weights and history of the uninterrupted run', async () => {
    const uninterrupted = join(directory, 'uninterrupted');
    const interrupted = join(directory, 'interrupted');
    await runFixture(uninterrupted, 'full');
    expect(await runFixture(interrupted, 'hang-after-epoch-3')).toBe('SIGKILL');
    // The kill came after the history wrote epoch 3 and before the next backup: the backup is at epoch 3.
    expect(
      readLines(join(interrupted, 'history.jsonl'))
        .filter((row) => row.type === 'epoch')
        .map((row) => row.epoch),
    ).toEqual([0, 1, 2, 3]);
    expect(readFileSync(join(interrupted, 'backup', 'latest'), 'utf8')).toMatch(/^backup-\d+$/);
    await runFixture(interrupted, 'resume');

    const expected = readLines(join(uninterrupted, 'history.jsonl'));
    const resumed = readLines(join(interrupted, 'history.jsonl'));
    // No gap and no duplicate: each epoch once, 4 batch rows then its epoch row, in order.
    expect(resumed.map((row) => [row.type, row.epoch, row.batch ?? null])).toEqual(
      [0, 1, 2, 3, 4, 5].flatMap((epoch) => [...[0, 1, 2, 3].map((batch) => ['batch', epoch, batch]), ['epoch', epoch, null]]),
    );
    // Identical per-batch learning rates and steps (and, on cpu, identical losses).
    const key = (row: HistoryLine) => [row.type, row.epoch, row.batch, row.step, row.learningRate, row.loss, row.learning_rate];
    expect(resumed.map(key)).toEqual(expected.map(key));
    // The plateau had reduced the rate before the kill and kept reducing after it: its state crossed the kill.
    const schedule = warmup({ schedule: cosine({ initialValue: 0.05, decaySteps: 20 }), warmupSteps: 4 });
    const scales = resumed.filter((row) => row.type === 'batch' && row.step > 0).map((row) => row.learningRate / schedule(row.step));
    expect(scales.map((scale) => Number(scale.toFixed(6)))).toEqual([
      ...Array<number>(7).fill(1),
      ...Array<number>(8).fill(0.5),
      ...Array<number>(4).fill(0.25),
      ...Array<number>(4).fill(0.125),
    ]);

    const final = readWeights(join(interrupted, 'final-weights.json'));
    const reference = readWeights(join(uninterrupted, 'final-weights.json'));
    expect(final.initialEpoch).toBe(3);
    final.weights.forEach((values, index) => {
      const referenceValues = reference.weights[index] ?? [];
      expect(values).toHaveLength(referenceValues.length);
      values.forEach((value, position) => expect(Math.abs(value - (referenceValues[position] ?? Number.NaN))).toBeLessThanOrEqual(1e-6));
    });
    // Training ended normally: the backup is deleted.
    expect(existsSync(join(interrupted, 'backup'))).toBe(false);
  }, 60_000);
});

describe('BackupAndRestore after an aborted fit', () => {
  it('keeps the last completed epoch, leaks nothing, and the next fit resumes there', async () => {
    const tfjsLeak = await tfjsOwnAbortLeak(() => tf.train.adam(0.01), 4, 3, 1);
    const location = join(directory, 'aborted-backup');
    const model = linearModel(tf.train.adam(0.01));
    const { xs, ys } = linearData(4);
    await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 });
    const tensors = tf.memory().numTensors;
    const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    const backup = new BackupAndRestore({ location, saveEvery: 2, state: { scheduler } });
    await expect(model.fit(xs, ys, { epochs: 6, batchSize: 2, verbose: 0, callbacks: [scheduler, new LossHistory(), backup, throwAt(3, 1)] })).rejects.toThrow(
      'thrown at epoch 3, batch 1',
    );
    expect(tf.memory().numTensors).toBe(tensors + tfjsLeak);
    // saveEvery 2 wrote epoch 2; the abort wrote epoch 3, held in memory until then.
    const resumedModel = linearModel(tf.train.adam(0.01));
    const resumedScheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    const resumedBackup = new BackupAndRestore({ location, state: { scheduler: resumedScheduler } });
    expect(await resumedBackup.resume(resumedModel)).toBe(3);
    expect(resumedModel.optimizer.iterations).toBe(1 + 3 * 2);
    model.dispose();
    resumedModel.dispose();
    tf.dispose([xs, ys]);
    await resumedBackup.remove();
  });
});
