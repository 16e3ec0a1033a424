import { convolutionWorkgroupThreads } from './conv2d-program.js';
import { geometryUniformDeclarations } from './filter-gradient-geometry.js';
import type { WebGpuProgram } from './webgpu-program.js';

/**
 * Conv2D's input gradient (NHWC) in WGSL without workgroup memory: input pixel `(h, w)` of
 * channel `c` gathers `dy[(h + padTop − i·dilation) / stride, …] · W[i, j, c, :]` over the taps
 * whose output position is whole and inside dy. Each thread keeps 4 input pixels × 4 input
 * channels in registers and walks taps and output channels; taps that miss are masked, not
 * branched on, in the inner loop. Pixels and channels past the edge are clamped and never
 * written. When input and output channels are multiples of 4, dy, W and the gradient are read
 * and written as `vec4`s (4 output channels per step, as dot products). Sizes are uniforms (the
 * geometry, then `pixels` = batch·inHeight·inWidth).
 */
export class Conv2DInputGradientProgram implements WebGpuProgram {
  variableNames = ['dy', 'W'];
  uniforms = geometryUniformDeclarations('pixels');
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [3], y: [0, 1, 2] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size = false;

  variableComponents?: number[];
  outputComponent?: number;

  /**
   * @param vectorized read dy, W and write the gradient as `vec4`s (input and output channels
   *   both multiples of 4): a quarter of the loads, 4 output channels per step.
   */
  constructor(
    inputShape: readonly [number, number, number, number],
    private readonly vectorized: boolean,
  ) {
    this.outputShape = [...inputShape];
    if (vectorized) {
      this.variableComponents = [4, 4];
      this.outputComponent = 4;
    }
    const [batch, height, width, channels] = inputShape;
    const channelBlocks = Math.ceil(channels / 4);
    const pixelBlocks = Math.ceil((batch * height * width) / 4);
    const across = channelBlocks >= 16 ? 16 : channelBlocks >= 8 ? 8 : channelBlocks >= 4 ? 4 : 1;
    this.workgroupSize = [across, convolutionWorkgroupThreads / across, 1];
    this.dispatch = [Math.ceil(channelBlocks / across), Math.ceil(pixelBlocks / this.workgroupSize[1]), 1];
    this.shaderKey = `lrkitConv2DInputGradient_NHWC_${across}_${vectorized ? 'vec4' : 'scalar'}`;
  }

  getUserCode(): string {
    return `
      fn main() {
        let channel = i32(globalId.x) * 4;
        let pixel = i32(globalId.y) * 4;
        if (channel >= uniforms.inChannels || pixel >= uniforms.pixels) {
          return;
        }
        let lanes = vec4<i32>(0, 1, 2, 3);
        let pixels = min(vec4<i32>(pixel) + lanes, vec4<i32>(uniforms.pixels - 1));
        let channels = min(vec4<i32>(channel) + lanes, vec4<i32>(uniforms.inChannels - 1));
        let perImage = uniforms.inHeight * uniforms.inWidth;
        let image = pixels / vec4<i32>(perImage);
        let inImage = pixels - image * vec4<i32>(perImage);
        let inRow = inImage / vec4<i32>(uniforms.inWidth);
        let rowFrom = inRow + vec4<i32>(uniforms.padTop);
        let columnFrom = inImage - inRow * vec4<i32>(uniforms.inWidth) + vec4<i32>(uniforms.padLeft);
        let imageBase = image * vec4<i32>(uniforms.outHeight * uniforms.outWidth * uniforms.outChannels);
        let strideHeight = vec4<i32>(uniforms.strideHeight);
        let strideWidth = vec4<i32>(uniforms.strideWidth);
        var sum0 = vec4<f32>(0.0);
        var sum1 = vec4<f32>(0.0);
        var sum2 = vec4<f32>(0.0);
        var sum3 = vec4<f32>(0.0);
        for (var tapRow = 0; tapRow < uniforms.filterHeight; tapRow++) {
          let rowNumerator = rowFrom - vec4<i32>(tapRow * uniforms.dilationHeight);
          let outRow = rowNumerator / strideHeight;
          let rowHits = (rowNumerator >= vec4<i32>(0)) & (outRow * strideHeight == rowNumerator) & (outRow < vec4<i32>(uniforms.outHeight));
          for (var tapColumn = 0; tapColumn < uniforms.filterWidth; tapColumn++) {
            let columnNumerator = columnFrom - vec4<i32>(tapColumn * uniforms.dilationWidth);
            let outColumn = columnNumerator / strideWidth;
            let hits = rowHits & (columnNumerator >= vec4<i32>(0)) & (outColumn * strideWidth == columnNumerator) &
                (outColumn < vec4<i32>(uniforms.outWidth));
            if (!any(hits)) {
              continue;
            }
            let mask = select(vec4<f32>(0.0), vec4<f32>(1.0), hits);
            let dyOffset = select(vec4<i32>(0), imageBase + (outRow * vec4<i32>(uniforms.outWidth) + outColumn) * vec4<i32>(uniforms.outChannels), hits);
            ${this.vectorized ? this.vectorSteps() : this.scalarSteps()}
          }
        }
        ${this.vectorized ? this.vectorStore() : this.scalarStore()}
      }
    `;
  }

