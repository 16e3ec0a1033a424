import type * as tf from '@tensorflow/tfjs';
import { toConvGeometry } from '../conv-geometry.js';
import { type ConvolutionAttributes, conv2dInfo } from './conv2d-info.js';
import { geometryUniformData } from './filter-gradient-geometry.js';
import { FilterGradientProgram } from './filter-gradient-program.js';
import { runSplitReduction } from './run-split-reduction.js';
import { chooseGemmTile, planSplits, type SplitSettings } from './split-plan.js';
import type { WebGpuBackendLike } from './webgpu-program.js';

/** The attributes tfjs passes to `Conv2DBackpropFilter` (`dilations` only from callers that set it). */
export interface Conv2DBackpropFilterAttributes extends ConvolutionAttributes {
  filterShape: [number, number, number, number];
}

/**
 * Makes the webgpu `Conv2DBackpropFilter` kernel: a split-K implicit GEMM
 * ({@link FilterGradientProgram}) plus, when the reduction is split, a sum of the partials.
 * Strides, dilations (`attrs.dilations`, default 1), 'same'/'valid'/numeric/explicit padding
 * with `dimRoundingMode`, NHWC and NCHW.
 *
 * @example
 * tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'webgpu', kernelFunc: conv2dBackpropFilterWebGpu(() => defaultSplitSettings) });
 */
export function conv2dBackpropFilterWebGpu(settings: () => SplitSettings): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const attributes = attrs as unknown as Conv2DBackpropFilterAttributes;
    const { filterShape } = attributes;
    const webGpu = backend as unknown as WebGpuBackendLike;
    const info = conv2dInfo(x.shape as [number, number, number, number], filterShape, attributes);
    const geometry = toConvGeometry(info);
    const rows = info.filterHeight * info.filterWidth * info.inChannels;
    const columns = info.outChannels;
    const reduction = info.batchSize * info.outHeight * info.outWidth;
    const { limits } = webGpu.device;
    const tile = chooseGemmTile(rows, columns, limits);
    const tiles = Math.ceil(rows / tile.rows) * Math.ceil(columns / tile.columns);
    const { splits, splitLength } = planSplits(reduction, tiles, tile.depth, settings(), limits.maxComputeWorkgroupsPerDimension);
    const program = new FilterGradientProgram(geometry, tile, splits);
    const uniforms = geometryUniformData(geometry, rows, columns, reduction, splitLength);
    return runSplitReduction(webGpu, program, [x, dy], filterShape, splits, uniforms);
  };
}
