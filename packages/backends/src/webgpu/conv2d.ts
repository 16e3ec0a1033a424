import type * as tf from '@tensorflow/tfjs';
import { type ConvolutionAttributes, conv2dInfo } from './conv2d-info.js';
import { Conv2DProgram } from './conv2d-program.js';
import { pixelChannelBlockKernel } from './pixel-channel-block-kernel.js';

/** The attributes tfjs passes to `Conv2D`. */
export interface Conv2DAttributes extends ConvolutionAttributes {
  dilations: [number, number] | number;
}

/**
 * Makes the webgpu `Conv2D` kernel: NHWC float32 convolutions run {@link Conv2DProgram}
 * (strides, dilations, 'same'/'valid'/numeric/explicit padding with `dimRoundingMode`); NCHW
 * goes to `fallback` (tfjs-webgpu's own kernel, captured when lrkit's was registered).
 *
 * @example
 * tf.registerKernel({ kernelName: 'Conv2D', backendName: 'webgpu', kernelFunc: conv2dWebGpu(() => original) });
 */
export function conv2dWebGpu(fallback: () => tf.KernelFunc | undefined): tf.KernelFunc {
  return pixelChannelBlockKernel('Conv2D', 'convolution', fallback, ({ inputs, attrs }) => {
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const info = conv2dInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      attrs as unknown as Conv2DAttributes,
    );
    return { info, inputs: [x, filter], program: (vectorized) => new Conv2DProgram(info.outShape, vectorized) };
  });
}
