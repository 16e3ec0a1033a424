import type * as tf from '@tensorflow/tfjs';
import { toConvGeometry } from '../conv-geometry.js';
import { fitsDispatchLimit, runFallbackKernel } from './fallback-kernel.js';
import { geometryUniformData } from './filter-gradient-geometry.js';
import type { PixelChannelBlockProgram } from './pixel-channel-block-program.js';
import type { WebGpuBackendLike } from './webgpu-program.js';

/** What a {@link PixelChannelBlockProgram} kernel reads from one call. */
export interface PixelChannelBlockCall {
  /** The convolution's geometry, from tfjs' `computeConv2DInfo`. */
  readonly info: tf.backend_util.Conv2DInfo;
  /** The program's two inputs, in its `variableNames` order; the first one's dtype decides. */
  readonly inputs: readonly [tf.TensorInfo, tf.TensorInfo];
  /** Makes the program, `vectorized` when input and output channels are both multiples of 4. */
  readonly program: (vectorized: boolean) => PixelChannelBlockProgram;
}

/**
 * Makes a webgpu kernel that runs a {@link PixelChannelBlockProgram} on NHWC float32 calls
 * (read by `read`), with the geometry and the output's pixel count as uniforms, and hands NCHW,
 * other dtypes and dispatches past the device's limit to `fallback` (tfjs-webgpu's own kernel).
 * `subject` names what the kernel computes in the error thrown when there is no fallback.
 */
export function pixelChannelBlockKernel(
  kernelName: string,
  subject: string,
  fallback: () => tf.KernelFunc | undefined,
  read: (parameters: Parameters<tf.KernelFunc>[0]) => PixelChannelBlockCall,
): tf.KernelFunc {
  return (parameters) => {
    const webGpu = parameters.backend as unknown as WebGpuBackendLike;
    const { info, inputs, program: makeProgram } = read(parameters);
    const program =
      info.dataFormat === 'channelsLast' && inputs[0].dtype === 'float32' ? makeProgram(info.inChannels % 4 === 0 && info.outChannels % 4 === 0) : undefined;
    if (program === undefined || !fitsDispatchLimit(program, webGpu.device.limits)) {
      return runFallbackKernel(kernelName, subject, fallback, parameters);
    }
    const [batch, height, width] = program.outputShape as [number, number, number, number];
    return webGpu.runWebGPUProgram(program, [...inputs], 'float32', geometryUniformData(toConvGeometry(info), batch * height * width));
  };
}
