import * as tf from '@tensorflow/tfjs';
import { describeValue, fail } from './validation.js';

/** Tensors as `model.fit` takes them: one tensor, one per model input/output, or by name. */
export type TensorInputs = tf.Tensor | readonly tf.Tensor[] | { readonly [name: string]: tf.Tensor };

/** Training data for {@link fitWithBatchSchedule}: an UNBATCHED dataset, or whole tensors. */
export type BatchScheduleData = tf.data.Dataset<tf.TensorContainer> | { readonly x: TensorInputs; readonly y: TensorInputs };

/** Per-phase batching of the training data. */
export interface PhaseData {
  /** The number of samples per epoch, when known. */
  readonly size: number | undefined;
  /** The data re-batched with `batchSize`, shuffled every epoch with `seed` when shuffling. */
  batched(batchSize: number, seed: string | undefined): tf.data.Dataset<tf.TensorContainer>;
}

/** Options of {@link preparePhaseData}. */
export interface PhaseDataOptions {
  readonly shuffle: boolean;
  readonly shuffleBufferSize: number | undefined;
}

const owner = 'fitWithBatchSchedule';
const defaultUnknownSizeBuffer = 10_000;

/** Checks the data and returns a per-phase batcher. */
export async function preparePhaseData(model: tf.LayersModel, data: BatchScheduleData, options: PhaseDataOptions): Promise<PhaseData> {
  if (isDataset(data)) return datasetData(model, data, options);
  if (data !== null && typeof data === 'object' && 'x' in data && 'y' in data) return tensorData(data.x, data.y, options);
  throw new TypeError(`${owner}: \`data\` must be an unbatched tf.data.Dataset or { x, y } tensors; received ${describeValue(data)}`);
}

/** True for a tf.data.Dataset (duck-typed, as tfjs does). */
export function isDataset(value: unknown): value is tf.data.Dataset<tf.TensorContainer> {
  return value !== null && typeof value === 'object' && typeof (value as { iterator?: unknown }).iterator === 'function';
}

function tensorList(inputs: TensorInputs): tf.Tensor[] {
  if (inputs instanceof tf.Tensor) return [inputs];
  if (Array.isArray(inputs)) return [...(inputs as tf.Tensor[])];
  return Object.values(inputs as Record<string, tf.Tensor>);
}

function gatherInputs(inputs: TensorInputs, indices: tf.Tensor1D): tf.TensorContainer {
  if (inputs instanceof tf.Tensor) return tf.gather(inputs, indices);
  if (Array.isArray(inputs)) return (inputs as tf.Tensor[]).map((tensor) => tf.gather(tensor, indices));
  return Object.fromEntries(Object.entries(inputs as Record<string, tf.Tensor>).map(([name, tensor]) => [name, tf.gather(tensor, indices)]));
}

function tensorData(x: TensorInputs, y: TensorInputs, options: PhaseDataOptions): PhaseData {
  const tensors = [...tensorList(x), ...tensorList(y)];
  if (tensors.length === 0 || tensors.some((tensor) => !(tensor instanceof tf.Tensor))) {
    throw new TypeError(`${owner}: \`data.x\` and \`data.y\` must be tensors (or arrays / maps of tensors)`);
  }
  const size = tensors[0]?.shape[0];
  if (size === undefined || size < 1) {
    throw new RangeError(`${owner}: \`data.x\` must have at least one sample along its first axis; received shape ${describeValue(tensors[0]?.shape)}`);
  }
  for (const tensor of tensors) {
    if (tensor.shape[0] !== size) {
      throw new RangeError(
        `${owner}: every tensor of \`data\` must have the same number of samples (first axis); found ${size} and ${String(tensor.shape[0])}`,
      );
    }
  }
  const indices = Array.from({ length: size }, (_, index) => index);
  return {
    size,
    batched(batchSize, seed) {
      let order = tf.data.array(indices);
      if (options.shuffle) order = order.shuffle(size, seed);
      // The index batch is disposed by tf.data's map; only the gathered slices leave it.
      return order.batch(batchSize).map((batch) => {
        const positions = tf.cast(batch as tf.Tensor1D, 'int32');
        return { xs: gatherInputs(x, positions), ys: gatherInputs(y, positions) };
      });
    },
  };
}

async function datasetData(model: tf.LayersModel, dataset: tf.data.Dataset<tf.TensorContainer>, options: PhaseDataOptions): Promise<PhaseData> {
  const size = dataset.size;
  if (size === Infinity) {
    throw new RangeError(
      `${owner}: \`data\` is an infinite dataset (size Infinity, e.g. after .repeat()); an epoch must end, so pass the finite, unbatched dataset`,
    );
  }
  const batching = await assertUnbatched(model, dataset, 'data');
  const known = typeof size === 'number' && Number.isFinite(size) ? size : undefined;
  const bufferSize = options.shuffleBufferSize ?? known ?? defaultUnknownSizeBuffer;
  return {
    size: known,
    batched(batchSize, seed) {
      const samples = asXsYs(dataset, batching);
      const shuffled = options.shuffle ? samples.shuffle(bufferSize, seed) : samples;
      return shuffled.batch(batchSize);
    },
  };
}

/**
 * The `validationData` of {@link fitWithBatchSchedule} as `fitDataset` takes it: `[x, y]`
 * (or `[x, y, weights]`) tensors as they are, a batched dataset as it is, an unbatched one
 * batched with `validationBatchSize` (32 by default, as in tfjs).
 */