  /** The inner loop, one output channel per step. */
  private scalarSteps(): string {
    return `let wOffset = ((tapRow * uniforms.filterWidth + tapColumn) * uniforms.inChannels + channels) * vec4<i32>(uniforms.outChannels);
            for (var outChannel = 0; outChannel < uniforms.outChannels; outChannel++) {
              let dyv = vec4<f32>(dy[dyOffset.x + outChannel], dy[dyOffset.y + outChannel], dy[dyOffset.z + outChannel], dy[dyOffset.w + outChannel]) * mask;
              let wIndex = wOffset + vec4<i32>(outChannel);
              let wv = vec4<f32>(W[wIndex.x], W[wIndex.y], W[wIndex.z], W[wIndex.w]);
              sum0 = fma(vec4<f32>(dyv.x), wv, sum0);
              sum1 = fma(vec4<f32>(dyv.y), wv, sum1);
              sum2 = fma(vec4<f32>(dyv.z), wv, sum2);
              sum3 = fma(vec4<f32>(dyv.w), wv, sum3);
            }`;
  }

  /** The inner loop on `vec4`s: four output channels of dy at four pixels, and of W for four input channels, per step. */
  private vectorSteps(): string {
    return `let dyVector = dyOffset / vec4<i32>(4);
            let outVectors = uniforms.outChannels / 4;
            var wOffset = ((tapRow * uniforms.filterWidth + tapColumn) * uniforms.inChannels + channel) * outVectors;
            for (var outVector = 0; outVector < outVectors; outVector++) {
              let d0 = dy[dyVector.x + outVector] * mask.x;
              let d1 = dy[dyVector.y + outVector] * mask.y;
              let d2 = dy[dyVector.z + outVector] * mask.z;
              let d3 = dy[dyVector.w + outVector] * mask.w;
              let w0 = W[wOffset];
              let w1 = W[wOffset + outVectors];
              let w2 = W[wOffset + 2 * outVectors];
              let w3 = W[wOffset + 3 * outVectors];
              sum0 += vec4<f32>(dot(d0, w0), dot(d0, w1), dot(d0, w2), dot(d0, w3));
              sum1 += vec4<f32>(dot(d1, w0), dot(d1, w1), dot(d1, w2), dot(d1, w3));
              sum2 += vec4<f32>(dot(d2, w0), dot(d2, w1), dot(d2, w2), dot(d2, w3));
              sum3 += vec4<f32>(dot(d3, w0), dot(d3, w1), dot(d3, w2), dot(d3, w3));
              wOffset += 1;
            }`;
  }

  /** Writes the 4 × 4 block one element at a time, skipping pixels and channels past the edge. */
  private scalarStore(): string {
    return `var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          if (pixel + i < uniforms.pixels) {
            let outBase = (pixel + i) * uniforms.inChannels + channel;
            for (var j = 0; j < 4; j++) {
              if (channel + j < uniforms.inChannels) {
                result[outBase + j] = sums[i][j];
              }
            }
          }
        }`;
  }

  /** Writes the block as four `vec4`s (the channels are a multiple of 4), skipping pixels past the edge. */
  private vectorStore(): string {
    return `var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          if (pixel + i < uniforms.pixels) {
            result[((pixel + i) * uniforms.inChannels + channel) / 4] = sums[i];
          }
        }`;
  }
}
