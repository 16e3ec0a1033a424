// Real Dawn (npm `webgpu`) with a Vulkan driver list that names no driver: Dawn finds no
// adapter, and selection falls back to wasm saying why.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createBackendSelector } from './select-backend.js';

describe('selectBackend through real Dawn with no adapter', () => {
  it('falls back to wasm with one clear line for webgpu', async () => {
    const lines: string[] = [];
    const selected = await createBackendSelector().selectBackend({
      webGpu: { vulkanDriverFiles: '/nonexistent/lrkit-no-driver.json' },
      log: (line) => lines.push(line),
    });
    expect([selected.choice, tf.getBackend(), selected.adapter]).toEqual(['wasm', 'wasm', undefined]);
    expect(lines.filter((line) => line.startsWith('backend webgpu'))).toEqual([
      'backend webgpu skipped: no WebGPU adapter (no GPU, or no Vulkan loader and driver)',
    ]);
    expect(lines).toContain('backend: wasm (@tensorflow/tfjs-backend-wasm)');
  });
});
