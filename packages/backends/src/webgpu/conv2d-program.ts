import { geometryUniformDeclarations } from './filter-gradient-geometry.js';
import type { WebGpuProgram } from './webgpu-program.js';

/** Threads per workgroup of the register-blocked convolution programs. */
export const convolutionWorkgroupThreads = 64;

/**
 * Conv2D's forward pass (NHWC) as an implicit GEMM in WGSL without workgroup memory: the
 * output, viewed as `[batch·outHeight·outWidth] × [outChannels]`, is `im2col(x) · W`. Each
 * thread keeps 4 output pixels × 4 output channels in registers and walks the filter taps and
 * input channels, reading x (zero outside the image, by a mask rather than a branch in the
 * inner loop) and four neighbouring output channels of the filter. Pixels and channels past the
 * edge are clamped and never written. When input and output channels are multiples of 4, x, W
 * and the output are read and written as `vec4`s (4 input channels per step: a quarter of the
 * loads). Sizes are uniforms (the geometry, then `pixels`), so one pipeline per layout and
 * vector width serves every shape.
 */
export class Conv2DProgram implements WebGpuProgram {
  variableNames = ['x', 'W'];
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
   * @param vectorized read x, W and write the output as `vec4`s (input and output channels both
   *   multiples of 4): a quarter of the loads, 4 input channels per step.
   */
  constructor(
    outputShape: readonly [number, number, number, number],
    private readonly vectorized: boolean,
  ) {
    this.outputShape = [...outputShape];
    if (vectorized) {
      this.variableComponents = [4, 4];
      this.outputComponent = 4;
    }
    const [batch, height, width, channels] = outputShape;
    const channelBlocks = Math.ceil(channels / 4);
    const pixelBlocks = Math.ceil((batch * height * width) / 4);
    const across = channelBlocks >= 16 ? 16 : channelBlocks >= 8 ? 8 : channelBlocks >= 4 ? 4 : 1;
    this.workgroupSize = [across, convolutionWorkgroupThreads / across, 1];
    this.dispatch = [Math.ceil(channelBlocks / across), Math.ceil(pixelBlocks / this.workgroupSize[1]), 1];
    this.shaderKey = `lrkitConv2D_NHWC_${across}_${vectorized ? 'vec4' : 'scalar'}`;
  }

  getUserCode(): string {
    return `
      fn main() {
        let channel = i32(globalId.x) * 4;
        let pixel = i32(globalId.y) * 4;
        if (channel >= uniforms.outChannels || pixel >= uniforms.pixels) {
          return;
        }
        let lanes = vec4<i32>(0, 1, 2, 3);
        let pixels = min(vec4<i32>(pixel) + lanes, vec4<i32>(uniforms.pixels - 1));
        let channels = min(vec4<i32>(channel) + lanes, vec4<i32>(uniforms.outChannels - 1));
        let perImage = uniforms.outHeight * uniforms.outWidth;
        let image = pixels / vec4<i32>(perImage);
        let inImage = pixels - image * vec4<i32>(perImage);
        let outRow = inImage / vec4<i32>(uniforms.outWidth);
        let rowStart = outRow * vec4<i32>(uniforms.strideHeight) - vec4<i32>(uniforms.padTop);
        let columnStart = (inImage - outRow * vec4<i32>(uniforms.outWidth)) * vec4<i32>(uniforms.strideWidth) - vec4<i32>(uniforms.padLeft);
        let imageBase = image * vec4<i32>(uniforms.inHeight * uniforms.inWidth * uniforms.inChannels);
        var sum0 = vec4<f32>(0.0);
        var sum1 = vec4<f32>(0.0);
        var sum2 = vec4<f32>(0.0);
        var sum3 = vec4<f32>(0.0);
        for (var tapRow = 0; tapRow < uniforms.filterHeight; tapRow++) {
          let inputRow = rowStart + vec4<i32>(tapRow * uniforms.dilationHeight);
          let rowInside = (inputRow >= vec4<i32>(0)) & (inputRow < vec4<i32>(uniforms.inHeight));
          for (var tapColumn = 0; tapColumn < uniforms.filterWidth; tapColumn++) {
            let inputColumn = columnStart + vec4<i32>(tapColumn * uniforms.dilationWidth);
            let inside = rowInside & (inputColumn >= vec4<i32>(0)) & (inputColumn < vec4<i32>(uniforms.inWidth));
            if (!any(inside)) {
              continue;
            }
            let mask = select(vec4<f32>(0.0), vec4<f32>(1.0), inside);
            ${this.vectorized ? this.vectorSteps() : this.scalarSteps()}
          }
        }
        ${this.vectorized ? this.vectorStore() : this.scalarStore()}
      }
    `;
  }

