import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { importOptionalPackage, ModuleMissingError, resolveOptionalPackage, type ModuleLoader } from './module-loader.js';
import { createBackendSelector, nativeInstallHint } from './select-backend.js';

/** A stand-in for a native package: importing it registers a backend named `tensorflow`. */
function standInFor(present: string[], failing: string[] = []): ModuleLoader {
  return async (packageName) => {
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

  it('chooses wasm, prints it and the install hint', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({ log: (line) => lines.push(line) });
    expect([selected.choice, selected.backendName, tf.getBackend()]).toEqual(['wasm', 'wasm', 'wasm']);
    expect(selected.skipped.map((entry) => [entry.choice, entry.reason])).toEqual([
      ['tensorflow-gpu', 'missing'],
      ['tensorflow', 'missing'],
    ]);
    expect(lines).toEqual(['backend: wasm (@tensorflow/tfjs-backend-wasm)', nativeInstallHint]);
  });

  it('prints the install hint only once per selector', async () => {
    const lines: string[] = [];
    const selector = createBackendSelector();
    await selector.selectBackend({ log: (line) => lines.push(line) });
    await selector.selectBackend({ log: (line) => lines.push(line) });
    expect(lines.filter((line) => line === nativeInstallHint)).toHaveLength(1);
  });

  it('registers the wasm training kernels when it chooses wasm', async () => {
    await createBackendSelector().selectBackend({ log: () => {} });
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
    expect(lines).toEqual(['backend: tensorflow (@tensorflow/tfjs-node)']);
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
      'backend tensorflow: could not start (libtensorflow.so.2: cannot open shared object file); trying the next one',
      'backend: wasm (@tensorflow/tfjs-backend-wasm)',
      nativeInstallHint,
    ]);
  });
});
