import { geometryUniformDeclarations } from './filter-gradient-geometry.js';
import type { WebGpuProgram } from './webgpu-program.js';

/** Threads per workgroup of the register-blocked convolution programs. */
export const convolutionWorkgroupThreads = 64;

/** The WGSL that differs between two {@link PixelChannelBlockProgram}s, spliced into the shared skeleton. */
export interface PixelChannelBlockShader {
  /**
   * Whose pixels and channels the program writes, as the geometry uniforms name them: `out`
   * for Conv2D (y), `in` for its input gradient (dx).
   */
  readonly side: 'in' | 'out';
  /** Statements after `image`, `inImage` (the pixel within its image) and `<side>Row`, one lane per pixel. */
  readonly pixelSetup: string;
  /** Statements at the top of the filter-row loop (`tapRow`). */
  readonly rowSetup: string;
  /** Statements at the top of the filter-column loop (`tapColumn`) that define the `vec4<bool>` named {@link hits}. */
  readonly columnSetup: string;
  /** Which of the 4 pixels the tap reaches: the tap is skipped when none, else `mask` is 1.0 where it does. */
  readonly hits: string;
  /** Statements after `mask` that add the tap's products into `sum0` … `sum3` (one per pixel, 4 channels each). */
  readonly tapSteps: string;
}

/**
 * The skeleton of lrkit's register-blocked NHWC convolutions without workgroup memory: the
 * output, viewed as `[pixels] × [channels]`, is computed 4 pixels × 4 channels per thread, in
 * four `vec4` accumulators, by a loop over the filter's taps whose body the convolution supplies
 * ({@link PixelChannelBlockShader}). Pixels and channels past the edge are clamped and never
 * written. When `vectorized`, both inputs and the output are bound as `vec4`s and the block is
 * stored as four `vec4`s. Sizes are uniforms (the geometry, then `pixels`), so one pipeline per
 * program, workgroup shape and vector width serves every shape.
 */
export class PixelChannelBlockProgram implements WebGpuProgram {
  variableNames: string[];
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
   * @param name the shader key's prefix, naming the program.
   * @param variableNames the two inputs, in the order the kernel passes them.
   * @param outputShape the NHWC output: `[batch, height, width, channels]`.
   * @param vectorized bind the inputs and the output as `vec4`s (input and output channels both multiples of 4).
   * @param shader the WGSL of this convolution (written for `vectorized`'s bindings).
   */
  constructor(
    name: string,
    variableNames: readonly [string, string],
    outputShape: readonly [number, number, number, number],
    private readonly vectorized: boolean,
    private readonly shader: PixelChannelBlockShader,
  ) {
    this.variableNames = [...variableNames];
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
    this.shaderKey = `${name}_NHWC_${across}_${vectorized ? 'vec4' : 'scalar'}`;
  }

  getUserCode(): string {
    const { side, pixelSetup, rowSetup, columnSetup, hits, tapSteps } = this.shader;
    const channelCount = `${side}Channels`;
    return `
      fn main() {
        let channel = i32(globalId.x) * 4;
        let pixel = i32(globalId.y) * 4;
        if (channel >= uniforms.${channelCount} || pixel >= uniforms.pixels) {
          return;
        }
        let lanes = vec4<i32>(0, 1, 2, 3);
        let pixels = min(vec4<i32>(pixel) + lanes, vec4<i32>(uniforms.pixels - 1));
        let channels = min(vec4<i32>(channel) + lanes, vec4<i32>(uniforms.${channelCount} - 1));
        let perImage = uniforms.${side}Height * uniforms.${side}Width;
        let image = pixels / vec4<i32>(perImage);
        let inImage = pixels - image * vec4<i32>(perImage);
        let ${side}Row = inImage / vec4<i32>(uniforms.${side}Width);
        ${pixelSetup}
        var sum0 = vec4<f32>(0.0);
        var sum1 = vec4<f32>(0.0);
        var sum2 = vec4<f32>(0.0);
        var sum3 = vec4<f32>(0.0);
        for (var tapRow = 0; tapRow < uniforms.filterHeight; tapRow++) {
          ${rowSetup}
          for (var tapColumn = 0; tapColumn < uniforms.filterWidth; tapColumn++) {
            ${columnSetup}
            if (!any(${hits})) {
              continue;
            }
            let mask = select(vec4<f32>(0.0), vec4<f32>(1.0), ${hits});
            ${tapSteps}
          }
        }
        ${this.vectorized ? vectorStore(channelCount) : scalarStore(channelCount)}
      }
    `;
  }
}

/** Writes the 4 × 4 block one element at a time, skipping pixels and channels past the edge. */
function scalarStore(channelCount: string): string {
  return `var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          if (pixel + i < uniforms.pixels) {
            let outBase = (pixel + i) * uniforms.${channelCount} + channel;
            for (var j = 0; j < 4; j++) {
              if (channel + j < uniforms.${channelCount}) {
                result[outBase + j] = sums[i][j];
              }
            }
          }
        }`;
}

/** Writes the block as four `vec4`s (the channels are a multiple of 4), skipping pixels past the edge. */
function vectorStore(channelCount: string): string {
  return `var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          if (pixel + i < uniforms.pixels) {
            result[((pixel + i) * uniforms.${channelCount} + channel) / 4] = sums[i];
          }
        }`;
}
