import type { WebGpuProgram } from './webgpu-program.js';

/**
 * Sums `[splits, …outputShape]` partial results over the first axis into `outputShape`: the
 * second pass of a split reduction (WGSL has no float atomics). One thread per output, reading
 * along the output so neighbouring threads read neighbouring addresses.
 */
export class SplitSumProgram implements WebGpuProgram {
  variableNames = ['partials'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;

  constructor(
    outputShape: readonly number[],
    private readonly splits: number,
  ) {
    this.outputShape = [...outputShape];
    const size = outputShape.reduce((product, extent) => product * extent, 1);
    this.dispatch = [Math.ceil(size / 64), 1, 1];
    this.shaderKey = `lrkitSplitSum_${splits}_${size}`;
  }

  getUserCode(): string {
    const size = this.outputShape.reduce((product, extent) => product * extent, 1);
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          var sum = 0.0;
          for (var split = 0; split < ${this.splits}; split++) {
            sum += partials[split * ${size} + index];
          }
          setOutputAtIndex(index, sum);
        }
      }
    `;
  }
}