  /** The inner loop, one input channel per step. */
  private scalarSteps(): string {
    return `let xOffset = select(vec4<i32>(0), imageBase + (inputRow * vec4<i32>(uniforms.inWidth) + inputColumn) * vec4<i32>(uniforms.inChannels), inside);
            var wOffset = (tapRow * uniforms.filterWidth + tapColumn) * uniforms.inChannels * uniforms.outChannels;
            for (var inChannel = 0; inChannel < uniforms.inChannels; inChannel++) {
              let xv = vec4<f32>(x[xOffset.x + inChannel], x[xOffset.y + inChannel], x[xOffset.z + inChannel], x[xOffset.w + inChannel]) * mask;
              let wIndex = vec4<i32>(wOffset) + channels;
              let wv = vec4<f32>(W[wIndex.x], W[wIndex.y], W[wIndex.z], W[wIndex.w]);
              sum0 = fma(vec4<f32>(xv.x), wv, sum0);
              sum1 = fma(vec4<f32>(xv.y), wv, sum1);
              sum2 = fma(vec4<f32>(xv.z), wv, sum2);
              sum3 = fma(vec4<f32>(xv.w), wv, sum3);
              wOffset += uniforms.outChannels;
            }`;
  }

  /** The inner loop on `vec4`s: four input channels of four pixels, and four filter rows, per step. */
  private vectorSteps(): string {
    return `let xOffset = select(vec4<i32>(0), (imageBase + (inputRow * vec4<i32>(uniforms.inWidth) + inputColumn) * vec4<i32>(uniforms.inChannels)) / vec4<i32>(4), inside);
            let outVectors = uniforms.outChannels / 4;
            var wOffset = ((tapRow * uniforms.filterWidth + tapColumn) * uniforms.inChannels * uniforms.outChannels + channel) / 4;
            for (var inVector = 0; inVector < uniforms.inChannels / 4; inVector++) {
              let x0 = x[xOffset.x + inVector] * mask.x;
              let x1 = x[xOffset.y + inVector] * mask.y;
              let x2 = x[xOffset.z + inVector] * mask.z;
              let x3 = x[xOffset.w + inVector] * mask.w;
              let w0 = W[wOffset];
              let w1 = W[wOffset + outVectors];
              let w2 = W[wOffset + 2 * outVectors];
              let w3 = W[wOffset + 3 * outVectors];
              sum0 = fma(vec4<f32>(x0.x), w0, fma(vec4<f32>(x0.y), w1, fma(vec4<f32>(x0.z), w2, fma(vec4<f32>(x0.w), w3, sum0))));
              sum1 = fma(vec4<f32>(x1.x), w0, fma(vec4<f32>(x1.y), w1, fma(vec4<f32>(x1.z), w2, fma(vec4<f32>(x1.w), w3, sum1))));
              sum2 = fma(vec4<f32>(x2.x), w0, fma(vec4<f32>(x2.y), w1, fma(vec4<f32>(x2.z), w2, fma(vec4<f32>(x2.w), w3, sum2))));
              sum3 = fma(vec4<f32>(x3.x), w0, fma(vec4<f32>(x3.y), w1, fma(vec4<f32>(x3.z), w2, fma(vec4<f32>(x3.w), w3, sum3))));
              wOffset += 4 * outVectors;
            }`;
  }

  /** Writes the 4 × 4 block one element at a time, skipping pixels and channels past the edge. */
  private scalarStore(): string {
    return `var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          if (pixel + i < uniforms.pixels) {
            let outBase = (pixel + i) * uniforms.outChannels + channel;
            for (var j = 0; j < 4; j++) {
              if (channel + j < uniforms.outChannels) {
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
            result[((pixel + i) * uniforms.outChannels + channel) / 4] = sums[i];
          }
        }`;
  }
}
