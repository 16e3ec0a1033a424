import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readOptimizerState } from './optimizer-state.js';
import { linearData, linearModel, optimizerFactories, useCpu } from './test-support.js';
import { snapshotTrainingState } from './training-state.js';

beforeAll(useCpu);

/** Weights and optimizer state as plain numbers. */
function stateOf(model: tf.LayersModel): { weights: number[][]; optimizer: unknown; tensors: Record<string, number[]> } {
  const state = readOptimizerState(model.optimizer);
  const tensors = Object.fromEntries(Object.entries(state.tensors).map(([name, tensor]) => [name, Array.from(tensor.dataSync())]));
  tf.dispose(Object.values(state.tensors));
  return { weights: model.getWeights().map((weight) => Array.from(weight.dataSync())), optimizer: state.description, tensors };
}

describe('snapshotTrainingState', () => {
  for (const [name, factory] of Object.entries(optimizerFactories)) {
    it(`${name}: restores weights and optimizer state bit for bit and leaves no tensor`, async () => {
      const model = linearModel(factory());
      const { xs, ys } = linearData(4);
      await model.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
      const before = stateOf(model);
      const tensors = tf.memory().numTensors;
      const snapshot = snapshotTrainingState(model);
      await model.fit(xs, ys, { epochs: 2, batchSize: 1, verbose: 0 });
      expect(stateOf(model)).not.toEqual(before);
      snapshot.restore();
      expect(stateOf(model)).toEqual(before);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(() => snapshot.restore()).toThrow('snapshotTrainingState: this snapshot was already restored or disposed');
      model.dispose();
      tf.dispose([xs, ys]);
    });
  }
});
