import { runWebGpuKernelsBench } from './webgpu-kernels.bench.js';
const batch = Number(process.argv[2] ?? 4);
const result = await runWebGpuKernelsBench({ batchSize: batch, repetitions: Number(process.argv[3] ?? 2), warmup: 1 });
console.log(JSON.stringify(result, (k, v) => (k === 'values' ? undefined : v), 1));
