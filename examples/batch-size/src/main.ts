import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { selectBackend, toBackendChoice } from '@lrkit/backends/node';
import { type ExperimentSettings, fullSettings } from './experiment.js';
import { runExperiment } from './run-experiment.js';

const usage = `Usage: pnpm --filter @lrkit/example-batch-size start [options]

Smith et al. 2018 on MNIST: (1) LR decay by --factor at --milestones with a fixed batch,
(2) batch size increased by the same factor at the same milestones, (3) hybrid with --cap.

  --tiny                 a smoke run (300 train / 100 test samples, 3 epochs, 1 seed)
  --train-size N         training samples (default ${fullSettings.trainSize})
  --test-size N          test samples (default ${fullSettings.testSize})
  --epochs N             epochs (default ${fullSettings.epochs})
  --milestones a,b,c     milestone epochs (default ${fullSettings.milestones.join(',')})
  --factor K             decay / growth factor (default ${fullSettings.factor})
  --batch B              initial batch size (default ${fullSettings.initialBatchSize})
  --cap B                hybrid batch cap (default ${fullSettings.maxBatchSize})
  --lr E                 learning rate (default ${fullSettings.learningRate})
  --momentum M           momentum (default ${fullSettings.momentum})
  --seeds 1,2,3          seeds (default ${fullSettings.seeds.join(',')})
  --mlp                  train a dense network instead of the CNN (fast on cpu)
  --backend NAME         tensorflow-gpu, tensorflow, webgpu, wasm or cpu (default: the fastest present)
  --out DIR              where report.md, results.json and plots go (default examples/batch-size/results)
`;

const tinySettings: ExperimentSettings = {
  trainSize: 300,
  testSize: 100,
  epochs: 3,
  milestones: [1, 2],
  factor: 2,
  initialBatchSize: 10,
  maxBatchSize: 20,
  learningRate: 0.02,
  momentum: 0.9,
  seeds: [1],
};

const numbers = (text: string) => text.split(',').map((item) => Number(item.trim()));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tiny: { type: 'boolean' },
      'train-size': { type: 'string' },
      'test-size': { type: 'string' },
      epochs: { type: 'string' },
      milestones: { type: 'string' },
      factor: { type: 'string' },
      batch: { type: 'string' },
      cap: { type: 'string' },
      lr: { type: 'string' },
      momentum: { type: 'string' },
      seeds: { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string' },
      mlp: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const base = values.tiny === true ? tinySettings : fullSettings;
  const settings: ExperimentSettings = {
    trainSize: values['train-size'] === undefined ? base.trainSize : Number(values['train-size']),
    testSize: values['test-size'] === undefined ? base.testSize : Number(values['test-size']),
    epochs: values.epochs === undefined ? base.epochs : Number(values.epochs),
    milestones: values.milestones === undefined ? base.milestones : numbers(values.milestones),
    factor: values.factor === undefined ? base.factor : Number(values.factor),
    initialBatchSize: values.batch === undefined ? base.initialBatchSize : Number(values.batch),
    maxBatchSize: values.cap === undefined ? base.maxBatchSize : Number(values.cap),
    learningRate: values.lr === undefined ? base.learningRate : Number(values.lr),
    momentum: values.momentum === undefined ? base.momentum : Number(values.momentum),
    seeds: values.seeds === undefined ? base.seeds : numbers(values.seeds),
    architecture: values.mlp === true ? 'mlp' : 'cnn',
  };
  // The fastest backend present (tfjs-node-gpu → tfjs-node → wasm with lrkit's training kernels → cpu), or --backend.
  await selectBackend({ preferred: values.backend === undefined ? undefined : toBackendChoice(values.backend) });
  const here = dirname(fileURLToPath(import.meta.url));
  const outDirectory = values.out ?? join(here, '..', 'results');
  const command = `pnpm --filter @lrkit/example-batch-size start ${process.argv.slice(2).join(' ')}`.trim();
  const { report } = await runExperiment(settings, { outDirectory, command, log: (line) => console.log(line) });
  console.log(`\n${report}`);
  console.log(`written to ${outDirectory}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
