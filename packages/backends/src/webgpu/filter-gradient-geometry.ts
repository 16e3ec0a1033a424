import type * as tf from '@tensorflow/tfjs';
import type { ProgramUniform } from './webgpu-program.js';

/** A convolution's shapes as the filter-gradient programs bake them into WGSL. */
export interface FilterGradientGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  /** dy's channels: `outChannels` for Conv2D, `inChannels × multiplier` for depthwise. */
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
  /** NHWC (`true`) or NCHW. */
  readonly channelsLast: boolean;
}

/** The geometry of a `backend_util.computeConv2DInfo` result. */
export function geometryOf(info: tf.backend_util.Conv2DInfo): FilterGradientGeometry {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    channelsLast: info.dataFormat === 'channelsLast',
  };
}

/** The geometry's integer fields, in a fixed order: the uniforms the programs read them from. */
export const geometryUniformNames = [
  'batch',
  'inHeight',
  'inWidth',
  'inChannels',
  'outHeight',
  'outWidth',
  'outChannels',
  'filterHeight',
  'filterWidth',
  'strideHeight',
  'strideWidth',
  'dilationHeight',
  'dilationWidth',
  'padTop',
  'padLeft',
] as const satisfies readonly (keyof FilterGradientGeometry)[];

/** WGSL uniform fields for {@link geometryUniformNames}, then `extra` (e.g. `splitLength`). */
export function geometryUniformDeclarations(...extra: string[]): string {
  return [...geometryUniformNames, ...extra].map((name) => `${name} : i32,`).join(' ');
}

/** The values of {@link geometryUniformDeclarations}, as `runWebGPUProgram` takes them. */
export function geometryUniformData(geometry: FilterGradientGeometry, ...extra: number[]): ProgramUniform[] {
  return [...geometryUniformNames.map((name) => geometry[name]), ...extra].map((value) => ({ type: 'int32', data: [value] }));
}

/**
 * WGSL that turns reduction index `k` (batch × output row × output column) into `imageBase`
 * (x's offset of the receptive field's corner, before the tap) and `rowStart` / `columnStart`
 * (the corner's input row and column, possibly negative), reading sizes from the uniforms.
 */
export function receptiveFieldSnippet(channelsLast: boolean, k: string): string {
  const imageBase = channelsLast
    ? '((image * uniforms.inHeight + rowStart) * uniforms.inWidth + columnStart) * uniforms.inChannels'
    : 'image * uniforms.inChannels * uniforms.inHeight * uniforms.inWidth + rowStart * uniforms.inWidth + columnStart';
  return `
          let image = ${k} / (uniforms.outHeight * uniforms.outWidth);
          let pixel = ${k} - image * uniforms.outHeight * uniforms.outWidth;
          let outRow = pixel / uniforms.outWidth;
          let rowStart = outRow * uniforms.strideHeight - uniforms.padTop;
          let columnStart = (pixel - outRow * uniforms.outWidth) * uniforms.strideWidth - uniforms.padLeft;
          let imageBase = ${imageBase};`;
}
