import type * as tf from '@tensorflow/tfjs';
import type { SplitReductionProgram } from './split-reduction-program.js';
import { SplitSumProgram } from './split-sum-program.js';
import type { ProgramUniform, WebGpuBackendLike } from './webgpu-program.js';

/**
 * Runs `program` with its `uniforms` (which writes `[splits, …outputShape]` partial sums when `splits > 1`, else
 * the result itself) on `inputs`, then sums the partials with {@link SplitSumProgram} and
 * releases them.
 */
export function runSplitReduction(
  backend: WebGpuBackendLike,
  program: SplitReductionProgram,
  inputs: tf.TensorInfo[],
  outputShape: readonly number[],
  splits: number,
  uniforms: ProgramUniform[],
): tf.TensorInfo {
  const first = backend.runWebGPUProgram(program, inputs, 'float32', uniforms);
  if (splits === 1) return first;
  const summed = backend.runWebGPUProgram(new SplitSumProgram(outputShape), [first], 'float32', [{ type: 'int32', data: [splits] }]);
  backend.disposeData(first.dataId);
  return summed;
}
