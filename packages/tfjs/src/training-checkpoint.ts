import * as tf from '@tensorflow/tfjs';
import type { CallbackState, StatefulCallback } from './callback-state.js';
import { type OptimizerStateDescription, readOptimizerState, writeOptimizerState } from './optimizer-state.js';

/**
 * Everything a resumed run needs, held in memory: the epochs completed, the model's weights,
 * the optimizer's state and the states of the given callbacks. Tensors are clones (they share
 * storage with the live values until training replaces them); {@link disposeCheckpoint} frees them.
 */
export interface TrainingCheckpoint {
  /** Epochs completed: the `initialEpoch` of the resumed run. */
  readonly epoch: number;
  readonly modelWeights: readonly tf.Tensor[];
  readonly optimizer: OptimizerStateDescription;
  readonly optimizerTensors: Readonly<Record<string, tf.Tensor>>;
  readonly callbacks: Readonly<Record<string, { readonly state: CallbackState; readonly tensors: readonly tf.Tensor[] }>>;
}

/** What the checkpoint writes into the artifacts' `userDefinedMetadata.lrkit`. */
interface CheckpointMetadata {
  readonly version: 1;
  readonly epoch: number;
  readonly modelWeights: number;
  readonly optimizer: OptimizerStateDescription;
  readonly callbacks: Record<string, { readonly state: CallbackState; readonly tensors: number }>;
}

const owner = 'BackupAndRestore';

/**
 * Captures a checkpoint of a model in training (see {@link TrainingCheckpoint}).
 *
 * @example
 * ```ts
 * const checkpoint = captureCheckpoint(model, 3, { scheduler, plateau });
 * const artifacts = checkpointArtifacts(model, checkpoint);
 * disposeCheckpoint(checkpoint);
 * ```
 */
export function captureCheckpoint(model: tf.LayersModel, epoch: number, holders: Readonly<Record<string, StatefulCallback>>): TrainingCheckpoint {
  const optimizer = readOptimizerState(model.optimizer);
  const callbacks: Record<string, { state: CallbackState; tensors: tf.Tensor[] }> = {};
  for (const [key, holder] of Object.entries(holders)) {
    callbacks[key] = {
      state: holder.getState(),
      tensors: (holder.getStateTensors?.() ?? []).map((tensor) => tf.clone(tensor)),
    };
  }
  return {
    epoch,
    modelWeights: model.getWeights().map((weight) => tf.clone(weight)),
    optimizer: optimizer.description,
    optimizerTensors: optimizer.tensors,
    callbacks,
  };
}

/**
 * Frees a checkpoint's tensors.
 *
 * @example
 * ```ts
 * disposeCheckpoint(checkpoint);
 * ```
 */
export function disposeCheckpoint(checkpoint: TrainingCheckpoint): void {
  tf.dispose([...checkpoint.modelWeights]);
  tf.dispose(Object.values(checkpoint.optimizerTensors));
  for (const entry of Object.values(checkpoint.callbacks)) tf.dispose([...entry.tensors]);
}

/**
 * A checkpoint as tfjs model artifacts: the model's topology, one weight list (model weights,
 * then `lrkit/optimizer/…`, then `lrkit/callback/<key>/<index>`) and the JSON part in
 * `userDefinedMetadata.lrkit`. Values are read synchronously (`dataSync`), so a save can
 * complete while a failed fit call unwinds.
 *
 * @example
 * ```ts
 * await store.save(checkpointArtifacts(model, checkpoint));
 * ```
 */
