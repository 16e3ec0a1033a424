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
          var sum = 0.0;
          for (var split = 0; split < uniforms.splits; split++) {
            sum += partials[split * uniforms.size + index];
          }
          setOutputAtIndex(index, sum);
        }
      }
    `;
  }
}
