/**
 * Images and labels as raw bytes, the form every loader returns before anything is
 * turned into tensors: `images` holds `count` images of `height × width × channels`
 * bytes each (channels last, values 0–255), `labels` one class index per image.
 */
export interface ImageSet {
  /** Pixel bytes, `count * height * width * channels` of them, channels last. */
  readonly images: Uint8Array;
  /** One class index (0 … classes - 1) per image. */
  readonly labels: Uint8Array;
  /** Number of images. */
  readonly count: number;
  /** Image height in pixels. */
  readonly height: number;
  /** Image width in pixels. */
  readonly width: number;
  /** Channels per pixel (1 for grey, 3 for RGB). */
  readonly channels: number;
}

/** A dataset as loaded from disk: a training set, a test set and the class names. */
export interface RawDataset {
  /** The dataset's name (`'mnist'`, `'fashion-mnist'`, `'cifar10'`). */
  readonly name: string;
  /** One name per class, in label order. */
  readonly classNames: readonly string[];
  /** The official training images. */
  readonly train: ImageSet;
  /** The official test images. */
  readonly test: ImageSet;
}

/**
 * Checks that an image set's buffers agree with its shape.
 *
 * @param set - the set to check.
 * @param source - where it came from, for the error message.
 * @returns the same set.
 * @example
 * ```ts
 * checkImageSet({ images, labels, count: 2, height: 28, width: 28, channels: 1 }, 'x.idx');
 * ```
 */
export function checkImageSet(set: ImageSet, source: string): ImageSet {
  const pixels = set.height * set.width * set.channels;
  if (set.images.length !== set.count * pixels) {
    throw new RangeError(`${source}: expected ${set.count} images of ${pixels} bytes (${set.count * pixels} bytes); received ${set.images.length}`);
  }
  if (set.labels.length !== set.count) {
    throw new RangeError(`${source}: expected ${set.count} labels to match the images; received ${set.labels.length}`);
  }
  return set;
}

/**
 * Concatenates image sets of the same shape (used to join CIFAR-10's five batches).
 *
 * @param sets - at least one set, all of the same height, width and channels.
 * @returns one set holding all images in order.
 * @example
 * ```ts
 * const train = concatImageSets([batch1, batch2]);
 * ```
 */
export function concatImageSets(sets: readonly ImageSet[]): ImageSet {
  const first = sets[0];
  if (first === undefined) throw new RangeError('concatImageSets: `sets` must not be empty');
  const count = sets.reduce((total, set) => total + set.count, 0);
  const images = new Uint8Array(sets.reduce((total, set) => total + set.images.length, 0));
  const labels = new Uint8Array(count);
  let imageOffset = 0;
  let labelOffset = 0;
  for (const set of sets) {
    if (set.height !== first.height || set.width !== first.width || set.channels !== first.channels) {
      throw new RangeError('concatImageSets: every set must have the same image shape');
    }
    images.set(set.images, imageOffset);
    labels.set(set.labels, labelOffset);
    imageOffset += set.images.length;
    labelOffset += set.count;
  }
  return { images, labels, count, height: first.height, width: first.width, channels: first.channels };
}
