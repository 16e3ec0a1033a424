import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWebGpuTrainingKernels, unregisterWebGpuTrainingKernels, webGpuTrainingKernelNames } from './register-webgpu-training-kernels.js';
import { prepareWebGpu } from './webgpu-test-support.js';

const kernelFunctionsOf = () => webGpuTrainingKernelNames.map((name) => tf.getKernel(name, 'webgpu')?.kernelFunc);

describe('registerWebGpuTrainingKernels', () => {
  it('registers nothing when its module is imported', () => {
    expect(kernelFunctionsOf()).toEqual(webGpuTrainingKernelNames.map(() => undefined));
  });

  it('refuses to run before the webgpu backend is registered, which would overwrite its kernels', () => {
    expect(() => registerWebGpuTrainingKernels()).toThrow(
      'registerWebGpuTrainingKernels: the webgpu backend is not registered; import @tensorflow/tfjs-backend-webgpu first',
    );
    expect(kernelFunctionsOf()).toEqual(webGpuTrainingKernelNames.map(() => undefined));
  });

  it.each([
    [{ targetWorkgroups: 0 }, '`targetWorkgroups` must be a positive integer; received 0'],
    [{ minimumSplitLength: 2.5 }, '`minimumSplitLength` must be a positive integer; received 2.5'],
  ])('rejects %o naming the option', (options, message) => {
    expect(() => registerWebGpuTrainingKernels(options)).toThrow(new RangeError(`registerWebGpuTrainingKernels: ${message}`));
  });

  it('replaces tfjs-webgpu’s kernels once, and unregistering puts them back', async () => {
    await prepareWebGpu();
    const stock = kernelFunctionsOf();
    expect(stock.every((kernelFunc) => typeof kernelFunc === 'function')).toBe(true);
    expect(registerWebGpuTrainingKernels()).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'BatchMatMul',
      'Conv2D',
      'Conv2DBackpropInput',
    ]);
    const lrkit = kernelFunctionsOf();
    expect(lrkit.map((kernelFunc, index) => kernelFunc !== stock[index])).toEqual(webGpuTrainingKernelNames.map(() => true));
    expect(registerWebGpuTrainingKernels({ minimumSplitLength: 64 })).toEqual([]);
    expect(kernelFunctionsOf()).toEqual(lrkit);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.backendName).toBe('cpu');
    expect(unregisterWebGpuTrainingKernels()).toEqual([...webGpuTrainingKernelNames]);
    expect(kernelFunctionsOf()).toEqual(stock);
    expect(unregisterWebGpuTrainingKernels()).toEqual([]);
    expect(registerWebGpuTrainingKernels()).toEqual([...webGpuTrainingKernelNames]);
    expect(kernelFunctionsOf()).toEqual(lrkit);
    unregisterWebGpuTrainingKernels();
  });
});
