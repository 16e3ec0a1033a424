import type { ConvGeometry } from '../conv-geometry.js';
import { geometryUniformDeclarations, receptiveFieldSnippet } from './filter-gradient-geometry.js';
import { SplitReductionProgram } from './split-reduction-program.js';

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
export class DepthwiseFilterGradientProgram extends SplitReductionProgram {
  variableNames = ['x', 'dy'];
  uniforms = geometryUniformDeclarations('splitLength');
  override workgroupSize: [number, number, number] = [depthwiseWorkgroupWidth, 1, 1];

  constructor(geometry: ConvGeometry, splits: number) {
    super();
    if (!geometry.channelsLast) throw new Error('DepthwiseFilterGradientProgram: only NHWC (channelsLast) is supported');
    const taps = geometry.filterHeight * geometry.filterWidth;
    const multiplier = geometry.outChannels / geometry.inChannels;
    this.outputShape = splits > 1 ? [splits, taps, geometry.outChannels] : [geometry.filterHeight, geometry.filterWidth, geometry.inChannels, multiplier];
    this.dispatch = [Math.ceil(geometry.outChannels / depthwiseWorkgroupWidth), taps, splits];
    this.shaderKey = 'lrkitDepthwiseFilterGradient';
  }

  getUserCode(): string {
    return `
      fn main() {
        let channel = i32(globalId.x);
        let tap = i32(workgroupId.y);
        let split = i32(workgroupId.z);
        let kStart = split * uniforms.splitLength;
        let kEnd = min(kStart + uniforms.splitLength, uniforms.batchSize * uniforms.outHeight * uniforms.outWidth);
        if (channel >= uniforms.outChannels) {
          return;
        }
        let inChannel = channel / (uniforms.outChannels / uniforms.inChannels);
        let tapRow = (tap / uniforms.filterWidth) * uniforms.dilationHeight;
        let tapColumn = (tap % uniforms.filterWidth) * uniforms.dilationWidth;
        let tapOffset = (tapRow * uniforms.inWidth + tapColumn) * uniforms.inChannels + inChannel;
        var sum = 0.0;
        for (var k = kStart; k < kEnd; k++) {
          ${receptiveFieldSnippet(true, 'k')}
          let inputRow = rowStart + tapRow;
          let inputColumn = columnStart + tapColumn;
          if (inputRow >= 0 && inputRow < uniforms.inHeight && inputColumn >= 0 && inputColumn < uniforms.inWidth) {
            sum = fma(x[imageBase + tapOffset], dy[k * uniforms.outChannels + channel], sum);
          }
        }
        result[(split * uniforms.filterHeight * uniforms.filterWidth + tap) * uniforms.outChannels + channel] = sum;
      }
    `;
  }
}
