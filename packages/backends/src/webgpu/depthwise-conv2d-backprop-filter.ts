import * as tf from '@tensorflow/tfjs';
import { toConvGeometry } from '../conv-geometry.js';
import { DepthwiseFilterGradientProgram, depthwiseWorkgroupWidth } from './depthwise-filter-gradient-program.js';
import { geometryUniformData } from './filter-gradient-geometry.js';
import { runSplitReduction } from './run-split-reduction.js';
import { planSplits, type SplitSettings } from './split-plan.js';
import type { WebGpuBackendLike } from './webgpu-program.js';

/** The attributes tfjs passes to `DepthwiseConv2dNativeBackpropFilter`. */
export interface DepthwiseConv2dBackpropFilterAttributes {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * Makes the webgpu `DepthwiseConv2dNativeBackpropFilter` kernel (NHWC, as tfjs' depthwise
 * gradients are): {@link DepthwiseFilterGradientProgram} with a split reduction, then a sum of
 * the partials. Unlike tfjs-backend-webgpu 4.22's own kernel it honours dilations.
 *
 * @example
 * tf.registerKernel({ kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'webgpu', kernelFunc: depthwiseConv2dBackpropFilterWebGpu(() => defaultSplitSettings) });
 */
export function depthwiseConv2dBackpropFilterWebGpu(settings: () => SplitSettings): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { strides, dilations = 1, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseConv2dBackpropFilterAttributes;
    const webGpu = backend as unknown as WebGpuBackendLike;
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, dilations, pad, dimRoundingMode, true);
    const reduction = info.batchSize * info.outHeight * info.outWidth;
    const tiles = Math.ceil(info.outChannels / depthwiseWorkgroupWidth) * info.filterHeight * info.filterWidth;
    const { limits } = webGpu.device;
    const { splits, splitLength } = planSplits(reduction, tiles, 1, settings(), limits.maxComputeWorkgroupsPerDimension);
    const geometry = toConvGeometry(info);
    const program = new DepthwiseFilterGradientProgram(geometry, splits);
    return runSplitReduction(webGpu, program, [x, dy], filterShape, splits, geometryUniformData(geometry, splitLength));
  };
}
