import * as tf from '@tensorflow/tfjs';

/** A small CNN for 28×28×1 images (about 13k weights), seeded initialisation. */
export function buildCnn(seed: number): tf.Sequential {
  const init = (offset: number) => tf.initializers.heNormal({ seed: seed * 100 + offset });
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3) }));
  return model;
}

/** A small dense network (784 → 32 → 10) for smoke tests on the slow cpu backend. */
export function buildMlp(seed: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed * 100 + 1 }) }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.heNormal({ seed: seed * 100 + 2 }) }));
  return model;
}
