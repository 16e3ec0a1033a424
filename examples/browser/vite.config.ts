import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { writeMnistSubset } from './scripts/mnist-subset.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Writes the MNIST subset into `generated/data/` (served as `/data/…`) before `dev` and `build`. */
function mnistSubset(): Plugin {
  return {
    name: 'lrkit-mnist-subset',
    buildStart() {
      writeMnistSubset({ outputDir: `${root}generated/data`, trainCount: 5000, testCount: 1000 });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  // Workspace packages are used from their TypeScript sources (the `source` export condition).
  resolve: { conditions: ['source', ...defaultClientConditions] },
  publicDir: 'generated',
  plugins: [mnistSubset()],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
});
