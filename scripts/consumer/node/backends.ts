// A user's ESM TypeScript project that trains a CNN on wasm with @lrkit/backends/node:
// selectBackend({ preferred: 'wasm' }) loads the .wasm binaries from the installed
// @tensorflow/tfjs-backend-wasm and registers lrkit's training kernels. tfjs-backend-wasm 4.22
// alone has no Conv2DBackpropFilter, so a conv layer cannot train on it without them.
// The same tiny CNN is trained on cpu first: the wasm losses must equal cpu's and fall.

import { selectBackend, wasmMissingKernelNames } from '@lrkit/backends/node';
import * as tf from '@tensorflow/tfjs';

const samples = 32;
const size = 8;

/** 32 8×8 images: class 0 is bright in the left half, class 1 in the right half, plus fixed noise. */
function makeData(): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  const pixels = new Float32Array(samples * size * size);
  for (let index = 0; index < pixels.length; index += 1) {
    const sample = Math.floor(index / (size * size));
    const column = index % size;
    const bright = column < size / 2 === (sample % 2 === 0);
    pixels[index] = (bright ? 1 : 0) + (((index * 7919) % 97) / 97 - 0.5) * 0.6;
  }
  const labels = tf.tidy(
    () =>
      tf.oneHot(
        tf.tensor1d(
          Array.from({ length: samples }, (_, sample) => sample % 2),
          'int32',
        ),
        2,
      ) as tf.Tensor2D,
  );
  return { images: tf.tensor4d(pixels, [samples, size, size, 1]), labels };
}

/** conv2d (3×3, 4 filters) → max pool → dense softmax, seeded so every backend starts equal. */
function tinyCnn(): tf.LayersModel {
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

/** Trains 3 epochs of 4 batches of 8 on the current backend; returns the loss of every batch. */
async function batchLosses(): Promise<{ losses: number[]; tensorsLeaked: number }> {
  const { images, labels } = makeData();
  const model = tinyCnn();
  const losses: number[] = [];
  const before = tf.memory().numTensors;
  await model.fit(images, labels, {
    epochs: 3,
    batchSize: 8,
    shuffle: false,
    verbose: 0,
    callbacks: { onBatchEnd: async (_batch, logs) => void losses.push(Number(logs?.['loss'])) },
  });
  const tensorsLeaked = tf.memory().numTensors - before;
  model.dispose();
  tf.dispose([images, labels]);
  return { losses, tensorsLeaked };
}

function epochMeans(losses: readonly number[]): number[] {
  return [0, 1, 2].map((epoch) => losses.slice(epoch * 4, epoch * 4 + 4).reduce((sum, loss) => sum + loss, 0) / 4);
}

await tf.setBackend('cpu');
const cpu = await batchLosses();

// Before lrkit: the wasm backend registers its kernels at import, and Conv2DBackpropFilter is not one of them.
await import('@tensorflow/tfjs-backend-wasm');
const missingBefore = wasmMissingKernelNames.filter((name) => tf.getKernel(name, 'wasm') === undefined);
if (tf.getKernel('Conv2D', 'wasm') === undefined || !missingBefore.includes('Conv2DBackpropFilter')) {
  throw new Error(`expected tfjs-backend-wasm to have Conv2D and lack Conv2DBackpropFilter; missing: ${JSON.stringify(missingBefore)}`);
}

const lines: string[] = [];
const selected = await selectBackend({ preferred: 'wasm', log: (line) => lines.push(line) });
if (selected.choice !== 'wasm' || tf.getBackend() !== 'wasm') throw new Error(`selected ${selected.choice}, tfjs runs on ${tf.getBackend()}`);
const missingAfter = wasmMissingKernelNames.filter((name) => tf.getKernel(name, 'wasm') === undefined);
if (missingAfter.length > 0) throw new Error(`still missing on wasm after selectBackend: ${missingAfter.join(', ')}`);

const wasm = await batchLosses();
const largestDifference = Math.max(...wasm.losses.map((loss, index) => Math.abs(loss - (cpu.losses[index] ?? Number.NaN))));
const means = epochMeans(wasm.losses);
if (wasm.losses.length !== 12 || !(largestDifference < 1e-5)) {
  throw new Error(`wasm losses ${JSON.stringify(wasm.losses)} differ from cpu ${JSON.stringify(cpu.losses)} by ${largestDifference}`);
}
if (!(means[1]! < means[0]! && means[2]! < means[1]! && means[2]! < 0.9 * means[0]!)) {
  throw new Error(`the loss did not fall: epoch means ${JSON.stringify(means)}`);
}
if (wasm.tensorsLeaked !== 0) throw new Error(`${wasm.tensorsLeaked} tensors leaked on wasm`);
console.log(
  `RESULT ${JSON.stringify({ ok: true, kind: 'backends-esm-typescript', backend: tf.getBackend(), lines, missingBefore, epochMeans: means, largestDifference })}`,
);
