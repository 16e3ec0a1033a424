import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readJsonl, toJsonl } from './jsonl.js';
import { createRunDirectory } from './run-directory.js';
import { summaryTable } from './summary-table.js';
import { TestEvaluation } from './test-evaluation.js';
import { summarizeVariant, type VariantResult } from './variant-result.js';
import { reportCharts, writeReport } from './write-report.js';

let root: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(join(tmpdir(), 'lrkit-report-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const decayed: VariantResult = {
  name: 'step',
  description: 'SGD, step decay',
  epochs: [
    { epoch: 0, loss: 1.5, testAccuracy: 0.8, learningRate: 0.1 },
    { epoch: 1, loss: 0.5, testAccuracy: 0.9, learningRate: 0.05 },
    { epoch: 2, loss: 0.25, testAccuracy: 0.85, learningRate: 0.05 },
  ],
  batches: [0, 1, 2, 3, 4, 5].map((step) => ({
    step,
    epoch: Math.floor(step / 2),
    batch: step % 2,
    loss: 2 - step / 4,
    learningRate: step < 2 ? 0.1 : 0.05,
  })),
  parameterUpdates: 6,
  wallTimeSeconds: 12.25,
  historyFile: 'step.jsonl',
};

const adam: VariantResult = { ...decayed, name: 'adam', description: 'Adam 0.001', historyFile: 'adam.jsonl' };

describe('run directory', () => {
  it('creates runs/<example>/<UTC timestamp without colons>', () => {
    const directory = createRunDirectory('demo', { root, date: new Date('2026-11-23T13:05:53.123Z') });
    expect(directory).toBe(join(root, 'demo', '2026-11-23T13-05-53Z'));
    expect(existsSync(directory)).toBe(true);
  });

  it('adds a suffix when a run of the same second exists', () => {
    const date = new Date('2026-11-23T14:00:00Z');
    createRunDirectory('twice', { root, date });
    expect(basename(createRunDirectory('twice', { root, date }))).toBe('2026-11-23T14-00-00Z-2');
  });
});

describe('summary', () => {
  it('reports final and best test accuracy with the epoch of the best', () => {
    const summary = summarizeVariant(decayed);
    expect([summary.finalTestAccuracy, summary.bestTestAccuracy, summary.bestEpoch, summary.finalLoss]).toEqual([0.85, 0.9, 2, 0.25]);
    expect([summary.epochs, summary.parameterUpdates]).toEqual([3, 6]);
  });

  it('renders one table row per variant with accuracy, loss, epochs, updates, time and backend', () => {
    const table = summaryTable([decayed], 'wasm').split('\n');
    expect(table).toHaveLength(3);
    expect(table[2]).toBe('| step | 85.00% | 90.00% (2) | 0.2500 | 3 | 6 | 12.3 s | wasm |');
  });
});

describe('charts', () => {
  it('puts per-batch learning rates on an epoch axis, log scale', () => {
    const charts = reportCharts([decayed]);
    expect(charts['learning-rate'].yScale).toBe('log');
    expect(charts['learning-rate'].series[0]?.points.slice(0, 3)).toEqual([
      { x: 0, y: 0.1 },
      { x: 0.5, y: 0.1 },
      { x: 1, y: 0.05 },
    ]);
    expect(charts.accuracy.series[0]?.points).toEqual([
      { x: 1, y: 0.8 },
      { x: 2, y: 0.9 },
      { x: 3, y: 0.85 },
    ]);
  });

  it('overlays one series per variant, named after it', () => {
    const charts = reportCharts([decayed, adam]);
    for (const chart of Object.values(charts)) expect(chart.series.map((series) => series.name)).toEqual(['step', 'adam']);
  });
});

describe('writeReport', () => {
  it('writes summary.md, summary.json and the three charts next to the histories', async () => {
    const directory = createRunDirectory('report', { root });
    writeFileSync(join(directory, 'step.jsonl'), toJsonl(decayed.batches));
    const written = await writeReport(directory, {
      example: 'report',
      title: 'Schedule comparison',
      command: 'pnpm demo',
      dataset: 'mnist (10 train)',
      backend: 'cpu',
      settings: { epochs: 3, seed: 1 },
      variants: [decayed, adam],
      startedAt: new Date('2026-11-23T13:00:00Z'),
    });
    expect(Object.keys(written.charts)).toEqual(['learning-rate', 'loss', 'accuracy']);
    expect(written.files).toEqual([
      'learning-rate.svg',
      'learning-rate.png',
      'loss.svg',
      'loss.png',
      'accuracy.svg',
      'accuracy.png',
      'summary.md',
      'summary.json',
    ]);
    expect(readFileSync(join(directory, 'accuracy.svg'), 'utf8')).toContain('<svg');
    expect(Array.from(readFileSync(join(directory, 'accuracy.png')).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readFileSync(join(directory, 'summary.md'), 'utf8')).toContain('![learning rate](learning-rate.svg)');
    const summary = readFileSync(join(directory, 'summary.md'), 'utf8');
    expect(summary).toContain('| adam | 85.00% | 90.00% (2) | 0.2500 | 3 | 6 | 12.3 s | cpu |');
    expect(summary).toContain('- **step**: SGD, step decay ([history](step.jsonl))');
    const json = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as { variants: { bestTestAccuracy: number }[] };
    expect(json.variants.map((variant) => variant.bestTestAccuracy)).toEqual([0.9, 0.9]);
    expect(readJsonl(join(directory, 'step.jsonl'))).toEqual(decayed.batches);
    expect(dirname(directory)).toBe(join(root, 'report'));
  });

  it('names the file and line of a broken JSONL row', () => {
    const path = join(root, 'broken.jsonl');
    writeFileSync(path, '{"a":1}\n{oops\n');
    expect(() => readJsonl(path)).toThrow(`${path}:2: not valid JSON`);
  });
});

describe('TestEvaluation', () => {
  it('evaluates the test set after every epoch and adds test_loss and test_acc to the logs', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2], activation: 'softmax' })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const xs = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    const ys = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    const before = tf.memory().numTensors;
    const test = new TestEvaluation({ xs, ys });
    const seen: number[] = [];
    const history = await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 2,
      verbose: 0,
      callbacks: [test, new tf.CustomCallback({ onEpochEnd: (_epoch, logs) => void seen.push(logs?.test_acc as number) })],
    });
    expect(test.records.map((record) => record.epoch)).toEqual([0, 1]);
    expect(seen).toEqual(test.records.map((record) => record.accuracy));
    const [loss, accuracy] = model.evaluate(xs, ys) as tf.Scalar[];
    expect(test.records[1]?.loss).toBeCloseTo((await loss!.data())[0] as number, 6);
    expect(test.records[1]?.accuracy).toBe((await accuracy!.data())[0]);
    tf.dispose([loss!, accuracy!]);
    expect(history.epoch).toEqual([0, 1]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
