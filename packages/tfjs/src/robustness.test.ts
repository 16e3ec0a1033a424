import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineSchedule } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { useCpu } from './test-support.js';

beforeAll(useCpu);
const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const directory = mkdtempSync(join(tmpdir(), 'lrkit-robustness-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('all three callbacks together', () => {
  it('leave tf.memory().numTensors unchanged after 2,000 batches', async () => {
    const momentum = defineSchedule({ type: 'test-momentum' }, (step) => 0.8 + 0.1 * Math.sin(step));
    const schedule = defineSchedule({ type: 'test-lr' }, (step) => 0.001 * (1 + Math.cos(step)), momentum);
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: tf.train.momentum(0.001, 0.9), loss: 'meanSquaredError', metrics: ['mae'] });
    const xs = tf.randomNormal([200, 2], 0, 1, 'float32', 1);
    const ys = tf.sum(xs, 1, true);
    const validationXs = tf.randomNormal([4, 2], 0, 1, 'float32', 2);
    const validationYs = tf.sum(validationXs, 1, true);
    const validationData: [tf.Tensor, tf.Tensor] = [validationXs, validationYs];
    const callbacks = () => [new LearningRateScheduler({ schedule, unit: 'batch' }), new ReduceLROnPlateau({ patience: 1, factor: 0.5 }), new LossHistory()];
    // One warm-up batch creates the optimizer's own state (momentum accumulators).
    await model.fit(xs, ys, { epochs: 1, batchSize: 200, verbose: 0, validationData, callbacks: callbacks() });
    const before = tf.memory().numTensors;
    const attached = callbacks();
    await model.fit(xs, ys, { epochs: 20, batchSize: 2, verbose: 0, validationData, callbacks: attached });
    expect(tf.memory().numTensors).toBe(before);
    const history = attached[2] as LossHistory;
    expect(history.batches).toHaveLength(2000);
    expect(history.batches.every((row) => typeof row.loss === 'number' && typeof row.mae === 'number')).toBe(true);
    model.dispose();
    tf.dispose([xs, ys, validationXs, validationYs]);
  });
});

describe('device reads', () => {
  it('the scheduler never reads the device and the plateau reads once per epoch', async () => {
    const reads: Record<string, number> = {};
    let phase: string | undefined;
    const prototype = tf.Tensor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const originals = Object.fromEntries(['data', 'dataSync', 'array', 'arraySync'].map((name) => [name, prototype[name]]));
    for (const [name, original] of Object.entries(originals)) {
      prototype[name] = function (this: unknown, ...args: unknown[]) {
        if (phase !== undefined) reads[phase] = (reads[phase] ?? 0) + 1;
        return original?.apply(this, args);
      };
    }
    const scheduler = new LearningRateScheduler({ schedule: (step: number) => 0.01 / (1 + step), unit: 'batch' });
    const plateau = new ReduceLROnPlateau({ monitor: 'loss' });
    for (const [label, callback] of [
      ['scheduler', scheduler],
      ['plateau', plateau],
    ] as const) {
      const target = callback as unknown as Record<string, (...args: unknown[]) => Promise<void>>;
      for (const hook of ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd']) {
        const original = target[hook]?.bind(callback);
        target[hook] = async (...args: unknown[]) => {
          phase = `${label}.${hook}`;
          try {
            await original?.(...args);
          } finally {
            phase = undefined;
          }
        };
      }
    }
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
    model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'meanSquaredError', metrics: ['mae'] });
    const xs = tf.ones([8, 2]);
    const ys = tf.ones([8, 1]);
    try {
      await model.fit(xs, ys, { epochs: 3, batchSize: 2, verbose: 0, callbacks: [scheduler, plateau] });
    } finally {
      Object.assign(prototype, originals);
    }
    expect(reads).toEqual({ 'plateau.onEpochEnd': 3 });
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

describe('LossHistory file', () => {
  it('holds only complete JSON lines after the training process is killed with SIGKILL', async () => {
    const file = join(directory, 'killed.jsonl');
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join('test-fixtures', 'train-with-history-file.ts'), file], {
      cwd: packageDirectory,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Wait until a few epochs have been written, then kill in the middle of training.
    const deadline = Date.now() + 45_000;
    let epochsWritten = 0;
    while (epochsWritten < 5 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      epochsWritten = existsSync(file) ? (readFileSync(file, 'utf8').match(/"type":"epoch"/g) ?? []).length : 0;
    }
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe('SIGKILL');
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    const rows = lines.map((line) => JSON.parse(line) as { type: string; epoch: number });
    expect(rows.filter((row) => row.type === 'epoch').length).toBeGreaterThanOrEqual(5);
    // Each epoch: 4 batch rows then its epoch row.
    rows.forEach((row, index) => expect(row.type).toBe(index % 5 === 4 ? 'epoch' : 'batch'));
  });
});
