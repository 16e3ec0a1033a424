import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { importOptionalPackage, type ModuleLoader, ModuleMissingError, resolveOptionalPackage } from './module-loader.js';
import { createBackendSelector, nativeInstallHint } from './select-backend.js';

/** Dawn on a machine without a GPU or Vulkan driver: no adapter (the real one is tested in webgpu-*.test.ts). */
const dawnWithoutAdapter = { create: () => ({ requestAdapter: async () => null }), globals: {} };

/** The real loader, but with Dawn finding no adapter, so the tests choose the same on every machine. */
const withoutGpu: ModuleLoader = async (packageName) => (packageName === 'webgpu' ? dawnWithoutAdapter : importOptionalPackage(packageName));

/** A stand-in for a native package: importing it registers a backend named `tensorflow`. */
function standInFor(present: string[], failing: string[] = []): ModuleLoader {
  return async (packageName) => {
    if (packageName === 'webgpu') return dawnWithoutAdapter;
    if (failing.includes(packageName)) throw new Error('libtensorflow.so.2: cannot open shared object file');
    if (present.includes(packageName)) {
      const Cpu = tf.findBackend('cpu')!.constructor as new () => tf.KernelBackend;
      tf.registerBackend('tensorflow', () => new Cpu());
      return {};
    }
    return importOptionalPackage(packageName);
  };
}

afterEach(async () => {
  await tf.setBackend('cpu');
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
});

describe('selectBackend with the native packages absent (this machine)', () => {
  it('finds neither native package installed', () => {
    expect([resolveOptionalPackage('@tensorflow/tfjs-node-gpu'), resolveOptionalPackage('@tensorflow/tfjs-node')]).toEqual([undefined, undefined]);
  });

  it('rejects the import of a missing package with ModuleMissingError', async () => {
    await expect(importOptionalPackage('@tensorflow/tfjs-node')).rejects.toBeInstanceOf(ModuleMissingError);
  });

  it('chooses wasm, prints a line per skipped backend, the choice and the install hint', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({ loadModule: withoutGpu, log: (line) => lines.push(line) });
    expect([selected.choice, selected.backendName, tf.getBackend()]).toEqual(['wasm', 'wasm', 'wasm']);
    expect(selected.skipped.map((entry) => [entry.choice, entry.reason])).toEqual([
      ['tensorflow-gpu', 'missing'],
      ['tensorflow', 'missing'],
      ['webgpu', 'no-adapter'],
    ]);
    expect(lines).toEqual([
      'backend tensorflow-gpu skipped: @tensorflow/tfjs-node-gpu is not installed',
      'backend tensorflow skipped: @tensorflow/tfjs-node is not installed',
      'backend webgpu skipped: no WebGPU adapter (no GPU, or no Vulkan loader and driver)',
      'backend: wasm (@tensorflow/tfjs-backend-wasm)',
      nativeInstallHint,
    ]);
  });

  it('prints the install hint only once per selector', async () => {
    const lines: string[] = [];
    const selector = createBackendSelector();
    await selector.selectBackend({ loadModule: withoutGpu, log: (line) => lines.push(line) });
    await selector.selectBackend({ loadModule: withoutGpu, log: (line) => lines.push(line) });
    expect(lines.filter((line) => line === nativeInstallHint)).toHaveLength(1);
  });

  it('registers the wasm training kernels when it chooses wasm', async () => {
    await createBackendSelector().selectBackend({ loadModule: withoutGpu, log: () => {} });
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('uses cpu when --backend cpu is given, without a hint', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({ preferred: 'cpu', log: (line) => lines.push(line) });
    expect([selected.choice, tf.getBackend(), lines]).toEqual(['cpu', 'cpu', ['backend: cpu']]);
  });

  it('throws with the install command when the preferred native backend is missing', async () => {
    await expect(createBackendSelector().selectBackend({ preferred: 'tensorflow', log: () => {} })).rejects.toThrow(
      `backend tensorflow is not available: @tensorflow/tfjs-node is not installed. ${nativeInstallHint}`,
    );
  });

  it('rejects an unknown preferred backend', async () => {
    await expect(createBackendSelector().selectBackend({ preferred: 'gpu' as never })).rejects.toThrow(RangeError);
  });
});

describe('selectBackend with a stand-in native package', () => {
  it('chooses tensorflow when @tensorflow/tfjs-node is present, without a hint', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({
      loadModule: standInFor(['@tensorflow/tfjs-node']),
      log: (line) => lines.push(line),
    });
    expect([selected.choice, selected.backendName, selected.packageName]).toEqual(['tensorflow', 'tensorflow', '@tensorflow/tfjs-node']);
    expect(lines).toEqual(['backend tensorflow-gpu skipped: @tensorflow/tfjs-node-gpu is not installed', 'backend: tensorflow (@tensorflow/tfjs-node)']);
  });

  it('chooses tensorflow-gpu first when @tensorflow/tfjs-node-gpu is present', async () => {
    const selected = await createBackendSelector().selectBackend({
      loadModule: standInFor(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']),
      log: () => {},
    });
    expect([selected.choice, selected.skipped]).toEqual(['tensorflow-gpu', []]);
  });

  it('honours --backend tensorflow over a present gpu package', async () => {
    const selected = await createBackendSelector().selectBackend({
      preferred: 'tensorflow',
      loadModule: standInFor(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']),
      log: () => {},
    });
    expect(selected.choice).toBe('tensorflow');
  });

  it('reports a native package that fails to load and falls back to wasm', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({
      loadModule: standInFor([], ['@tensorflow/tfjs-node']),
      log: (line) => lines.push(line),
    });
    expect(selected.choice).toBe('wasm');
    expect(lines).toEqual([
      'backend tensorflow-gpu skipped: @tensorflow/tfjs-node-gpu is not installed',
      'backend tensorflow skipped: libtensorflow.so.2: cannot open shared object file',
      'backend webgpu skipped: no WebGPU adapter (no GPU, or no Vulkan loader and driver)',
      'backend: wasm (@tensorflow/tfjs-backend-wasm)',
      nativeInstallHint,
    ]);
  });
});

describe('selectBackend asked for webgpu by name', () => {
  it('throws naming the missing adapter', async () => {
    await expect(createBackendSelector().selectBackend({ preferred: 'webgpu', loadModule: withoutGpu, log: () => {} })).rejects.toThrow(
      'backend webgpu is not available: no WebGPU adapter (no GPU, or no Vulkan loader and driver).',
    );
  });
});
