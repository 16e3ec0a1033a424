import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import type { SharedOptions } from '../cli/shared-options.js';
import type { RawDataset } from '../data/image-set.js';
import { collectingOutput, temporaryDirectory } from '../testing/example-test-support.js';
import { prepareRun } from './prepare-run.js';

const root = temporaryDirectory('lrkit-prepare-run-');

function tinyRaw(trainCount: number, testCount: number): RawDataset {
  const make = (count: number) => ({
    images: new Uint8Array(count * 4).map((_, index) => index % 256),
    labels: new Uint8Array(count).map((_, index) => index % 2),
    count,
    height: 2,
    width: 2,
    channels: 1,
  });
  return { name: 'tiny', classNames: ['a', 'b'], train: make(trainCount), test: make(testCount) };
}

function options(overrides: Partial<SharedOptions> = {}): SharedOptions {
  return {
    dataset: 'mnist',
    batchSize: 8,
    limit: 40,
    testLimit: 10,
    validationFraction: 0.25,
    seed: 2,
    backend: 'cpu',
    dataDirectory: undefined,
    out: root(),
    runDirectory: undefined,
    ...overrides,
  };
}

describe('prepareRun', () => {
  it('selects the requested backend, logs it and prepares the limited, split dataset', async () => {
    const output = collectingOutput();
    const run = await prepareRun('example', options(), { output, raw: tinyRaw(100, 30) });
    try {
      expect(run.backend).toBe('cpu');
      expect(tf.getBackend()).toBe('cpu');
      expect(output.text).toContain('cpu');
      expect(run.datasetLabel).toBe('tiny (30 train / 10 validation / 10 test)');
      expect(run.output).toBe(output);
    } finally {
      run.data.dispose();
    }
  });

  it('creates a timestamped folder under <out>/<exampleName>/', async () => {
    const run = await prepareRun('example', options(), { output: collectingOutput(), raw: tinyRaw(100, 30) });
    run.data.dispose();
    expect(run.directory.startsWith(join(root(), 'example'))).toBe(true);
    expect(existsSync(run.directory)).toBe(true);
  });

  it('uses --run-dir as it is, creating it', async () => {
    const runDirectory = join(root(), 'fixed', 'folder');
    const run = await prepareRun('example', options({ runDirectory }), { output: collectingOutput(), raw: tinyRaw(100, 30) });
    run.data.dispose();
    expect(run.directory).toBe(runDirectory);
    expect(existsSync(runDirectory)).toBe(true);
  });

  it('prints through print, one line each', async () => {
    const output = collectingOutput();
    const run = await prepareRun('example', options(), { output, raw: tinyRaw(100, 30) });
    run.data.dispose();
    const before = output.text;
    run.print('hello');
    expect(output.text).toBe(`${before}hello\n`);
  });

  it('disposes the data when the run directory cannot be created', async () => {
    const blocker = join(root(), 'a-file');
    writeFileSync(blocker, '');
    await prepareRun('example', options(), { output: collectingOutput(), raw: tinyRaw(100, 30) }).then((run) => run.data.dispose());
    const before = tf.memory().numTensors;
    await expect(
      prepareRun('example', options({ runDirectory: join(blocker, 'inside') }), { output: collectingOutput(), raw: tinyRaw(100, 30) }),
    ).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});
