import * as tf from '@tensorflow/tfjs';
import { isSoftwareRenderer } from './software-renderer.js';
import { backendOrder, type BackendName } from './url-options.js';

/** The backend in use and why the better ones were skipped. */
export interface BackendChoice {
  readonly name: BackendName;
  /** The WebGL renderer (`UNMASKED_RENDERER_WEBGL`) when WebGL was tried, else `undefined`. */
  readonly webglRenderer?: string;
  /** One line per backend tried before it, for example `webgpu: navigator.gpu is missing`. */
  readonly skipped: readonly string[];
}

async function registerWebgpu(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (gpu === undefined) return 'navigator.gpu is missing (no WebGPU in this browser)';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (adapter === null || adapter === undefined) return 'no WebGPU adapter (headless or blocklisted GPU)';
  await import('@tensorflow/tfjs-backend-webgpu');
  return undefined;
}

/** The renderer of the WebGL context tfjs created, when the browser tells it. */
function webglRenderer(): string | undefined {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
  const gl = backend.gpgpu?.gl;
  if (gl === undefined) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL);
  return typeof renderer === 'string' ? renderer : undefined;
}

async function registerWasm(): Promise<string | undefined> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const [plain, simd, threaded] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': plain.default,
    'tfjs-backend-wasm-simd.wasm': simd.default,
    'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
  });
  // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter: the examples' im2col + matMul
  // gradient kernels (examples/common) make CNNs train on wasm.
  const { registerWasmTrainingKernels } = await import('@lrkit/backends');
  registerWasmTrainingKernels();
  return undefined;
}

/** Kernels a CNN needs to train (tfjs-backend-wasm 4.22 lacks the first; examples/common adds it). */
const trainingKernels = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'];

/**
 * Picks the best backend that can train a CNN here, in the order WebGPU → WebGL → wasm →
 * cpu (or only `forced`), and makes it the active tfjs backend. A backend is skipped when
 * it cannot be initialised (no WebGPU adapter, no WebGL context) or lacks a kernel the
 * CNN's gradient needs. WebGL on a software rasteriser (SwiftShader, llvmpipe) is skipped
 * unless forced: it trains slower than wasm. The wasm backend gets the gradient kernels of `examples/common`
 * (tfjs-backend-wasm 4.22 has no `Conv2DBackpropFilter`).
 */
export async function chooseBackend(forced?: BackendName): Promise<BackendChoice> {
  const skipped: string[] = [];
  let renderer: string | undefined;
  const candidates = forced === undefined ? backendOrder : [forced];
  for (const name of candidates) {
    try {
      if (name === 'webgpu') {
        const reason = await registerWebgpu();
        if (reason !== undefined) {
          skipped.push(`webgpu: ${reason}`);
          continue;
        }
      } else if (name === 'wasm') {
        await registerWasm();
      }
      if (!(await tf.setBackend(name))) {
        skipped.push(`${name}: the backend failed to initialise`);
        continue;
      }
      await tf.ready();
      const missing = trainingKernels.filter((kernel) => tf.getKernel(kernel, name) === undefined);
      if (missing.length > 0) {
        skipped.push(`${name}: no ${missing.join(', ')} kernel (cannot train a CNN)`);
        continue;
      }
      if (name === 'webgl') {
        renderer = webglRenderer();
        if (tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE') === false) {
          skipped.push('webgl: cannot render float32 textures');
          continue;
        }
        if (forced === undefined && renderer !== undefined && isSoftwareRenderer(renderer)) {
          skipped.push(`webgl: software renderer (${renderer}), slower than wasm; force it with ?backend=webgl`);
          tf.removeBackend('webgl');
          continue;
        }
      }
      return renderer === undefined ? { name, skipped } : { name, skipped, webglRenderer: renderer };
    } catch (error) {
      skipped.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`No tfjs backend can train here: ${skipped.join('; ')}`);
}