export async function prepareValidationData(
  model: tf.LayersModel,
  validation: unknown,
  validationBatchSize: number | undefined,
): Promise<tf.ModelFitDatasetArgs<tf.TensorContainer>['validationData'] | undefined> {
  if (validation === undefined) return undefined;
  if (isDataset(validation)) {
    const batching = await detectBatching(model, validation, 'validationData');
    const objects = asXsYs(validation, batching);
    return batching.batched ? objects : objects.batch(validationBatchSize ?? 32);
  }
  if (Array.isArray(validation) && (validation.length === 2 || validation.length === 3)) {
    return validation as tf.ModelFitDatasetArgs<tf.TensorContainer>['validationData'];
  }
  return fail(owner, 'validationData', '[x, y] tensors or a tf.data.Dataset', validation, 'type');
}

/** Whether a dataset's elements already carry the batch dimension, with a description for errors. */
export interface Batching {
  readonly batched: boolean;
  /** `'pair'` for `[xs, ys]` elements (turned into `{ xs, ys }`, which fitDataset requires). */
  readonly form: 'object' | 'pair';
  /** For example "rank 2 (shape [32, 4])". */
  readonly description: string;
}

/**
 * Reads one element and tells whether it already carries the batch dimension: an
 * unbatched element's first input has rank `model.inputs[0].rank - 1`. Tensors created by
 * reading the element are disposed; tensors the dataset merely hands out are left alone.
 */
export async function detectBatching(model: tf.LayersModel, dataset: tf.data.Dataset<tf.TensorContainer>, name: string): Promise<Batching> {
  const marker = tf.scalar(0);
  const firstNewId = marker.id;
  marker.dispose();
  const [element] = await dataset.take(1).toArray();
  try {
    if (element === undefined) {
      throw new RangeError(`${owner}: \`${name}\` is empty; it must yield at least one sample`);
    }
    const input = firstInput(model, element, name);
    const sampleRank = rankOf(input);
    const modelRank = model.inputs[0]?.shape.length;
    const shape = input instanceof tf.Tensor ? ` (shape [${input.shape.join(', ')}])` : '';
    return {
      batched: modelRank !== undefined && sampleRank === modelRank,
      form: Array.isArray(element) ? 'pair' : 'object',
      description: `rank ${sampleRank}${shape}`,
    };
  } finally {
    tf.dispose(collectTensors(element).filter((tensor) => tensor.id >= firstNewId));
  }
}

/** Throws a TypeError explaining that `name` must be passed before `.batch()`. */
export async function assertUnbatched(model: tf.LayersModel, dataset: tf.data.Dataset<tf.TensorContainer>, name: string): Promise<Batching> {
  const batching = await detectBatching(model, dataset, name);
  if (!batching.batched) return batching;
  const modelShape = (model.inputs[0]?.shape ?? []).map((dim) => (dim === null ? 'null' : String(dim))).join(', ');
  throw new TypeError(
    `${owner}: \`${name}\` looks batched: its first element's input has ${batching.description}, ` +
      `the rank of the model input [${modelShape}] including its batch dimension. ` +
      "fitWithBatchSchedule batches the data itself, once per phase with that phase's batch size, " +
      'so pass the dataset BEFORE .batch() (one sample per element), or pass { x, y } tensors.',
  );
}

/** Maps `[xs, ys]` elements to the `{ xs, ys }` objects `fitDataset` requires. */
export function asXsYs(dataset: tf.data.Dataset<tf.TensorContainer>, batching: Batching): tf.data.Dataset<tf.TensorContainer> {
  if (batching.form === 'object') return dataset;
  return dataset.map((element) => {
    const [xs, ys] = element as unknown as [tf.TensorContainer, tf.TensorContainer];
    return { xs, ys } as tf.TensorContainer;
  });
}

function firstInput(model: tf.LayersModel, element: tf.TensorContainer, name: string): unknown {
  let xs: unknown;
  if (Array.isArray(element)) xs = element[0];
  else if (element !== null && typeof element === 'object' && !(element instanceof tf.Tensor) && 'xs' in element) {
    xs = (element as { xs: unknown }).xs;
  } else {
    throw new TypeError(
      `${owner}: \`${name}\` must yield { xs, ys } objects or [xs, ys] pairs, as model.fitDataset expects; received ${describeValue(element)}`,
    );
  }
  if (xs instanceof tf.Tensor || typeof xs === 'number') return xs;
  if (Array.isArray(xs)) {
    // Either one sample given as nested numbers, or one entry per model input.
    return model.inputs.length > 1 && xs.length === model.inputs.length ? xs[0] : xs;
  }
  if (xs !== null && typeof xs === 'object') {
    const record = xs as Record<string, unknown>;
    return record[model.inputNames[0] ?? ''] ?? Object.values(record)[0];
  }
  return xs;
}

function rankOf(value: unknown): number {
  if (value instanceof tf.Tensor) return value.rank;
  let rank = 0;
  let current = value;
  while (Array.isArray(current) || ArrayBuffer.isView(current)) {
    rank += 1;
    current = (current as ArrayLike<unknown>)[0];
  }
  return rank;
}

function collectTensors(value: unknown, found: tf.Tensor[] = []): tf.Tensor[] {
  if (value instanceof tf.Tensor) found.push(value);
  else if (Array.isArray(value)) for (const item of value) collectTensors(item, found);
  else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const item of Object.values(value)) collectTensors(item, found);
  }
  return found;
}
