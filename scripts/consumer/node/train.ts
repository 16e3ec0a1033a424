// A user's ESM TypeScript project: train a tiny model with the three lrkit callbacks and
// check the learning rate used at every update. Type-checked by tsc (strict) with
// moduleResolution node16 and bundler, then run with node.

import { type Schedule, step, toConfig } from '@lrkit/schedules';
import { type HistoryRow, LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';

// 16 samples, batches of 8: 2 updates per epoch, 6 epochs, 12 updates.
// Schedule (per update): 0.1, halved every 4 updates. Plateau: every epoch after the first
// is "bad" (minDelta is huge), patience 2 → the scale halves after epochs 2 and 4.
// Learning rate used at update s = schedule(s) × scale at the start of its epoch.
export const expectedLearningRates: readonly number[] = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625];

export async function train(): Promise<{ learningRates: number[]; epochLosses: number[]; tensorsLeaked: number }> {
  await tf.setBackend('cpu');
  const schedule: Schedule = step({ initialValue: 0.1, periodSteps: 4, factor: 0.5 });
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const xs = tf.tensor2d(
    Array.from({ length: 32 }, (_, i) => ((i * 7) % 11) / 11 - 0.5),
    [16, 2],
  );
  const ys = tf.sum(xs, 1, true);
  const before = tf.memory().numTensors;

  const history = new LossHistory();
  await model.fit(xs, ys, {
    epochs: 6,
    batchSize: 8,
    shuffle: false,
    verbose: 0,
    callbacks: [
      new LearningRateScheduler({ schedule, unit: 'batch' }),
      new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, minDelta: 1e9 }),
      history,
    ],
  });
  const tensorsLeaked = tf.memory().numTensors - before;
  const learningRates = history.batches.map((row: HistoryRow) => row.learningRate);
  const epochLosses = history.epochs.map((row: HistoryRow) => Number(row['loss']));
  if (toConfig(schedule).type !== 'step') throw new Error('toConfig lost the schedule type');
  tf.dispose([xs, ys]);
  model.dispose();
  return { learningRates, epochLosses, tensorsLeaked };
}

function assertClose(actual: readonly number[], expected: readonly number[]): void {
  if (actual.length !== expected.length) {
    throw new Error(`expected ${expected.length} learning rates, got ${actual.length}: ${JSON.stringify(actual)}`);
  }
  actual.forEach((value, index) => {
    const want = expected[index] ?? Number.NaN;
    if (Math.abs(value - want) > 1e-12) throw new Error(`update ${index}: learning rate ${value}, expected ${want}`);
  });
}

const result = await train();
assertClose(result.learningRates, expectedLearningRates);
if (!result.epochLosses.every(Number.isFinite)) throw new Error(`non-finite losses ${JSON.stringify(result.epochLosses)}`);
if (result.tensorsLeaked !== 0) throw new Error(`${result.tensorsLeaked} tensors leaked`);
console.log(`RESULT ${JSON.stringify({ ok: true, kind: 'esm-typescript', ...result })}`);
