// A user's browser page, bundled with esbuild: the browser-safe entry of @lrkit/backends
// starts the wasm backend with the .wasm binaries served from /wasm/ and registers lrkit's
// training kernels, then a tiny CNN trains on wasm. Its conv layer needs Conv2DBackpropFilter,
// which tfjs-backend-wasm 4.22 lacks. The same model trains on cpu first: the wasm losses
// must equal cpu's and fall.

import { initializeWasmBackend, wasmMissingKernelNames } from '@lrkit/backends';
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';

const samples = 32;
const size = 8;
const status = document.querySelector('#status');

function makeData() {
  const pixels = new Float32Array(samples * size * size);
  for (let index = 0; index < pixels.length; index += 1) {
    const sample = Math.floor(index / (size * size));
    const column = index % size;
    const bright = column < size / 2 === (sample % 2 === 0);
    pixels[index] = (bright ? 1 : 0) + (((index * 7919) % 97) / 97 - 0.5) * 0.6;
  }
  const labels = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Array.from({ length: samples }, (_, sample) => sample % 2),
        'int32',
      ),
      2,
    ),
  );
  return { images: tf.tensor4d(pixels, [samples, size, size, 1]), labels };
}

function tinyCnn() {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [size, size, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.2), loss: 'categoricalCrossentropy' });
  return model;
}

async function batchLosses() {
  const { images, labels } = makeData();
  const model = tinyCnn();
  const losses = [];
  const before = tf.memory().numTensors;
  await model.fit(images, labels, {
    epochs: 3,
    batchSize: 8,
    shuffle: false,
    verbose: 0,
    callbacks: { onBatchEnd: async (_batch, logs) => void losses.push(Number(logs.loss)) },
  });
  const tensorsLeaked = tf.memory().numTensors - before;
  model.dispose();
  tf.dispose([images, labels]);
  return { losses, tensorsLeaked };
}

const epochMeans = (losses) => [0, 1, 2].map((epoch) => losses.slice(epoch * 4, epoch * 4 + 4).reduce((sum, loss) => sum + loss, 0) / 4);

async function main() {
  await tf.setBackend('cpu');
  const cpu = await batchLosses();
  // Importing tfjs-backend-wasm registered the backend and its kernels; lrkit's are not there yet.
  const missingBefore = wasmMissingKernelNames.filter((name) => tf.getKernel(name, 'wasm') === undefined);
  const started = await initializeWasmBackend(wasm, { wasmPaths: '/wasm/' });
  const missingAfter = wasmMissingKernelNames.filter((name) => tf.getKernel(name, 'wasm') === undefined);
  const trainingStart = performance.now();
  const onWasm = await batchLosses();
  const trainingMs = performance.now() - trainingStart;
  const backend = tf.getBackend();
  const largestDifference = Math.max(...onWasm.losses.map((loss, index) => Math.abs(loss - cpu.losses[index])));
  const cpuMeans = epochMeans(cpu.losses);
  const wasmMeans = epochMeans(onWasm.losses);
  const problems = [];
  if (!started || backend !== 'wasm') problems.push(`initializeWasmBackend returned ${started}, tfjs runs on ${backend}`);
  if (!missingBefore.includes('Conv2DBackpropFilter'))
    problems.push(`tfjs-backend-wasm already had Conv2DBackpropFilter (missing before: ${JSON.stringify(missingBefore)})`);
  if (missingAfter.length > 0) problems.push(`still missing on wasm: ${missingAfter.join(', ')}`);
  if (onWasm.losses.length !== 12 || !(largestDifference < 1e-5)) problems.push(`wasm losses differ from cpu by ${largestDifference}`);
  if (!(wasmMeans[1] < wasmMeans[0] && wasmMeans[2] < wasmMeans[1] && wasmMeans[2] < 0.9 * wasmMeans[0]))
    problems.push(`the loss did not fall: ${JSON.stringify(wasmMeans)}`);
  if (onWasm.tensorsLeaked !== 0) problems.push(`${onWasm.tensorsLeaked} tensors leaked on wasm`);
  const ok = problems.length === 0;

  document.querySelector('#rows').innerHTML = wasmMeans
    .map((mean, epoch) => `<tr><td>${epoch + 1}</td><td>${cpuMeans[epoch].toFixed(6)}</td><td>${mean.toFixed(6)}</td></tr>`)
    .join('');
  status.textContent = ok
    ? `success: 12 batches on backend "${backend}" in ${trainingMs.toFixed(0)} ms, losses equal cpu's (largest difference ${largestDifference.toExponential(1)}), mean loss ${wasmMeans[0].toFixed(3)} → ${wasmMeans[2].toFixed(3)}`
    : `failure: ${problems.join('; ')}`;
  status.className = ok ? 'ok' : 'failed';
  window.lrkitResult = { ok, problems, backend, missingBefore, epochMeans: wasmMeans, largestDifference, trainingMs };
}

main().catch((error) => {
  status.textContent = `failure: ${error && error.stack ? error.stack : error}`;
  status.className = 'failed';
  window.lrkitResult = { ok: false, error: String(error) };
});
