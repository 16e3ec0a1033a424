import { excerpt, excerptText } from '@lrkit/schedules';
import { seededRandom } from '@lrkit/schedules/seeded-random';
import * as tf from '@tensorflow/tfjs';

/** Model inputs or targets as `trainOnBatch` takes them. */
export type TensorOrTensors = tf.Tensor | tf.Tensor[] | { [name: string]: tf.Tensor };

/** Training (or validation) data given as whole tensors, batched by the range test. */
export interface TensorData {
  /** Inputs: one tensor, an array (multi-input model) or a map by input name; samples along axis 0. */
  readonly x: TensorOrTensors;
  /** Targets, in the same form as the model's outputs. */
  readonly y: TensorOrTensors;
}

/** An element of a `tf.data` dataset for the range test: one batch, as `model.fitDataset` takes it. */
export interface DatasetBatch {
  readonly xs: TensorOrTensors;
  readonly ys: TensorOrTensors;
}

/** Where the range test takes its batches from. */
export type RangeTestData = TensorData | tf.data.Dataset<tf.TensorContainer>;

/** A stream of batches; each batch belongs to the caller, who disposes it. */
export interface BatchSource {
  /** The next batch, or undefined when a dataset has ended. */
  next(): Promise<DatasetBatch | undefined>;
  /** Frees what the source holds (not the caller's batches). */
  dispose(): void;
}

/** Whether `data` is a `tf.data.Dataset` (duck-typed: it has `iterator()`). */
export function isDataset(data: unknown): data is tf.data.Dataset<tf.TensorContainer> {
  return data !== null && typeof data === 'object' && typeof (data as { iterator?: unknown }).iterator === 'function';
}

function tensorsOf(value: TensorOrTensors): tf.Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  if (Array.isArray(value)) return value;
  return Object.values(value);
}

/** The number of samples along axis 0 shared by every tensor of `data`; throws when they disagree. */
export function sampleCount(owner: string, data: TensorData): number {
  const tensors = [...tensorsOf(data.x), ...tensorsOf(data.y)];
  const counts = new Set(tensors.map((tensor) => (tensor.rank === 0 ? 0 : (tensor.shape[0] as number))));
  const [count] = counts;
  if (tensors.length === 0 || counts.size !== 1 || count === undefined || count === 0) {
    throw new RangeError(
      `${owner}: \`x\` and \`y\` must be non-empty tensors with the same number of samples along axis 0; received ` +
        `${[...counts].join(', ') || 'no tensors'}`,
    );
  }
  return count;
}

function gatherAll(value: TensorOrTensors, indices: tf.Tensor1D): TensorOrTensors {
  if (value instanceof tf.Tensor) return tf.gather(value, indices);
  if (Array.isArray(value)) return value.map((tensor) => tf.gather(tensor, indices));
  return Object.fromEntries(Object.entries(value).map(([name, tensor]) => [name, tf.gather(tensor, indices)]));
}

/**
 * Batches of whole tensors, `batchSize` samples each (the last batch of a pass may be
 * smaller), passing over the data again as often as the sweep needs (as fastai runs several
 * epochs). With `shuffle` every pass uses a new permutation from a seeded generator, so the
 * same seed gives the same batches.
 *
 * @example
 * ```ts
 * const source = tensorBatches({ x: xs, y: ys }, 32, true, 0);
 * const batch = await source.next(); // { xs, ys }, the caller disposes them
 * ```
 */
export function tensorBatches(data: TensorData, batchSize: number, shuffle: boolean, seed: number): BatchSource {
  const count = sampleCount('findLearningRate', data);
  const random = seededRandom(seed);
  let order: Int32Array = new Int32Array(0);
  let position = count;
  const newPass = (): void => {
    order = Int32Array.from({ length: count }, (_, index) => index);
    if (shuffle) {
      for (let index = count - 1; index > 0; index -= 1) {
        const other = Math.floor(random() * (index + 1));
        const swap = order[index] as number;
        order[index] = order[other] as number;
        order[other] = swap;
      }
    }
    position = 0;
  };
  return {
    async next(): Promise<DatasetBatch> {
      if (position >= count) newPass();
      const end = Math.min(position + batchSize, count);
      const indices = order.slice(position, end);
      position = end;
      return tf.tidy(() => {
        const indexTensor = tf.tensor1d(indices, 'int32');
        return { xs: gatherAll(data.x, indexTensor), ys: gatherAll(data.y, indexTensor) };
      });
    },
    dispose(): void {},
  };
}

/**
 * The batches of a `tf.data` dataset, one pass (`dataset.iterator()`); `next()` returns
 * undefined when the dataset ends. Elements must be `{ xs, ys }` as for `model.fitDataset`.
 */
