// Test helpers for the webgpu kernels: a real WebGPU device through Dawn on SwiftShader's
// Vulkan driver (Debian's chromium package ships it; `pnpm test` installs Chromium).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect } from 'vitest';
import { initializeNodeWebGpu } from '../node/node-webgpu.js';
import { findSoftwareVulkanDriver } from '../node/software-vulkan.js';
import { type Conv2DCase, conv2DAttributes, largestError, randomValues, undilateFilter } from '../wasm/kernel-test-support.js';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import type { SplitSettings } from './split-plan.js';

/** A tensor's values and shape, to build it afresh on each backend. */
export interface TensorValues {
  values: Float32Array;
  shape: number[];
}

/** The number of elements of a tensor of `shape`. */
export const elementCount = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Fresh random values (from `random`, drawn in the order of `shapes`' keys) for tensors of `shapes`. */
export function randomTensors<Name extends string>(random: () => number, shapes: Record<Name, number[]>): Record<Name, TensorValues> {
  return Object.fromEntries(
    (Object.entries(shapes) as [Name, number[]][]).map(([name, shape]) => [name, { values: randomValues(random, elementCount(shape)), shape }]),
  ) as Record<Name, TensorValues>;
}

/** Starts WebGPU through Dawn on SwiftShader once and registers tfjs' webgpu backend. */
export async function prepareWebGpu(): Promise<void> {
  const driver = findSoftwareVulkanDriver();
  if (driver === undefined) throw new Error('SwiftShader Vulkan driver not found: install Debian chromium (scripts/ensure-chromium.sh)');
  const { adapter } = await initializeNodeWebGpu({ vulkanDriverFiles: driver });
  if (adapter === undefined) throw new Error('Dawn found no WebGPU adapter on SwiftShader');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tf.setBackend("webgpu") failed');
}

/** Call inside a `describe`: starts WebGPU and registers lrkit's kernels before its tests, unregisters them after. */
export function useWebGpuTrainingKernels(): void {
  beforeAll(async () => {
    await prepareWebGpu();
    registerWebGpuTrainingKernels();
  });
  afterAll(() => {
    unregisterWebGpuTrainingKernels();
  });
}

/** Call inside a `describe`: registers the kernels with `settings` before its tests and with the defaults after. */
export function useSplitSettings(settings: Partial<SplitSettings>): void {
  beforeAll(() => {
    registerWebGpuTrainingKernels(settings);
  });
  afterAll(() => {
    registerWebGpuTrainingKernels();
  });
}

/** Runs one kernel by name on `backendName` with fresh inputs and returns its values. */
export async function kernelValues(backendName: string, kernelName: string, inputs: Record<string, TensorValues>, attrs: object): Promise<Float32Array> {
  if (!(await tf.setBackend(backendName))) throw new Error(`could not switch to ${backendName}`);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([name, { values, shape }]) => [name, tf.tensor(values, shape)]));
  const result = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = (await result.data()) as Float32Array;
  tf.dispose([result, ...Object.values(tensors)]);
  return values;
}

/** Expects `actual` to hold `length` values, each within `tolerance` (relative past 1) of `expected`'s. */
export function expectClose(actual: Float32Array, expected: Float32Array, length: number, tolerance: number): void {
  expect(actual.length).toBe(length);
  expect(largestError(actual, expected)).toBeLessThan(tolerance);
}

/** Runs kernel `kernelName` on webgpu and on cpu and expects `length` values that agree to `tolerance`. */
export async function expectKernelMatchesCpu(
  kernelName: string,
  inputs: Record<string, TensorValues>,
  attrs: object,
  length: number,
  tolerance: number,
): Promise<void> {
  const actual = await kernelValues('webgpu', kernelName, inputs, attrs);
  const expected = await kernelValues('cpu', kernelName, inputs, attrs);
  expectClose(actual, expected, length, tolerance);
}

/** The gradients of `loss` with respect to each of `inputs`, computed on `backendName`. */
export async function gradientsOn(backendName: string, loss: (...inputs: tf.Tensor[]) => tf.Scalar, inputs: TensorValues[]): Promise<Float32Array[]> {
  await tf.setBackend(backendName);
  const gradients = tf.tidy(() => tf.grads(loss)(inputs.map(({ values, shape }) => tf.tensor(values, shape))));
  const values: Float32Array[] = [];
  for (const gradient of gradients) values.push((await gradient.data()) as Float32Array);
  tf.dispose(gradients);
  return values;
}

/** Expects the gradients of `loss` with respect to each of `inputs` on webgpu to equal the cpu backend's to `tolerance`. */
export async function expectGradientsMatchCpu(loss: (...inputs: tf.Tensor[]) => tf.Scalar, inputs: TensorValues[], tolerance: number): Promise<void> {
  const onWebGpu = await gradientsOn('webgpu', loss, inputs);
  const onCpu = await gradientsOn('cpu', loss, inputs);
  onWebGpu.forEach((actual, index) => {
    expect(largestError(actual, onCpu[index]!)).toBeLessThan(tolerance);
  });
}

