import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels, wasmTrainingKernelNames } from './register-wasm-training-kernels.js';

const registeredFor = () => wasmTrainingKernelNames.filter((name) => tf.getKernel(name, 'wasm') !== undefined);

describe('registerWasmTrainingKernels', () => {
  it('registers nothing when its module is imported', () => {
    expect(registeredFor()).toEqual([]);
  });

  it('registers the three convolution gradient kernels for wasm on the first call', () => {
    expect(registerWasmTrainingKernels()).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]);
    expect(registeredFor()).toEqual([...wasmTrainingKernelNames]);
  });

  it('registers nothing again on a second call', () => {
    const before = wasmTrainingKernelNames.map((name) => tf.getKernel(name, 'wasm'));
    expect(registerWasmTrainingKernels()).toEqual([]);
    expect(wasmTrainingKernelNames.map((name) => tf.getKernel(name, 'wasm'))).toEqual(before);
  });

  it('leaves the kernels of other backends alone', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.backendName).toBe('cpu');
  });
});
