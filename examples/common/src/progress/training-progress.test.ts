import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { formatDuration, formatEpochLine, formatNumber } from './format.js';
import { TrainingProgress } from './training-progress.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A fake stream that records what was written. */
function recorder(isTTY: boolean): {
  write(text: string): boolean;
  isTTY: boolean;
  text: string;
  columns: number;
  cursorTo(): boolean;
  clearLine(): boolean;
  moveCursor(): boolean;
} {
  return {
    isTTY,
    text: '',
    columns: 200,
    write(text: string) {
      this.text += text;
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  };
}

/** A clock that advances by `step` milliseconds per reading. */
function clock(step: number): () => number {
  let time = 0;
  return () => {
    time += step;
    return time;
  };
}

describe('progress formatting', () => {
  it('writes numbers with 4 significant digits and no trailing zeros', () => {
    expect([formatNumber(0.1), formatNumber(1 / 11), formatNumber(2.302585), formatNumber(Number.NaN)]).toEqual(['0.1', '0.09091', '2.303', 'nan']);
  });

  it('writes durations as seconds, minutes or hours', () => {
    expect([formatDuration(3.25), formatDuration(245), formatDuration(3720)]).toEqual(['3.3s', '4m05s', '1h02m']);
  });

  it('omits the ETA on the last epoch', () => {
    expect(formatEpochLine({ label: 'adam', epoch: 2, epochs: 2, logs: { loss: 0.5 }, learningRate: 0.001, seconds: 2, remainingSeconds: 0 })).toBe(
      'adam epoch 2/2  loss 0.5  lr 0.001  2.0s',
    );
  });
});

describe('TrainingProgress', () => {
  it('prints one plain line per epoch with loss, metric, learning rate, time and ETA when not on a terminal', async () => {
    const output = recorder(false);
    const progress = new TrainingProgress({
      epochs: 3,
      batchesPerEpoch: 2,
      label: 'constant',
      output,
      now: clock(1000),
      learningRate: () => 0.1,
    });
    await progress.onTrainBegin();
    await progress.onEpochBegin(0);
    await progress.onBatchEnd(0, { loss: 1 });
    await progress.onEpochEnd(0, { val_loss: 0.8, val_acc: 0.45, loss: 0.75, acc: 0.5 });
    expect(output.text).toBe('constant epoch 1/3  loss 0.75  acc 0.5  val_loss 0.8  val_acc 0.45  lr 0.1  1.0s  ETA 4.0s\n');
  });

  it('reads the learning rate from the model optimizer during a real fit', async () => {
    const output = recorder(false);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: tf.train.sgd(0.25), loss: 'meanSquaredError' });
    const xs = tf.ones([4, 1]);
    await model.fit(xs, xs, {
      epochs: 2,
      batchSize: 2,
      verbose: 0,
      callbacks: [new TrainingProgress({ epochs: 2, batchesPerEpoch: 2, output })],
    });
    const lines = output.text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^epoch 1\/2 {2}loss \S+ {2}lr 0\.25 {2}\S+s {2}ETA \S+s$/);
    expect(lines[1]).toMatch(/^epoch 2\/2 {2}loss \S+ {2}lr 0\.25 {2}\S+s$/);
    xs.dispose();
    model.dispose();
  });

  it('draws a bar with the batch count, loss, metric and learning rate on a terminal', async () => {
    const output = recorder(true);
    const progress = new TrainingProgress({
      epochs: 1,
      batchesPerEpoch: 4,
      label: 'adam',
      output,
      interactive: true,
      learningRate: () => 0.001,
    });
    await progress.onTrainBegin();
    await progress.onEpochBegin(0);
    await progress.onBatchEnd(0, { loss: 0.9, acc: 0.25 });
    await progress.onEpochEnd(0, { loss: 0.5, acc: 0.75, val_acc: 0.7 });
    expect(output.text).toContain('adam epoch 1/1 [');
    expect(output.text).toContain('4/4 | loss 0.5 | acc 0.75 | lr 0.001 | ETA');
    expect(output.text).toContain('| val_acc 0.7 |');
  });
});
