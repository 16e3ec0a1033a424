import { type AdapterDescription, type AdapterLike, describeAdapter, formatAdapter, registerWasmTrainingKernels } from '@lrkit/backends';
import * as tf from '@tensorflow/tfjs';
import { isSoftwareRenderer } from './software-renderer.js';
import { type BackendName, backendOrder } from './url-options.js';

/** The backend in use and why the better ones were skipped. */
export interface BackendChoice {
  readonly name: BackendName;
  /** The WebGL renderer (`UNMASKED_RENDERER_WEBGL`) when WebGL was tried, else `undefined`. */
  readonly webglRenderer?: string;
  /** The WebGPU adapter when WebGPU was tried and the browser gave one (used or skipped), else `undefined`. */
  readonly webgpuAdapter?: AdapterDescription;
  /** One line per backend tried before it, for example `webgpu: navigator.gpu is missing`. */
  readonly skipped: readonly string[];
}

/** What asking the browser for a WebGPU adapter gave: the adapter, or why there is none. */
type WebgpuProbe = { readonly adapter: AdapterDescription } | { readonly reason: string };

/**
 * Asks `navigator.gpu` for an adapter with the options tfjs-backend-webgpu uses (so the
 * adapter described is the one tfjs will train on) and describes it with `@lrkit/backends`.
 */
async function probeWebgpu(): Promise<WebgpuProbe> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null> } }).gpu;
  if (gpu === undefined) return { reason: 'navigator.gpu is missing (no WebGPU in this browser, or not a secure context)' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (adapter === null) return { reason: 'no WebGPU adapter (headless or blocklisted GPU)' };
  return { adapter: describeAdapter(adapter) };
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
  // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter: the im2col + matMul gradient
  // kernels of @lrkit/backends make CNNs train on wasm.
  registerWasmTrainingKernels();
  return undefined;
}

/** Kernels a CNN needs to train (tfjs-backend-wasm 4.22 lacks the first; @lrkit/backends adds it). */
const trainingKernels = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'];

/**
 * Picks the best backend that can train a CNN here, in the order WebGPU → WebGL → wasm →
 * cpu (or only `forced`), and makes it the active tfjs backend. A backend is skipped when
 * it cannot be initialised (no WebGPU adapter, no WebGL context) or lacks a kernel the
 * CNN's gradient needs. A software WebGPU adapter (SwiftShader, lavapipe: `@lrkit/backends`'
 * `describeAdapter`) and WebGL on a software rasteriser (SwiftShader, llvmpipe) are skipped
 * unless forced: they train slower than wasm. The wasm backend gets the gradient kernels of
 * `@lrkit/backends` (tfjs-backend-wasm 4.22 has no `Conv2DBackpropFilter`).
 */
export async function chooseBackend(forced?: BackendName): Promise<BackendChoice> {
  const skipped: string[] = [];
  let renderer: string | undefined;
  let adapter: AdapterDescription | undefined;
  const candidates = forced === undefined ? backendOrder : [forced];
  for (const name of candidates) {
    try {
      if (name === 'webgpu') {
        const probe = await probeWebgpu();
        if ('reason' in probe) {
          skipped.push(`webgpu: ${probe.reason}`);
          continue;
        }
        adapter = probe.adapter;
        if (forced === undefined && adapter.software) {
          skipped.push(`webgpu: ${formatAdapter(adapter)}, slower than wasm; force it with ?backend=webgpu`);
          continue;
        }
        // Registers the backend (tfjs-backend-webgpu does it at import time).
        await import('@tensorflow/tfjs-backend-webgpu');
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
      return {
        name,
        skipped,
        ...(renderer === undefined ? {} : { webglRenderer: renderer }),
        ...(adapter === undefined ? {} : { webgpuAdapter: adapter }),
      };
    } catch (error) {
      skipped.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`No tfjs backend can train here: ${skipped.join('; ')}`);
}