export function checkpointArtifacts(model: tf.LayersModel, checkpoint: TrainingCheckpoint): tf.io.ModelArtifacts {
  const named: { name: string; tensor: tf.Tensor }[] = [];
  checkpoint.modelWeights.forEach((tensor, index) => named.push({ name: `model/${index}`, tensor }));
  for (const [name, tensor] of Object.entries(checkpoint.optimizerTensors)) named.push({ name: `lrkit/optimizer/${name}`, tensor });
  const callbacks: CheckpointMetadata['callbacks'] = {};
  for (const [key, entry] of Object.entries(checkpoint.callbacks)) {
    entry.tensors.forEach((tensor, index) => named.push({ name: `lrkit/callback/${key}/${index}`, tensor }));
    callbacks[key] = { state: entry.state, tensors: entry.tensors.length };
  }
  const { specs, data } = encodeTensorsSync(named);
  const metadata: CheckpointMetadata = {
    version: 1,
    epoch: checkpoint.epoch,
    modelWeights: checkpoint.modelWeights.length,
    optimizer: checkpoint.optimizer,
    callbacks,
  };
  return {
    modelTopology: model.toJSON(null, false) as object,
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers} with @lrkit/tfjs BackupAndRestore`,
    weightSpecs: specs,
    weightData: data,
    userDefinedMetadata: { lrkit: metadata as unknown as object },
  };
}

/**
 * Puts a saved checkpoint back into a model, its optimizer and the given callbacks, and
 * returns the epoch to resume at. Every decoded tensor is released afterwards.
 *
 * @throws when the artifacts are not an lrkit backup, the model's weights do not match, or a
 * callback of the backup is not given (or the other way round).
 * @example
 * ```ts
 * const initialEpoch = restoreCheckpoint(model, await store.load(), { scheduler, plateau }, store.location);
 * ```
 */
export function restoreCheckpoint(
  model: tf.LayersModel,
  artifacts: tf.io.ModelArtifacts,
  holders: Readonly<Record<string, StatefulCallback>>,
  location: string,
): number {
  const metadata = (artifacts.userDefinedMetadata as { lrkit?: CheckpointMetadata } | undefined)?.lrkit;
  if (metadata === undefined || metadata.version !== 1 || artifacts.weightSpecs === undefined || artifacts.weightData === undefined) {
    throw new TypeError(`${owner}: ${JSON.stringify(location)} holds no lrkit backup (no userDefinedMetadata.lrkit of version 1)`);
  }
  const savedKeys = Object.keys(metadata.callbacks).sort();
  const givenKeys = Object.keys(holders).sort();
  if (savedKeys.join() !== givenKeys.join()) {
    throw new RangeError(
      `${owner}: \`state\` must name the same callbacks as the backup at ${JSON.stringify(location)} ` +
        `(${savedKeys.join(', ') || 'none'}); received ${givenKeys.join(', ') || 'none'}`,
    );
  }
  const decoded = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  try {
    const weights = model.getWeights();
    if (weights.length !== metadata.modelWeights) {
      throw new RangeError(`${owner}: the backup at ${JSON.stringify(location)} holds ${metadata.modelWeights} model weights; the model has ${weights.length}`);
    }
    const saved = weights.map((weight, index) => {
      const value = decoded[`model/${index}`];
      if (value === undefined || value.shape.join() !== weight.shape.join()) {
        throw new RangeError(
          `${owner}: weight ${index} of the backup at ${JSON.stringify(location)} has shape [${value?.shape.join(', ') ?? '?'}]; ` +
            `the model's has [${weight.shape.join(', ')}]`,
        );
      }
      return value;
    });
    const optimizerTensors: Record<string, tf.Tensor> = {};
    for (const [name, tensor] of Object.entries(decoded)) {
      if (name.startsWith('lrkit/optimizer/')) optimizerTensors[name.slice('lrkit/optimizer/'.length)] = tensor;
    }
    model.setWeights(saved);
    writeOptimizerState(model.optimizer, { description: metadata.optimizer, tensors: optimizerTensors });
    for (const [key, entry] of Object.entries(metadata.callbacks)) {
      const tensors = Array.from({ length: entry.tensors }, (_, index) => {
        const tensor = decoded[`lrkit/callback/${key}/${index}`];
        if (tensor === undefined) throw new TypeError(`${owner}: the backup lacks tensor ${index} of callback ${JSON.stringify(key)}`);
        return tensor;
      });
      holders[key]?.setState(entry.state, tensors);
    }
    return metadata.epoch;
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

/** `tf.io.encodeWeights` without awaiting: values read with `dataSync`. */
function encodeTensorsSync(named: readonly { name: string; tensor: tf.Tensor }[]): {
  specs: tf.io.WeightsManifestEntry[];
  data: ArrayBuffer;
} {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const { name, tensor } of named) {
    if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32' && tensor.dtype !== 'bool') {
      throw new TypeError(`${owner}: cannot save tensor ${JSON.stringify(name)} of dtype ${tensor.dtype}`);
    }
    const values = tensor.dataSync();
    const bytes =
      tensor.dtype === 'bool'
        ? Uint8Array.from(values as ArrayLike<number>)
        : new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    specs.push({ name, shape: [...tensor.shape], dtype: tensor.dtype });
    chunks.push(bytes);
  }
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { specs, data: data.buffer };
}
