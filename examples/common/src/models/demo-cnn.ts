import * as tf from '@tensorflow/tfjs';

/** Options of {@link buildDemoCnn}. */
export interface DemoCnnOptions {
  /** Shape of one image, [height, width, channels]. Default [28, 28, 1] (MNIST). */
  inputShape?: [number, number, number];
  /** Number of classes of the softmax output. Default 10. */
  classes?: number;
  /** Filters of the two conv layers. Default [8, 16]. */
  filters?: [number, number];
  /** Seed of the Glorot-uniform kernel initialisers; the same seed gives the same weights. Default 1. */
  seed?: number;
}

/**
 * The small CNN of the lrkit examples and benchmark:
 * conv 3×3 (8, relu) → max-pool 2 → conv 3×3 (16, relu) → max-pool 2 → flatten → dense
 * (10, softmax); 'valid' padding, zero biases, seeded Glorot-uniform kernels. Returns an
 * uncompiled `tf.Sequential`: compile it with the optimizer under test.
 *
 * @example
 * const model = buildDemoCnn({ seed: 42 });
 * model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
 */
export function buildDemoCnn(options: DemoCnnOptions = {}): tf.Sequential {
  const { inputShape = [28, 28, 1], classes = 10, filters = [8, 16], seed = 1 } = options;
  const kernelInitializer = (offset: number) => tf.initializers.glorotUniform({ seed: seed * 7 + offset });
  return tf.sequential({
    name: 'demo_cnn',
    layers: [
      tf.layers.conv2d({ inputShape, filters: filters[0], kernelSize: 3, activation: 'relu', kernelInitializer: kernelInitializer(0) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: filters[1], kernelSize: 3, activation: 'relu', kernelInitializer: kernelInitializer(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: kernelInitializer(2) }),
    ],
  });
}
