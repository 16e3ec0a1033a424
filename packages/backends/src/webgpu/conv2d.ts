import * as tf from '@tensorflow/tfjs';
import { toConvGeometry } from '../conv-geometry.js';
import { Conv2DProgram } from './conv2d-program.js';
import { geometryUniformData } from './filter-gradient-geometry.js';
import type { WebGpuBackendLike } from './webgpu-program.js';

/** The attributes tfjs passes to `Conv2D`. */
export interface Conv2DAttributes {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
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
  return (parameters) => {
    const { inputs, backend, attrs } = parameters;
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as Conv2DAttributes;
    const webGpu = backend as unknown as WebGpuBackendLike;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      strides,
      dilations,
      pad,
      dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(dataFormat),
    );
    const program =
      info.dataFormat === 'channelsLast' && x.dtype === 'float32'
        ? new Conv2DProgram(info.outShape, info.inChannels % 4 === 0 && info.outChannels % 4 === 0)
        : undefined;
    if (program === undefined || program.dispatch.some((extent) => extent > webGpu.device.limits.maxComputeWorkgroupsPerDimension)) {
      const original = fallback();
      if (original === undefined)
        throw new Error('Conv2D: lrkit’s webgpu kernel does not cover this convolution and tfjs-webgpu’s own kernel was not registered');
      return original(parameters);
    }
    const geometry = toConvGeometry(info);
    return webGpu.runWebGPUProgram(program, [x, filter], 'float32', geometryUniformData(geometry, info.batchSize * info.outHeight * info.outWidth));
  };
}
