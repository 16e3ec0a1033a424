import { PixelChannelBlockProgram, type PixelChannelBlockShader } from './pixel-channel-block-program.js';

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
export class Conv2DProgram extends PixelChannelBlockProgram {
  /**
   * @param vectorized read x, W and write the output as `vec4`s (input and output channels both
   *   multiples of 4): a quarter of the loads, 4 input channels per step.
   */
  constructor(outputShape: readonly [number, number, number, number], vectorized: boolean) {
    super('lrkitConv2D', ['x', 'W'], outputShape, vectorized, conv2dShader(vectorized));
  }
}

/** The WGSL Conv2DProgram splices into the skeleton. */
function conv2dShader(vectorized: boolean): PixelChannelBlockShader {
  return {
    side: 'out',
    pixelSetup: `let rowStart = outRow * vec4<i32>(uniforms.strideHeight) - vec4<i32>(uniforms.padTop);
        let columnStart = (inImage - outRow * vec4<i32>(uniforms.outWidth)) * vec4<i32>(uniforms.strideWidth) - vec4<i32>(uniforms.padLeft);
        let imageBase = image * vec4<i32>(uniforms.inHeight * uniforms.inWidth * uniforms.inChannels);`,
    rowSetup: `let inputRow = rowStart + vec4<i32>(tapRow * uniforms.dilationHeight);
          let rowInside = (inputRow >= vec4<i32>(0)) & (inputRow < vec4<i32>(uniforms.inHeight));`,
    columnSetup: `let inputColumn = columnStart + vec4<i32>(tapColumn * uniforms.dilationWidth);
            let inside = rowInside & (inputColumn >= vec4<i32>(0)) & (inputColumn < vec4<i32>(uniforms.inWidth));`,
    hits: 'inside',
    tapSteps: vectorized ? vectorSteps : scalarSteps,
  };
}

/** The inner loop, one input channel per step. */
const scalarSteps = `let xOffset = select(vec4<i32>(0), imageBase + (inputRow * vec4<i32>(uniforms.inWidth) + inputColumn) * vec4<i32>(uniforms.inChannels), inside);
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

/** The inner loop on `vec4`s: four input channels of four pixels, and four filter rows, per step. */
const vectorSteps = `let xOffset = select(vec4<i32>(0), (imageBase + (inputRow * vec4<i32>(uniforms.inWidth) + inputColumn) * vec4<i32>(uniforms.inChannels)) / vec4<i32>(4), inside);
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
