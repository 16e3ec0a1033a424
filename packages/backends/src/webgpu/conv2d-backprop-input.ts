import * as tf from '@tensorflow/tfjs';
import { toConvGeometry } from '../conv-geometry.js';
import { Conv2DInputGradientProgram } from './conv2d-input-gradient-program.js';
import { geometryUniformData } from './filter-gradient-geometry.js';
import type { WebGpuBackendLike } from './webgpu-program.js';

/** The attributes tfjs passes to `Conv2DBackpropInput` (`dilations` only from callers that set it). */
export interface Conv2DBackpropInputAttributes {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
  dilations?: [number, number] | number;
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
  return (parameters) => {
    const { inputs, backend, attrs } = parameters;
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape, dilations = 1 } = attrs as unknown as Conv2DBackpropInputAttributes;
    const webGpu = backend as unknown as WebGpuBackendLike;
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      dilations,
      pad,
      dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(dataFormat),
    );
    const program =
      info.dataFormat === 'channelsLast' && dy.dtype === 'float32'
        ? new Conv2DInputGradientProgram(inputShape, info.inChannels % 4 === 0 && info.outChannels % 4 === 0)
        : undefined;
    if (program === undefined || program.dispatch.some((extent) => extent > webGpu.device.limits.maxComputeWorkgroupsPerDimension)) {
      const original = fallback();
      if (original === undefined) {
        throw new Error('Conv2DBackpropInput: lrkit’s webgpu kernel does not cover this gradient and tfjs-webgpu’s own kernel was not registered');
      }
      return original(parameters);
    }
    const geometry = toConvGeometry(info);
    return webGpu.runWebGPUProgram(program, [dy, filter], 'float32', geometryUniformData(geometry, info.batchSize * info.inHeight * info.inWidth));
  };
}
