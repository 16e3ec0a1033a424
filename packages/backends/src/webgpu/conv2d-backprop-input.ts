import type * as tf from '@tensorflow/tfjs';
import { type ConvolutionAttributes, conv2dInfo } from './conv2d-info.js';
import { Conv2DInputGradientProgram } from './conv2d-input-gradient-program.js';
import { pixelChannelBlockKernel } from './pixel-channel-block-kernel.js';

/** The attributes tfjs passes to `Conv2DBackpropInput` (`dilations` only from callers that set it). */
export interface Conv2DBackpropInputAttributes extends ConvolutionAttributes {
  inputShape: [number, number, number, number];
}

/**
 * Makes the webgpu `Conv2DBackpropInput` kernel: NHWC float32 input gradients run
 * {@link Conv2DInputGradientProgram} (strides, dilations, 'same'/'valid'/numeric/explicit
 * padding with `dimRoundingMode`); NCHW goes to `fallback` (tfjs-webgpu's own kernel, captured
 * when lrkit's was registered).
 *
 * @example
 * tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'webgpu', kernelFunc: conv2dBackpropInputWebGpu(() => original) });
 */
export function conv2dBackpropInputWebGpu(fallback: () => tf.KernelFunc | undefined): tf.KernelFunc {
  return pixelChannelBlockKernel('Conv2DBackpropInput', 'gradient', fallback, ({ inputs, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attributes = attrs as unknown as Conv2DBackpropInputAttributes;
    const info = conv2dInfo(attributes.inputShape, filter.shape as [number, number, number, number], attributes);
    return { info, inputs: [dy, filter], program: (vectorized) => new Conv2DInputGradientProgram(attributes.inputShape, vectorized) };
  });
}
