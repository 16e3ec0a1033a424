import { PixelChannelBlockProgram, type PixelChannelBlockShader } from './pixel-channel-block-program.js';

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
export class Conv2DInputGradientProgram extends PixelChannelBlockProgram {
  /**
   * @param vectorized read dy, W and write the gradient as `vec4`s (input and output channels
   *   both multiples of 4): a quarter of the loads, 4 output channels per step.
   */
  constructor(inputShape: readonly [number, number, number, number], vectorized: boolean) {
    super('lrkitConv2DInputGradient', ['dy', 'W'], inputShape, vectorized, inputGradientShader(vectorized));
  }
}

/** The WGSL Conv2DInputGradientProgram splices into the skeleton. */
function inputGradientShader(vectorized: boolean): PixelChannelBlockShader {
  return {
    side: 'in',
    pixelSetup: `let rowFrom = inRow + vec4<i32>(uniforms.padTop);
        let columnFrom = inImage - inRow * vec4<i32>(uniforms.inWidth) + vec4<i32>(uniforms.padLeft);
        let imageBase = image * vec4<i32>(uniforms.outHeight * uniforms.outWidth * uniforms.outChannels);
        let strideHeight = vec4<i32>(uniforms.strideHeight);
        let strideWidth = vec4<i32>(uniforms.strideWidth);`,
    rowSetup: `let rowNumerator = rowFrom - vec4<i32>(tapRow * uniforms.dilationHeight);
          let outRow = rowNumerator / strideHeight;
          let rowHits = (rowNumerator >= vec4<i32>(0)) & (outRow * strideHeight == rowNumerator) & (outRow < vec4<i32>(uniforms.outHeight));`,
    columnSetup: `let columnNumerator = columnFrom - vec4<i32>(tapColumn * uniforms.dilationWidth);
            let outColumn = columnNumerator / strideWidth;
            let hits = rowHits & (columnNumerator >= vec4<i32>(0)) & (outColumn * strideWidth == columnNumerator) &
                (outColumn < vec4<i32>(uniforms.outWidth));`,
    hits: 'hits',
    tapSteps: `let dyOffset = select(vec4<i32>(0), imageBase + (outRow * vec4<i32>(uniforms.outWidth) + outColumn) * vec4<i32>(uniforms.outChannels), hits);
            ${vectorized ? vectorSteps : scalarSteps}`,
  };
}

/** The inner loop, one output channel per step. */
const scalarSteps = `let wOffset = ((tapRow * uniforms.filterWidth + tapColumn) * uniforms.inChannels + channels) * vec4<i32>(uniforms.outChannels);
            for (var outChannel = 0; outChannel < uniforms.outChannels; outChannel++) {
              let dyv = vec4<f32>(dy[dyOffset.x + outChannel], dy[dyOffset.y + outChannel], dy[dyOffset.z + outChannel], dy[dyOffset.w + outChannel]) * mask;
              let wIndex = wOffset + vec4<i32>(outChannel);
              let wv = vec4<f32>(W[wIndex.x], W[wIndex.y], W[wIndex.z], W[wIndex.w]);
              sum0 = fma(vec4<f32>(dyv.x), wv, sum0);
              sum1 = fma(vec4<f32>(dyv.y), wv, sum1);
              sum2 = fma(vec4<f32>(dyv.z), wv, sum2);
              sum3 = fma(vec4<f32>(dyv.w), wv, sum3);
            }`;

/** The inner loop on `vec4`s: four output channels of dy at four pixels, and of W for four input channels, per step. */
const vectorSteps = `let dyVector = dyOffset / vec4<i32>(4);
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
