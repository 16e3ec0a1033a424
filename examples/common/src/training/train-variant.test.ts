import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { RawDataset } from '../data/image-set.js';
import { type PreparedDataset, prepareDataset } from '../data/prepare.js';
import { readJsonl } from '../report/jsonl.js';
import { collectingOutput } from '../testing/example-test-support.js';
import { compiledDemoCnn, type TrainingVariant, trainVariant } from './train-variant.js';

let directory: string;
let data: PreparedDataset;

/** 10×10 grey images (the smallest the demo CNN takes), 3 classes, labels from the pixel sum. */
function tinyRaw(trainCount: number, testCount: number): RawDataset {
  const make = (count: number, offset: number) => {
    const images = new Uint8Array(count * 100);
    const labels = new Uint8Array(count);
    for (let index = 0; index < count; index += 1) {
      labels[index] = (index + offset) % 3;
      for (let pixel = 0; pixel < 100; pixel += 1) images[index * 100 + pixel] = ((index + offset) * 37 + pixel * 11) % 256;
    }
    return { images, labels, count, height: 10, width: 10, channels: 1 };
  };
  return { name: 'tiny', classNames: ['a', 'b', 'c'], train: make(trainCount, 0), test: make(testCount, 5) };
}

function sgdVariant(name: string, schedule: (step: number) => number): TrainingVariant {
  return {
    name,
    description: `SGD ${name}`,
    createOptimizer: () => tf.train.sgd(schedule(0)),
    scheduler: { schedule, unit: 'batch', momentumSchedule: null },
  };
}

const settings = { epochs: 2, batchSize: 8, seed: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  directory = mkdtempSync(join(tmpdir(), 'lrkit-train-variant-'));
  data = prepareDataset(tinyRaw(40, 12), { validationFraction: 0.2, seed: 3 });
});

afterAll(() => {
  data.dispose();
  rmSync(directory, { recursive: true, force: true });
});

describe('compiledDemoCnn', () => {
  it('compiles the demo CNN for the dataset with the optimizer it creates', () => {
    const { model, optimizer } = compiledDemoCnn(data, 1, () => tf.train.sgd(0.05));
    expect(model.outputs[0]?.shape).toEqual([null, 3]);
    expect(model.optimizer).toBe(optimizer);
    model.dispose();
    optimizer.dispose();
  });
});

describe('trainVariant', () => {
  it('records every epoch with validation and test metrics and every batch with its learning rate', async () => {
    const result = await trainVariant(
      sgdVariant('halving', (step) => 0.1 / 2 ** step),
      data,
      settings,
      {
        directory,
        output: collectingOutput(),
        labelWidth: 10,
      },
    );
    // 32 training examples (8 held out), batch 8: 4 batches per epoch.
    expect(result.batches.map((batch) => batch.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.batches.map((batch) => batch.learningRate)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((step) => 0.1 / 2 ** step));
    expect(result.parameterUpdates).toBe(8);
    expect(result.epochs.map((epoch) => epoch.epoch)).toEqual([0, 1]);
    for (const epoch of result.epochs) {
      expect(Object.keys(epoch).sort()).toEqual(
        ['accuracy', 'epoch', 'learningRate', 'loss', 'testAccuracy', 'testLoss', 'validationAccuracy', 'validationLoss'].sort(),
      );
    }
    expect(result).toMatchObject({ name: 'halving', description: 'SGD halving', historyFile: 'halving.jsonl' });
    expect(result.wallTimeSeconds).toBeGreaterThan(0);
  });

  it('writes the history to <directory>/<name>.jsonl, one row per batch and per epoch', async () => {
    await trainVariant(
      sgdVariant('history', () => 0.05),
      data,
      settings,
      { directory, output: collectingOutput(), labelWidth: 10 },
    );
    const path = join(directory, 'history.jsonl');
    expect(existsSync(path)).toBe(true);
    const rows = readJsonl(path) as { type: string }[];
    expect(rows.filter((row) => row.type === 'batch')).toHaveLength(8);
    expect(rows.filter((row) => row.type === 'epoch')).toHaveLength(2);
  });

  it('labels the progress with the name padded to the label width', async () => {
    const output = collectingOutput();
    await trainVariant(
      sgdVariant('pad', () => 0.05),
      data,
      settings,
      { directory, output, labelWidth: 9 },
    );
    expect(output.text).toContain('pad      ');
  });

  it('gives the same losses for the same settings (same weights, same batch order)', async () => {
    const io = { directory, output: collectingOutput(), labelWidth: 10 };
    const first = await trainVariant(
      sgdVariant('repeat-1', () => 0.05),
      data,
      settings,
      io,
    );
    const second = await trainVariant(
      sgdVariant('repeat-2', () => 0.05),
      data,
      settings,
      io,
    );
    expect(second.batches.map((batch) => batch.loss)).toEqual(first.batches.map((batch) => batch.loss));
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await trainVariant(
      sgdVariant('memory', () => 0.05),
      data,
      settings,
      { directory, output: collectingOutput(), labelWidth: 10 },
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes the optimizer when training throws, and passes the error on', async () => {
    const optimizer = tf.train.sgd(0.05);
    const dispose = vi.spyOn(optimizer, 'dispose');
    const failing: TrainingVariant = {
      ...sgdVariant('failing', () => 0.05),
      createOptimizer: () => optimizer,
      scheduler: {
        schedule: (step: number) => {
          if (step >= 2) throw new Error('schedule failed at step 2');
          return 0.05;
        },
        unit: 'batch',
        momentumSchedule: null,
      },
    };
    const run = trainVariant(failing, data, settings, { directory, output: collectingOutput(), labelWidth: 10 });
    await expect(run).rejects.toThrow('schedule failed at step 2');
    expect(dispose).toHaveBeenCalledTimes(1);
  });
});
