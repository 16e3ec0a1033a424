import type { WebGpuProgram } from './webgpu-program.js';

/**
 * Sums `[splits, …outputShape]` partial results over the first axis into `outputShape`: the
 * second pass of a split reduction (WGSL has no float atomics). One thread per output, reading
 * along the output so neighbouring threads read neighbouring addresses.
 */
export class SplitSumProgram implements WebGpuProgram {
  variableNames = ['partials'];
  uniforms = 'splits : i32,';
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;

  constructor(outputShape: readonly number[]) {
    this.outputShape = [...outputShape];
    const size = outputShape.reduce((product, extent) => product * extent, 1);
    this.dispatch = [Math.ceil(size / 64), 1, 1];
    this.shaderKey = 'lrkitSplitSum';
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          // Four independent sums keep four loads in flight (there are few threads here).
          var sums = vec4<f32>(0.0);
          var split = 0;
          for (; split + 3 < uniforms.splits; split += 4) {
            let offset = split * uniforms.size + index;
            sums += vec4<f32>(partials[offset], partials[offset + uniforms.size],
                partials[offset + 2 * uniforms.size], partials[offset + 3 * uniforms.size]);
          }
          for (; split < uniforms.splits; split++) {
            sums.x += partials[split * uniforms.size + index];
          }
          setOutputAtIndex(index, (sums.x + sums.y) + (sums.z + sums.w));
        }
      }
    `;
  }
}
