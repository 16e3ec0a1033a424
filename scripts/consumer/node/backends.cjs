// A user's plain CommonJS script: require() @lrkit/backends/node (ESM-only; Node >= 20.19
// loads it from require), select the wasm backend and train the same tiny CNN as
// backends.ts, whose conv layer needs lrkit's Conv2DBackpropFilter on wasm. The wasm losses
// must equal cpu's and fall.
'use strict';
const tf = require('@tensorflow/tfjs');
const { selectBackend, wasmMissingKernelNames } = require('@lrkit/backends/node');

const samples = 32;
const size = 8;

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
  await model.fit(images, labels, {
    epochs: 3,
    batchSize: 8,
    shuffle: false,
    verbose: 0,
    callbacks: { onBatchEnd: async (_batch, logs) => void losses.push(Number(logs.loss)) },
  });
  model.dispose();
  tf.dispose([images, labels]);
  return losses;
}

async function main() {
  await tf.setBackend('cpu');
  const cpu = await batchLosses();
  const lines = [];
  const selected = await selectBackend({ preferred: 'wasm', log: (line) => lines.push(line) });
  if (selected.choice !== 'wasm' || tf.getBackend() !== 'wasm') throw new Error(`selected ${selected.choice}, tfjs runs on ${tf.getBackend()}`);
  const missing = wasmMissingKernelNames.filter((name) => tf.getKernel(name, 'wasm') === undefined);
  if (missing.length > 0) throw new Error(`still missing on wasm after selectBackend: ${missing.join(', ')}`);
  const wasm = await batchLosses();
  const largestDifference = Math.max(...wasm.map((loss, index) => Math.abs(loss - cpu[index])));
  if (wasm.length !== 12 || !(largestDifference < 1e-5)) {
    throw new Error(`wasm losses ${JSON.stringify(wasm)} differ from cpu ${JSON.stringify(cpu)} by ${largestDifference}`);
  }
  const means = [0, 1, 2].map((epoch) => wasm.slice(epoch * 4, epoch * 4 + 4).reduce((sum, loss) => sum + loss, 0) / 4);
  if (!(means[1] < means[0] && means[2] < means[1] && means[2] < 0.9 * means[0])) {
    throw new Error(`the loss did not fall: epoch means ${JSON.stringify(means)}`);
  }
  console.log(`RESULT ${JSON.stringify({ ok: true, kind: 'backends-commonjs', backend: tf.getBackend(), lines, epochMeans: means, largestDifference })}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
