// TEMPORARY stand-in for buildDemoCnn() of @lrkit/examples-common (src/models/, being
// written by another helper), same options and layers. Replaced by the real import.
import * as tf from '@tensorflow/tfjs';

export interface DemoCnnOptions {
  inputShape?: [number, number, number];
  classes?: number;
  filters?: [number, number];
  seed?: number;
}

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