export function datasetBatches(dataset: tf.data.Dataset<tf.TensorContainer>): BatchSource {
  let iterator: Awaited<ReturnType<tf.data.Dataset<tf.TensorContainer>['iterator']>> | undefined;
  let ended = false;
  return {
    async next(): Promise<DatasetBatch | undefined> {
      if (ended) return undefined;
      iterator ??= await dataset.iterator();
      const element = await iterator.next();
      if (element.done) {
        ended = true;
        return undefined;
      }
      const value = element.value as unknown as Partial<DatasetBatch> | undefined;
      if (value === undefined || value === null || value.xs === undefined || value.ys === undefined) {
        tf.dispose(value as tf.TensorContainer);
        throw new TypeError(
          'findLearningRate: the dataset must yield `{ xs, ys }` batches as model.fitDataset expects; received an element ' +
            `with keys ${value === null || typeof value !== 'object' ? excerpt(value) : excerptText(Object.keys(value).join(', '), 200)}`,
        );
      }
      return value as DatasetBatch;
    },
    dispose(): void {},
  };
}

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((size) => (size === null ? 'null' : String(size))).join(',')}]`;
}

/**
 * Checks one batch against the model's inputs and outputs before training on it, so that a
 * mistake gives one clear line instead of tfjs's shape error (which can print tensor values):
 * an unbatched dataset (samples of shape `[3]` for a model taking `[null, 3]`) is named as such,
 * with the fix (`dataset.batch(32)`).
 *
 * @example
 * ```ts
 * checkBatchShapes('findLearningRate', model, batch); // throws a TypeError for a batch of rank 1 into a [null, 3] input
 * ```
 */
export function checkBatchShapes(owner: string, model: tf.LayersModel, batch: DatasetBatch): void {
  const pairs: Array<[string, unknown[], readonly tf.SymbolicTensor[]]> = [
    ['xs', leavesOf(batch.xs), model.inputs],
    ['ys', leavesOf(batch.ys), model.outputs],
  ];
  for (const [name, leaves, symbolic] of pairs) {
    if (leaves.length !== symbolic.length) continue; // tfjs names a count mismatch clearly itself
    leaves.forEach((leaf, index) => {
      const expected = symbolic[index]?.shape;
      if (expected === undefined) return;
      const which = leaves.length === 1 ? `\`${name}\`` : `\`${name}[${index}]\``;
      const shape = leaf instanceof tf.Tensor ? leaf.shape : plainShape(leaf);
      if (shape === undefined) {
        throw new TypeError(`${owner}: ${which} must be a tensor batch; received ${excerpt(leaf, 40)}`);
      }
      if (shape.length === expected.length - 1) {
        throw new TypeError(
          `${owner}: the dataset yields single samples, not batches: ${which} has shape ${shapeText(shape)} where the model ` +
            `takes batches of shape ${shapeText(expected)}; batch it first, e.g. dataset.batch(32)`,
        );
      }
      if (shape.length !== expected.length) {
        throw new TypeError(
          `${owner}: ${which} has shape ${shapeText(shape)} (rank ${shape.length}) where the model takes shape ` +
            `${shapeText(expected)} (rank ${expected.length})`,
        );
      }
    });
  }
  // Ranks agree: a plain array in place of a tensor is the only mistake left to name.
  for (const [name, leaves] of pairs) {
    leaves.forEach((leaf, index) => {
      if (leaf instanceof tf.Tensor) return;
      const which = leaves.length === 1 ? `\`${name}\`` : `\`${name}[${index}]\``;
      throw new TypeError(
        `${owner}: ${which} is a plain array of shape ${shapeText(plainShape(leaf) ?? [])}, not a tensor; batch the dataset ` +
          '(dataset.batch(32) turns its samples into tensors)',
      );
    });
  }
}

/** The tensors (or plain values) of `xs` or `ys`: one, an array of them, or a map by name. */
function leavesOf(value: unknown): unknown[] {
  if (value instanceof tf.Tensor) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => item instanceof tf.Tensor)) return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const values = Object.values(value);
    if (values.length > 0 && values.every((item) => item instanceof tf.Tensor)) return values;
  }
  return [value];
}

/** The shape of a number or a nested array of numbers (first elements only, at most 8 deep), else undefined. */
function plainShape(value: unknown): number[] | undefined {
  const shape: number[] = [];
  let current = value;
  while (Array.isArray(current)) {
    if (shape.length >= 8) return undefined;
    shape.push(current.length);
    current = current[0];
  }
  return typeof current === 'number' || typeof current === 'boolean' ? shape : undefined;
}
