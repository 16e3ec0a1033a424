import { geometryKey, receptiveFieldSnippet, type FilterGradientGeometry } from './filter-gradient-geometry.js';
import type { WebGpuProgram } from './webgpu-program.js';

/** Threads per workgroup of {@link DepthwiseFilterGradientProgram}, along the channels. */
export const depthwiseWorkgroupWidth = 64;

/**
 * The depthwise convolution's filter gradient in WGSL (NHWC): one thread per (filter tap,
 * output channel) and reduction range, `dW[tap, c] = Σ_k x[k ⊕ tap, c / multiplier] · dy[k, c]`
 * over `K = batch·outHeight·outWidth`, neighbouring threads on neighbouring channels so reads
 * coalesce. The reduction is cut into `splits` ranges of `splitLength` (the third dispatch
 * dimension); with more than one split the output is `[splits, taps, channels]` partial sums
 * for {@link SplitSumProgram}, else the filter gradient itself.
 */
export class DepthwiseFilterGradientProgram implements WebGpuProgram {
  variableNames = ['x', 'dy'];
  uniforms = 'splitLength : i32,';
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1], z: [2] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [depthwiseWorkgroupWidth, 1, 1];
  size = false;

  constructor(
    private readonly geometry: FilterGradientGeometry,
    splits: number,
    splitLength: number,
  ) {
    if (!geometry.channelsLast) throw new Error('DepthwiseFilterGradientProgram: only NHWC (channelsLast) is supported');
    const taps = geometry.filterHeight * geometry.filterWidth;
    const multiplier = geometry.outChannels / geometry.inChannels;
    this.outputShape =
      splits > 1 ? [splits, taps, geometry.outChannels] : [geometry.filterHeight, geometry.filterWidth, geometry.inChannels, multiplier];
    this.dispatch = [Math.ceil(geometry.outChannels / depthwiseWorkgroupWidth), taps, splits];
    this.shaderKey = `lrkitDepthwiseFilterGradient_${geometryKey(geometry)}_${splitLength}_${splits > 1 ? 1 : 0}`;
  }

  getUserCode(): string {
    const { geometry } = this;
    const { inHeight, inWidth, inChannels, outChannels, filterWidth, dilationHeight, dilationWidth, batch, outHeight, outWidth } = geometry;
    const taps = geometry.filterHeight * filterWidth;
    const multiplier = outChannels / inChannels;
    return `
      fn main() {
        let channel = i32(globalId.x);
        let tap = i32(workgroupId.y);
        let split = i32(workgroupId.z);
        let kStart = split * uniforms.splitLength;
        let kEnd = min(kStart + uniforms.splitLength, ${batch * outHeight * outWidth});
        if (channel >= ${outChannels}) {
          return;
        }
        let inChannel = channel / ${multiplier};
        let tapRow = (tap / ${filterWidth}) * ${dilationHeight};
        let tapColumn = (tap % ${filterWidth}) * ${dilationWidth};
        let tapOffset = (tapRow * ${inWidth} + tapColumn) * ${inChannels} + inChannel;
        var sum = 0.0;
        for (var k = kStart; k < kEnd; k++) {
          ${receptiveFieldSnippet(geometry, 'k')}
          let inputRow = rowStart + tapRow;
          let inputColumn = columnStart + tapColumn;
          if (inputRow >= 0 && inputRow < ${inHeight} && inputColumn >= 0 && inputColumn < ${inWidth}) {
            sum = fma(x[imageBase + tapOffset], dy[k * ${outChannels} + channel], sum);
          }
        }
        result[(split * ${taps} + tap) * ${outChannels} + channel] = sum;
      }
    `;
  }
}
