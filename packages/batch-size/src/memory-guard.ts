import * as tf from '@tensorflow/tfjs';

/**
 * A batch size the backend cannot (or, by the configured budget, should not) hold. Names
 * the phase and its batch size; `cause` keeps the backend's own error when there was one.
 *
 * @example
 * ```ts
 * try {
 *   await fitWithBatchSchedule(model, data, { schedule, epochs: 10 });
 * } catch (error) {
 *   if (error instanceof BatchSizeMemoryError) console.error(error.message); // names the phase
 * }
 * ```
 */
export class BatchSizeMemoryError extends Error {
  override readonly name = 'BatchSizeMemoryError';

  constructor(
    message: string,
    /** The phase index (from 0). */
    readonly phase: number,
    /** The phase's batch size. */
    readonly batchSize: number,
    /** The estimated bytes of one training step at that batch size. */
    readonly estimatedBytes: number,
    /** The budget the estimate was checked against (`Infinity` when unchecked). */
    readonly budgetBytes: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bytes of working memory assumed per backend when no `memoryBudget` is given. */
export const defaultMemoryBudgets: Readonly<Record<string, number>> = Object.freeze({
  cpu: 4 * 2 ** 30,
  tensorflow: 8 * 2 ** 30,
  wasm: 2 * 2 ** 30,
  webgl: 1 * 2 ** 30,
  webgpu: 1 * 2 ** 30,
});

/**
 * The default budget of the active backend (2 GiB for a backend not listed).
 *
 * @example
 * ```ts
 * defaultMemoryBudget('wasm'); // 2147483648
 * ```
 */
export function defaultMemoryBudget(backendName: string = tf.getBackend()): number {
  return defaultMemoryBudgets[backendName] ?? 2 * 2 ** 30;
}

function elements(shape: readonly (number | null)[]): number {
  return shape.slice(1).reduce<number>((product, dim) => product * (dim ?? 1), 1);
}

function outputShapes(layer: tf.layers.Layer): (number | null)[][] {
  let shape: unknown;
  try {
    shape = layer.outputShape;
  } catch {
    return [];
  }
  if (!Array.isArray(shape)) return [];
  return Array.isArray(shape[0]) ? (shape as (number | null)[][]) : [shape as (number | null)[]];
}

/**
 * A rough upper estimate of the bytes one sample costs in a training step: float32
 * inputs and targets, plus every layer's output kept for the backward pass, its gradient
 * and one temporary (3 copies). Weights and optimizer slots do not grow with the batch and
 * are not counted.
 *
 * @example
 * ```ts
 * const bytes = estimateBytesPerSample(model);
 * const largestBatch = Math.floor(defaultMemoryBudget() / bytes);
 * ```
 */
export function estimateBytesPerSample(model: tf.LayersModel): number {
  const bytes = 4;
  let total = 0;
  for (const input of model.inputs) total += elements(input.shape);
  for (const output of model.outputs) total += elements(output.shape);
  let activations = 0;
  for (const layer of model.layers) {
    for (const shape of outputShapes(layer)) activations += elements(shape);
  }
  return bytes * (total + 3 * activations);
}

const allocationPatterns = [
  /allocation failed/i,
  /out of memory/i,
  /\bOOM\b/,
  /invalid typed array length/i,
  /array buffer allocation/i,
  /cannot enlarge memory/i,
  /failed to allocate/i,
  /requested texture size/i,
  /memory access out of bounds/i,
  /invalid array length/i,
];

/** True when an error looks like the backend running out of memory. */
export function isAllocationError(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return allocationPatterns.some((pattern) => pattern.test(message));
}
