import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels, wasmMissingKernelNames, wasmReplacedKernelNames, wasmTrainingKernelNames } from './register-wasm-training-kernels.js';

const kernelFunctionsOf = (names: readonly string[]) => names.map((name) => tf.getKernel(name, 'wasm')?.kernelFunc);
// Importing tfjs-backend-wasm registers its own kernels, including the two slow ones.
const wasmOwn = kernelFunctionsOf(wasmReplacedKernelNames);

describe('registerWasmTrainingKernels', () => {
  it('registers nothing when its module is imported', () => {
    expect(kernelFunctionsOf(wasmMissingKernelNames)).toEqual([undefined, undefined, undefined]);
    expect(wasmOwn.every((kernelFunc) => typeof kernelFunc === 'function')).toBe(true);
  });

  it('with replaceSlowKernels: false registers only the three missing kernels', () => {
    expect(registerWasmTrainingKernels({ replaceSlowKernels: false })).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]);
    expect(kernelFunctionsOf(wasmReplacedKernelNames)).toEqual(wasmOwn);
  });

  it('by default replaces the slow Conv2DBackpropInput and MaxPoolGrad', () => {
    expect(registerWasmTrainingKernels()).toEqual(['Conv2DBackpropInput', 'MaxPoolGrad']);
    const replaced = kernelFunctionsOf(wasmReplacedKernelNames);
    expect(replaced.map((kernelFunc, index) => kernelFunc !== wasmOwn[index])).toEqual([true, true]);
  });

  it('registers nothing again on a second call', () => {
    const before = kernelFunctionsOf(wasmTrainingKernelNames);
    expect(registerWasmTrainingKernels()).toEqual([]);
    expect(kernelFunctionsOf(wasmTrainingKernelNames)).toEqual(before);
  });

  it('leaves the kernels of other backends alone', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.backendName).toBe('cpu');
  });
});
