import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { checkImageSet, concatImageSets, type ImageSet, type RawDataset } from './image-set.js';

/** The CIFAR-10 class names, in label order. */
export const cifar10ClassNames: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** The six files of the official CIFAR-10 binary version. */
export const cifar10FileNames = {
  train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
  test: 'test_batch.bin',
} as const;

const side = 32;
const pixelsPerChannel = side * side;
const recordLength = 1 + 3 * pixelsPerChannel;

/**
 * Decodes one CIFAR-10 binary batch: records of 1 label byte followed by 3,072 pixel
 * bytes (1,024 red, then 1,024 green, then 1,024 blue, each row-major). The pixels are
 * returned channels last (height × width × 3), the layout tfjs convolutions expect.
 *
 * @param bytes - the file's content; its length must be a multiple of 3,073.
 * @param source - a name for error messages.
 * @returns the images (32×32×3) and labels.
 * @example
 * ```ts
 * const batch = parseCifar10Batch(await readFile('test_batch.bin'), 'test_batch.bin');
 * batch.count; // 10000
 * ```
 */
export function parseCifar10Batch(bytes: Uint8Array, source = 'CIFAR-10 batch'): ImageSet {
  if (bytes.length === 0 || bytes.length % recordLength !== 0) {
    throw new RangeError(`${source}: a CIFAR-10 batch holds records of ${recordLength} bytes (1 label + 3072 pixels); received ${bytes.length} bytes`);
  }
  const count = bytes.length / recordLength;
  const images = new Uint8Array(count * 3 * pixelsPerChannel);
  const labels = new Uint8Array(count);
  for (let record = 0; record < count; record += 1) {
    const offset = record * recordLength;
    const label = bytes[offset] as number;
    if (label > 9) throw new RangeError(`${source}: record ${record} has label ${label}; labels are 0 … 9`);
    labels[record] = label;
    const target = record * 3 * pixelsPerChannel;
    for (let pixel = 0; pixel < pixelsPerChannel; pixel += 1) {
      for (let channel = 0; channel < 3; channel += 1) {
        images[target + pixel * 3 + channel] = bytes[offset + 1 + channel * pixelsPerChannel + pixel] as number;
      }
    }
  }
  return checkImageSet({ images, labels, count, height: side, width: side, channels: 3 }, source);
}

/** Options of {@link loadCifar10}. */
export interface LoadCifar10Options {
  /** The directory holding data_batch_1.bin … data_batch_5.bin and test_batch.bin. */
  readonly directory: string | undefined;
}

/**
 * Loads CIFAR-10 (50,000 training and 10,000 test colour images, 32×32) from the official
 * binary batches in a directory the user gives. CIFAR-10 is not on the npm registry; get
 * `cifar-10-binary.tar.gz` from the dataset's home page and unpack it (the files are in
 * `cifar-10-batches-bin/`).
 *
 * @param options - the directory.
 * @returns the raw training and test sets.
 * @throws Error naming the directory and the expected files when some are missing.
 * @example
 * ```ts
 * const cifar = await loadCifar10({ directory: 'data/cifar-10-batches-bin' });
 * ```
 */
export async function loadCifar10(options: LoadCifar10Options): Promise<RawDataset> {
  const expected = [...cifar10FileNames.train, cifar10FileNames.test];
  if (options.directory === undefined) {
    throw new Error(
      `cifar10: pass --data-dir <directory> holding the official CIFAR-10 binary batches (${expected.join(', ')}); unpack cifar-10-binary.tar.gz from the dataset's home page (its files are in cifar-10-batches-bin/)`,
    );
  }
  const directory = resolve(options.directory);
  const missing = expected.filter((file) => !existsSync(join(directory, file)));
  if (missing.length > 0) {
    throw new Error(
      `cifar10: the directory ${directory} lacks ${missing.join(', ')}; expected the official CIFAR-10 binary batches ${expected.join(', ')} (unpack cifar-10-binary.tar.gz; the files are in cifar-10-batches-bin/)`,
    );
  }
  const read = async (file: string): Promise<ImageSet> => parseCifar10Batch(new Uint8Array(await readFile(join(directory, file))), join(directory, file));
  const train = concatImageSets(await Promise.all(cifar10FileNames.train.map(read)));
  const test = await read(cifar10FileNames.test);
  return { name: 'cifar10', classNames: cifar10ClassNames, train, test };
}
