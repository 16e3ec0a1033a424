import type { ConvGeometry } from '../conv-geometry.js';
import type { ProgramUniform } from './webgpu-program.js';

/** The geometry's integer fields, in a fixed order: the uniforms the programs read them from. */
export const geometryUniformNames = [
  'batchSize',
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
] as const satisfies readonly (keyof ConvGeometry)[];

/** WGSL uniform fields for {@link geometryUniformNames}, then `extra` (e.g. `splitLength`). */
export function geometryUniformDeclarations(...extra: string[]): string {
  return [...geometryUniformNames, ...extra].map((name) => `${name} : i32,`).join(' ');
}

/** The values of {@link geometryUniformDeclarations}, as `runWebGPUProgram` takes them. */
export function geometryUniformData(geometry: ConvGeometry, ...extra: number[]): ProgramUniform[] {
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
