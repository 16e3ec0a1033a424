// A user's plain CommonJS script: require() the ESM-only lrkit packages (Node >= 20.19
// loads ES modules from require) and train the same tiny model as train.ts.
'use strict';
const tf = require('@tensorflow/tfjs');
const { step } = require('@lrkit/schedules');
const { LearningRateScheduler, LossHistory, ReduceLROnPlateau } = require('@lrkit/tfjs');

const expectedLearningRates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625];

async function main() {
  await tf.setBackend('cpu');
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const xs = tf.tensor2d(
    Array.from({ length: 32 }, (_, i) => ((i * 7) % 11) / 11 - 0.5),
    [16, 2],
  );
  const ys = tf.sum(xs, 1, true);
  const history = new LossHistory();
  await model.fit(xs, ys, {
    epochs: 6,
    batchSize: 8,
    shuffle: false,
    verbose: 0,
    callbacks: [
      new LearningRateScheduler({ schedule: step({ initialValue: 0.1, periodSteps: 4, factor: 0.5 }), unit: 'batch' }),
      new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, minDelta: 1e9 }),
      history,
    ],
  });
  const learningRates = history.batches.map((row) => row.learningRate);
  if (learningRates.length !== expectedLearningRates.length || learningRates.some((value, index) => Math.abs(value - expectedLearningRates[index]) > 1e-12)) {
    throw new Error(`learning rates ${JSON.stringify(learningRates)}, expected ${JSON.stringify(expectedLearningRates)}`);
  }
  console.log(`RESULT ${JSON.stringify({ ok: true, kind: 'commonjs', learningRates })}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
