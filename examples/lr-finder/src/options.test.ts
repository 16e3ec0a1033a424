import { describe, expect, it } from 'vitest';

import { parseLrFinderArguments, reproduceCommand } from './options.js';

describe('parseLrFinderArguments', () => {
  it('defaults to run mode on MNIST, 3 epochs, batch 64, a 100-batch sweep from 1e-5 to 10 and the edge suggestion', () => {
    const options = parseLrFinderArguments([], '/base');
    expect(options).toMatchObject({
      mode: 'run',
      dataset: 'mnist',
      epochs: 3,
      batchSize: 64,
      limit: undefined,
      seed: 1,
      initialLearningRate: 1e-5,
      finalLearningRate: 10,
      totalSteps: 100,
      method: 'edge',
      baselineLearningRate: 0.01,
      backend: 'auto',
      out: '/base/runs',
      runDirectory: undefined,
    });
  });

  it('trains one epoch per run in quality mode, on a 7-point grid from 1e-4 to 1', () => {
    expect(parseLrFinderArguments(['--mode', 'quality'], '/base')).toMatchObject({
      mode: 'quality',
      epochs: 1,
      gridMin: 1e-4,
      gridMax: 1,
      gridSize: 7,
    });
  });

  it('ignores the leading -- that pnpm passes through and resolves --run-dir from the base directory', () => {
    const options = parseLrFinderArguments(['--', '--limit', '600', '--run-dir', 'results/quality'], '/base');
    expect(options.limit).toBe(600);
    expect(options.runDirectory).toBe('/base/results/quality');
  });

  it('rejects a sweep whose start is not below its end', () => {
    expect(() => parseLrFinderArguments(['--initial-learning-rate', '1', '--final-learning-rate', '0.1'])).toThrow(
      '--initial-learning-rate must be smaller than --final-learning-rate; received 1 and 0.1',
    );
  });

  it('rejects a sweep of fewer than two batches', () => {
    expect(() => parseLrFinderArguments(['--total-steps', '1'])).toThrow('--total-steps must be an integer >= 2; received 1');
  });

  it('rejects an unknown suggestion method', () => {
    expect(() => parseLrFinderArguments(['--method', 'steep'])).toThrow("argument 'steep' is invalid");
  });
});

describe('reproduceCommand', () => {
  it('spells out every setting of a quality run, with the grid and without the baseline', () => {
    const options = parseLrFinderArguments(['--mode', 'quality', '--backend', 'wasm', '--run-dir', 'results/quality'], '/base');
    expect(reproduceCommand(options, '/base')).toBe(
      'pnpm --filter @lrkit/example-lr-finder start -- --mode quality --dataset mnist --epochs 1 --batch-size 64 ' +
        '--validation-fraction 0.1 --seed 1 --initial-learning-rate 0.00001 --final-learning-rate 10 --total-steps 100 --method edge ' +
        '--grid-min 0.0001 --grid-max 1 --grid-size 7 --backend wasm --run-dir results/quality',
    );
  });
});
