import * as tf from '@tensorflow/tfjs';

/** The MNIST subset as tensors: images `[n, 28, 28, 1]` in [0, 1], labels one-hot `[n, 10]`. */
export interface MnistTensors {
  readonly trainImages: tf.Tensor4D;
  readonly trainLabels: tf.Tensor2D;
  readonly testImages: tf.Tensor4D;
  readonly testLabels: tf.Tensor2D;
  readonly trainCount: number;
  readonly testCount: number;
}

interface Manifest {
  readonly format: string;
  readonly file: string;
  readonly trainCount: number;
  readonly testCount: number;
}

const imageBytes = 28 * 28;

/**
 * Fetches the MNIST subset written by `scripts/mnist-subset.ts` (served from `data/`) and
 * keeps the first `limit` training images and the first `testLimit` test images.
 */
export async function loadMnist(baseUrl: string, limit?: number, testLimit?: number): Promise<MnistTensors> {
  const manifestResponse = await fetch(`${baseUrl}data/mnist-subset.json`);
  if (!manifestResponse.ok) throw new Error(`Cannot load the MNIST subset manifest: HTTP ${manifestResponse.status}`);
  const manifest = (await manifestResponse.json()) as Manifest;
  const response = await fetch(`${baseUrl}data/${manifest.file}`);
  if (!response.ok) throw new Error(`Cannot load the MNIST subset: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const expected = (manifest.trainCount + manifest.testCount) * (imageBytes + 1);
  if (bytes.byteLength !== expected) throw new Error(`The MNIST subset has ${bytes.byteLength} bytes; expected ${expected}`);
  const trainCount = Math.min(limit ?? manifest.trainCount, manifest.trainCount);
  const testCount = Math.min(testLimit ?? manifest.testCount, manifest.testCount);
  const trainImagesEnd = manifest.trainCount * imageBytes;
  const testImagesStart = trainImagesEnd + manifest.trainCount;
  const testLabelsStart = testImagesStart + manifest.testCount * imageBytes;
  const images = (start: number, count: number): tf.Tensor4D =>
    tf.tidy(() => tf.div(tf.tensor4d(Float32Array.from(bytes.subarray(start, start + count * imageBytes)), [count, 28, 28, 1]), 255));
  const labels = (start: number, count: number): tf.Tensor2D =>
    tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(bytes.subarray(start, start + count)), 'int32'), 10) as tf.Tensor2D);
  return {
    trainImages: images(0, trainCount),
    trainLabels: labels(trainImagesEnd, trainCount),
    testImages: images(testImagesStart, testCount),
    testLabels: labels(testLabelsStart, testCount),
    trainCount,
    testCount,
  };
}
