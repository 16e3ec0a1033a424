import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { toJsonl } from '../report/jsonl.js';
import { collectingOutput, historyBatchRows, temporaryDirectory } from './example-test-support.js';

const root = temporaryDirectory('lrkit-test-support-');

describe('collectingOutput', () => {
  it('keeps everything written, in order', () => {
    const output = collectingOutput();
    expect(output.write('a\n')).toBe(true);
    output.write('b');
    expect(output.text).toBe('a\nb');
  });
});

describe('temporaryDirectory', () => {
  it('gives an existing directory once the tests run', () => {
    expect(existsSync(root())).toBe(true);
  });
});

describe('historyBatchRows', () => {
  it('keeps the batch rows with epoch, step, learning rate and loss, skipping epoch rows', () => {
    const path = join(root(), 'history.jsonl');
    writeFileSync(
      path,
      toJsonl([
        { type: 'batch', epoch: 0, batch: 0, step: 0, learningRate: 0.1, loss: 2.5, acc: 0.1 },
        { type: 'batch', epoch: 0, batch: 1, step: 1, learningRate: 0.05, loss: 2.25 },
        { type: 'epoch', epoch: 0, learningRate: 0.05, loss: 2.4 },
      ]),
    );
    expect(historyBatchRows(path)).toEqual([
      { epoch: 0, step: 0, learningRate: 0.1, loss: 2.5 },
      { epoch: 0, step: 1, learningRate: 0.05, loss: 2.25 },
    ]);
  });
});
