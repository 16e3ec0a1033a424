import * as tf from '@tensorflow/tfjs';
import { registerWebGpuTrainingKernels } from './register-webgpu-training-kernels.js';
import { prepareWebGpu } from './webgpu-test-support.js';
await prepareWebGpu();
registerWebGpuTrainingKernels();
const be = tf.backend() as any; const orig = be.runWebGPUProgram.bind(be); be.runWebGPUProgram = (p: any, ...rest: any[]) => { const known = Object.keys(be.pipelineCache).length; const r = orig(p, ...rest); if (Object.keys(be.pipelineCache).length > known) console.log('compiled', p.shaderKey); return r; };
const run = async (c: number) => {
  const x = tf.randomNormal([2, 6, 6, c]); const dy = tf.randomNormal([2, 6, 6, 4]);
  let t = performance.now();
  const g = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, c, 4] } as any) as tf.Tensor;
  await g.data(); console.log('c', c, 'ms', (performance.now() - t).toFixed(0));
  t = performance.now(); const s = tf.add(x, 1); await s.data(); console.log('add+read ms', (performance.now() - t).toFixed(0));
  tf.dispose([x, dy, g, s]);
};
for (const c of [3, 3, 5, 5, 7]) await run(c);
