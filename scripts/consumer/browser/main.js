// A user's browser page, bundled with esbuild: train a tiny model with @lrkit/schedules +
// @lrkit/tfjs in the page and show the learning rate used at every update.

import { step } from '@lrkit/schedules';
import { LearningRateScheduler, LossHistory, ReduceLROnPlateau } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';

const expectedLearningRates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625];
const status = document.querySelector('#status');

function chart(values) {
  const width = 560;
  const height = 180;
  const pad = 28;
  const max = Math.max(...values);
  const x = (index) => pad + (index * (width - 2 * pad)) / (values.length - 1);
  const y = (value) => height - pad - (value / max) * (height - 2 * pad);
  const points = values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const dots = values.map((value, index) => `<circle cx="${x(index).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3.5" fill="#1f6feb"/>`).join('');
  return `<svg width="${width}" height="${height}" role="img" aria-label="learning rate per update">
    <line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#888"/>
    <line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#888"/>
    <text x="${width / 2}" y="${height - 6}" font-size="12" text-anchor="middle">update</text>
    <text x="4" y="${pad - 8}" font-size="12">lr (max ${max})</text>
    <polyline points="${points}" fill="none" stroke="#1f6feb" stroke-width="2"/>${dots}</svg>`;
}

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
  const plateau = new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, minDelta: 1e9 });
  await model.fit(xs, ys, {
    epochs: 6,
    batchSize: 8,
    shuffle: false,
    verbose: 0,
    callbacks: [new LearningRateScheduler({ schedule: step({ initialValue: 0.1, periodSteps: 4, factor: 0.5 }), unit: 'batch' }), plateau, history],
  });
  const learningRates = history.batches.map((row) => row.learningRate);
  const ok =
    learningRates.length === expectedLearningRates.length && learningRates.every((value, index) => Math.abs(value - expectedLearningRates[index]) <= 1e-12);

  document.querySelector('#chart').innerHTML = chart(learningRates);
  document.querySelector('#rows').innerHTML = history.batches
    .map((row) => `<tr><td>${row.epoch}</td><td>${row.batch}</td><td>${row.step}</td><td>${row.learningRate}</td><td>${Number(row.loss).toFixed(5)}</td></tr>`)
    .join('');
  status.textContent = ok
    ? `success: ${learningRates.length} updates on backend "${tf.getBackend()}", ${plateau.state.reductions} plateau reductions, learning rates as expected`
    : `failure: learning rates ${JSON.stringify(learningRates)}`;
  status.className = ok ? 'ok' : 'failed';
  window.lrkitResult = { ok, learningRates, backend: tf.getBackend(), reductions: plateau.state.reductions };
}

main().catch((error) => {
  status.textContent = `failure: ${error && error.stack ? error.stack : error}`;
  status.className = 'failed';
  window.lrkitResult = { ok: false, error: String(error) };
});
