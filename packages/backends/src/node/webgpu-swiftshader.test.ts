// WebGPU in Node through real Dawn (npm `webgpu`) on SwiftShader's Vulkan driver, which
// Debian's `chromium` package ships: `pnpm test` installs Chromium (scripts/ensure-chromium.sh),
// and with it the driver, so this runs on machines without a GPU, CI included.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallCnn } from '../wasm/kernel-test-support.js';
import { initializeNodeWebGpu } from './node-webgpu.js';
import { createBackendSelector } from './select-backend.js';
import { findSoftwareVulkanDriver } from './software-vulkan.js';

const driver = findSoftwareVulkanDriver();

describe('WebGPU through Dawn on SwiftShader', () => {
  beforeAll(() => {
    if (driver === undefined) throw new Error('SwiftShader Vulkan driver not found: install Debian chromium (scripts/ensure-chromium.sh)');
  });

  it('finds the SwiftShader adapter and reports it as software', async () => {
    const { adapter, backendRegistered } = await initializeNodeWebGpu({ vulkanDriverFiles: driver! });
    expect([adapter?.vendor, adapter?.architecture, adapter?.software, backendRegistered]).toEqual(['google', 'swiftshader', true, true]);
  });

  it('skips a software adapter when choosing by itself, naming it', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({ webGpu: { vulkanDriverFiles: driver! }, log: (line) => lines.push(line) });
    expect(selected.choice).toBe('wasm');
    expect(selected.skipped.find((entry) => entry.choice === 'webgpu')?.reason).toBe('software-adapter');
    expect(lines).toContain(
      'backend webgpu skipped: only a software adapter, google swiftshader (SwiftShader driver 5.0.0), software adapter, slower than wasm; ask for it with --backend webgpu',
    );
  });

  it('uses the software adapter when webgpu is asked for by name', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({
      preferred: 'webgpu',
      webGpu: { vulkanDriverFiles: driver! },
      log: (line) => lines.push(line),
    });
    expect([selected.choice, tf.getBackend(), selected.adapter?.software]).toEqual(['webgpu', 'webgpu', true]);
    expect(lines).toEqual(['backend: webgpu (@tensorflow/tfjs-backend-webgpu, google swiftshader (SwiftShader driver 5.0.0), software adapter)']);
  });

  it('computes a matrix product on the GPU device', async () => {
    await tf.setBackend('webgpu');
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])));
    expect(Array.from(await product.data())).toEqual([11]);
    product.dispose();
  });

  it('trains a small CNN: the loss falls on a separable problem', async () => {
    await tf.setBackend('webgpu');
    // Two classes told apart by which half of the image is bright: separable by the first conv.
    const count = 8;
    const images = tf.tidy(() => {
      const left = tf.concat([tf.ones([count / 2, 12, 6, 1]), tf.zeros([count / 2, 12, 6, 1])], 2);
      const right = tf.reverse(left, 2);
      return tf.concat([left, right], 0);
    });
    const labels = tf.oneHot(tf.tensor1d([0, 0, 0, 0, 1, 1, 1, 1], 'int32'), 2);
    const model = smallCnn({ inputShape: [12, 12, 1], classes: 2, seed: 3 });
    const optimizer = tf.train.sgd(0.5);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    for (let step = 0; step < 6; step += 1) losses.push((await model.trainOnBatch(images, labels)) as number);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    optimizer.dispose();
    tf.dispose([images, labels]);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[5]!).toBeLessThan(losses[0]! * 0.5);
  });
});
