/**
 * Child process of the kill -9 test: trains a tiny model for a very long time with a
 * LossHistory streaming JSON Lines to the file given as the first argument.
 */
import * as tf from '@tensorflow/tfjs';
import { LearningRateScheduler, LossHistory } from '../src/index.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: train-with-history-file <file>');
await tf.setBackend('cpu');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
const xs = tf.randomNormal([16, 1]);
const ys = tf.mul(xs, 3);
const scheduler = new LearningRateScheduler({ schedule: (step: number) => 0.01 / (1 + step / 100), unit: 'batch' });
await model.fit(xs, ys, {
  epochs: 1_000_000,
  batchSize: 4,
  verbose: 0,
  callbacks: [scheduler, new LossHistory({ file })],
});
