/**
 * Child process of the resume test: one deterministic run (cpu backend, seeded weights,
 * generated data, no shuffle) of 6 epochs with a warm-up + cosine schedule, ReduceLROnPlateau,
 * EarlyStopping (restoring the best weights), a LossHistory file and BackupAndRestore.
 *
 * usage: train-with-backup <directory> <full | hang-after-epoch-3 | resume>
 * - full: trains epochs 0–5 in one go;
 * - hang-after-epoch-3: trains, and at the end of epoch 3 (after the history wrote it, before
 *   the next backup) writes `<directory>/ready` and hangs until it is killed;
 * - resume: resumes from the backup and trains to epoch 6.
 * Writes the final weights to `<directory>/final-weights.json`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cosine, warmup } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { BackupAndRestore, EarlyStopping, LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '../src/index.js';

const [directory, mode] = process.argv.slice(2);
if (directory === undefined || !['full', 'hang-after-epoch-3', 'resume'].includes(mode ?? '')) {
  throw new Error('usage: train-with-backup <directory> <full | hang-after-epoch-3 | resume>');
}
await tf.setBackend('cpu');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 6, inputShape: [2], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }));
model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
const inputs = Array.from({ length: 16 }, (_, index) => [Math.sin(index), Math.cos(3 * index)]);
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(inputs.map(([a = 0, b = 0]) => [a * b + 0.5 * a]));

const scheduler = new LearningRateScheduler({
  schedule: warmup({ schedule: cosine({ initialValue: 0.05, decaySteps: 20 }), warmupSteps: 4 }),
  unit: 'batch',
});
// minDelta is large so that the plateau reduces during these 6 epochs.
const plateau = new ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, minDelta: 0.02 });
const stopping = new EarlyStopping({ monitor: 'loss', patience: 20, restoreBestWeights: true });
const history = new LossHistory({ file: join(directory, 'history.jsonl') });
const backup = new BackupAndRestore({ location: join(directory, 'backup'), state: { scheduler, plateau, stopping, history } });
const hang = new tf.CustomCallback({
  onEpochEnd: async (epoch) => {
    if (mode === 'hang-after-epoch-3' && epoch === 3) {
      writeFileSync(join(directory, 'ready'), 'epoch 3 done\n');
      await new Promise(() => setInterval(() => {}, 1000));
    }
  },
});

const initialEpoch = mode === 'resume' ? await backup.resume(model) : 0;
if (mode === 'resume' && initialEpoch === 0) throw new Error('no backup to resume');
await model.fit(xs, ys, {
  epochs: 6,
  initialEpoch,
  batchSize: 4,
  shuffle: false,
  verbose: 0,
  callbacks: [scheduler, plateau, stopping, history, backup, hang],
});
writeFileSync(
  join(directory, 'final-weights.json'),
  JSON.stringify({ initialEpoch, weights: model.getWeights().map((weight) => Array.from(weight.dataSync())) }),
);
