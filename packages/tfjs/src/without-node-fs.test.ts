import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { linearData, linearModel, useCpu } from './test-support.js';

// As in a browser: importing node:fs fails, so the options that need a file system are refused.
vi.mock('node:fs', () => {
  throw new Error('node:fs is not available here');
});

beforeAll(useCpu);

describe('without node:fs (as in a browser)', () => {
  it('BackupAndRestore refuses a directory location with a RangeError naming the URL form', async () => {
    const { openBackupStore } = await import('./backup-store.js');
    const error = await openBackupStore('runs/backup').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe(
      "BackupAndRestore: `location` \"runs/backup\" is a directory, which needs Node's fs module; in the browser use a tfjs URL such as 'indexeddb://my-run'",
    );
  });

  it('LossHistory refuses `file` with a TypeError when training begins', async () => {
    const { LossHistory } = await import('./loss-history.js');
    const { xs, ys } = linearData(8);
    const model = linearModel(tf.train.sgd(0.1));
    const history = new LossHistory({ file: 'history.csv' });
    const error = await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0, callbacks: [history] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('LossHistory: `file` needs Node\'s fs module; it is not available here (received file "history.csv")');
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