/** On webgpu, makes `inputs`, runs `compute` on them and expects no tensor and no GPU buffer left once its result is read and disposed. */
export async function expectNothingLeftBehind(inputs: () => tf.Tensor[], compute: (inputs: tf.Tensor[]) => tf.Tensor): Promise<void> {
  await tf.setBackend('webgpu');
  const tensors = inputs();
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const output = compute(tensors);
  await output.data();
  output.dispose();
  expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore, buffersBefore]);
  tf.dispose(tensors);
}

/** A Conv2D case with every size given (the workgroup-edge shapes); `dyShape` follows from the rest. */
export function givenConv2DCase(
  name: string,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: [number, number],
  pad: Conv2DCase['pad'],
  dataFormat: 'NHWC' | 'NCHW' = 'NHWC',
  dilations: [number, number] | 1 = 1,
): Conv2DCase {
  const format = dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst';
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, undefined, false, format);
  return { name, xShape, dyShape: info.outShape, filterShape, strides, pad, dataFormat };
}

/** The shape of the zero-inserted filter a dilated convolution effectively applies. */
export function dilatedFilterShape(filterShape: readonly number[], dilations: readonly [number, number]): [number, number, number, number] {
  const [height, width, channels, multiplier] = filterShape as [number, number, number, number];
  return [(height - 1) * dilations[0] + 1, (width - 1) * dilations[1] + 1, channels, multiplier];
}

/** Keeps the taps of a gradient computed for the zero-inserted filter of shape `dilatedShape` (the cpu kernels ignore dilations). */
export function undilatedValues(gradient: Float32Array, dilatedShape: [number, number, number, number], dilations: readonly [number, number]): Float32Array {
  return tf.tidy(() => undilateFilter(tf.tensor4d(gradient, dilatedShape), dilations[0], dilations[1]).dataSync() as Float32Array);
}

/** Explicit NHWC padding, uneven on both sides: 2 rows above and 1 below, none left and 2 columns right. */
export const unevenPadding: tf.backend_util.ExplicitPadding = [
  [0, 0],
  [2, 1],
  [0, 2],
  [0, 0],
];

/** Edge cases the Conv2D kernels share, in groups each test places among its own. */
export interface SharedConv2DCases {
  /** A single pixel, a strided 1×1 filter, channels past a tile (every Conv2D kernel). */
  small: Conv2DCase[];
  /** Odd sizes, different strides per axis and {@link unevenPadding} (every Conv2D kernel). */
  unevenlyPadded: Conv2DCase;
  /** The `vec4` path (input and output channels multiples of 4) of Conv2D and its input gradient. */
  vector: Conv2DCase[];
}

/** Makes the {@link SharedConv2DCases}. */
export function sharedConv2DCases(): SharedConv2DCases {
  return {
    small: [
      givenConv2DCase('1×1 image, 1×1 filter, batch 1', [1, 1, 1, 3], [1, 1, 3, 5], [1, 1], 'valid'),
      givenConv2DCase('1×1 filter, stride 2, odd image', [2, 7, 5, 4], [1, 1, 4, 6], [2, 2], 'same'),
      givenConv2DCase('70 input and 130 output channels (rows and columns past a tile)', [1, 5, 5, 70], [3, 3, 70, 130], [1, 1], 'same'),
    ],
    unevenlyPadded: givenConv2DCase('odd sizes, strides and explicit padding', [3, 9, 7, 3], [3, 2, 3, 5], [2, 3], unevenPadding),
    vector: [
      givenConv2DCase('vec4 path: 4 in, 4 out channels, one pixel', [1, 1, 1, 4], [1, 1, 4, 4], [1, 1], 'valid'),
      givenConv2DCase('vec4 path: 9 pixels (a block past the edge), 16 → 8 channels', [1, 3, 3, 16], [3, 3, 16, 8], [1, 1], 'same'),
      givenConv2DCase(
        'vec4 path: odd image, stride 2, explicit padding, 8 → 12 channels',
        [3, 7, 9, 8],
        [3, 2, 8, 12],
        [2, 2],
        [
          [0, 0],
          [1, 2],
          [0, 1],
          [0, 0],
        ],
      ),
    ],
  };
}

/** A Conv2D case, with the dilations the forward pass takes (`[1, 1]` when absent). */
export type DilatableConv2DCase = Conv2DCase & { dilations?: [number, number] };

/**
 * Runs `Conv2D` or `Conv2DBackpropInput` for `testCase` with fresh inputs from `random` on
 * webgpu and on cpu, and expects the output (y, or the input gradient) to agree to 1e-4.
 */
export async function expectConv2DKernelMatchesCpu(
  kernelName: 'Conv2D' | 'Conv2DBackpropInput',
  random: () => number,
  testCase: DilatableConv2DCase,
): Promise<void> {
  if (kernelName === 'Conv2D') {
    const inputs = randomTensors(random, { x: testCase.xShape, filter: testCase.filterShape });
    const attrs = { ...conv2DAttributes(testCase), dilations: testCase.dilations ?? [1, 1] };
    await expectKernelMatchesCpu(kernelName, inputs, attrs, elementCount(testCase.dyShape), 1e-4);
  } else {
    const inputs = randomTensors(random, { dy: testCase.dyShape, filter: testCase.filterShape });
    const attrs = { ...conv2DAttributes(testCase), inputShape: testCase.xShape };
    await expectKernelMatchesCpu(kernelName, inputs, attrs, elementCount(testCase.xShape), 1e-4);
  }
}
