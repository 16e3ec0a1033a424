import type { WebGpuProgram } from './webgpu-program.js';

/**
 * A program whose third dispatch dimension cuts its reduction into splits (times the batch,
 * where there is one), as {@link runSplitReduction} runs them: with more than one split it
 * writes `[splits, …]` partial sums for {@link SplitSumProgram}, else the result itself. The
 * subclass sets the output shape, shader key, dispatch and workgroup size in its constructor.
 */
export abstract class SplitReductionProgram implements WebGpuProgram {
  abstract variableNames: string[];
  abstract uniforms: string;
  outputShape!: number[];
  shaderKey!: string;
  dispatchLayout = { x: [0], y: [1], z: [2] };
  dispatch!: [number, number, number];
  workgroupSize!: [number, number, number];
  size = false;

  abstract getUserCode(): string;
}
