import { buildDemoCnn } from '@lrkit/examples-common/models';
import * as tf from '@tensorflow/tfjs';

/**
 * The CNN of the lrkit examples (`buildDemoCnn` from examples/common: conv 3×3 ×8 → max-pool →
 * conv 3×3 ×16 → max-pool → dense 10, seeded Glorot-uniform kernels).
 */
export function buildCnn(seed: number): tf.Sequential {
  return buildDemoCnn({ seed });
}

/** A small dense network (784 → 32 → 10) for smoke tests on the slow cpu backend. */
export function buildMlp(seed: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed * 100 + 1 }) }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.heNormal({ seed: seed * 100 + 2 }) }));
  return model;
}
