import type * as tf from '@tensorflow/tfjs';

/**
 * The fields of tfjs-backend-webgpu's `WebGPUProgram` that lrkit's programs set. Declared
 * here, structurally, so this package never imports `@tensorflow/tfjs-backend-webgpu` (an
 * optional peer that registers its backend at import time).
 */
export interface WebGpuProgram {
  /** Names of the input buffers, in the order the inputs are passed. */
  variableNames: string[];
  outputShape: number[];
  /** Must name every value baked into the shader: tfjs caches pipelines under it. */
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  /** WGSL fields appended to tfjs' `Uniforms` struct, e.g. `'kPerSplit : i32,'`. */
  uniforms?: string;
  /** Whether tfjs adds `uniforms.size` (the output's element count). */
  size?: boolean;
  /** Elements per array entry of each input binding (4: `array<vec4<f32>>`); default `outputComponent`. */
  variableComponents?: number[];
  /** Elements per entry of the output binding `result`; default 1. */
  outputComponent?: number;
  getUserCode(): string;
}

/** A program-defined uniform value, as `runWebGPUProgram` takes them. */
export interface ProgramUniform {
  type: 'int32' | 'float32' | 'uint32';
  data: number[];
}

/** The parts of tfjs-backend-webgpu's `WebGPUBackend` that lrkit's kernels call. */
export interface WebGpuBackendLike {
  readonly device: { readonly limits: WebGpuLimits };
  runWebGPUProgram(program: WebGpuProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: ProgramUniform[]): tf.TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The device limits the kernels size their workgroups by. */
export interface WebGpuLimits {
  readonly maxComputeWorkgroupStorageSize: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupsPerDimension: number;
}
