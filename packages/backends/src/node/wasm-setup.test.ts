import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { initializeWasmBackend, wasmBinaryFolder } from './wasm-setup.js';

describe('initializeWasmBackend', () => {
  let started = false;
  beforeAll(async () => {
    started = await initializeWasmBackend(wasm);
  });

  it('starts the wasm backend in Node without network', () => {
    expect([started, tf.getBackend()]).toEqual([true, 'wasm']);
  });

  it('finds the SIMD binary in the package folder it points setWasmPaths at', () => {
    expect(existsSync(path.join(wasmBinaryFolder(), 'tfjs-backend-wasm-simd.wasm'))).toBe(true);
  });

  it('uses the single-threaded SIMD build', async () => {
    expect([tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'), await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), wasm.getThreadsCount()]).toEqual([
      false,
      true,
      1,
    ]);
  });

  it('registers the training kernels', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('computes on wasm', async () => {
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])));
    expect(Array.from(await product.data())).toEqual([11]);
    product.dispose();
  });
});

describe('wasmBinaryFolder', () => {
  it('takes LRKIT_WASM_DIR when set, with a trailing separator', () => {
    const before = process.env.LRKIT_WASM_DIR;
    process.env.LRKIT_WASM_DIR = '/opt/bundle/wasm';
    try {
      expect(wasmBinaryFolder()).toBe(`/opt/bundle/wasm${path.sep}`);
    } finally {
      if (before === undefined) delete process.env.LRKIT_WASM_DIR;
      else process.env.LRKIT_WASM_DIR = before;
    }
  });
});
