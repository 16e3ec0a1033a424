import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';

import { parseComparisonArguments, reproduceCommand } from './options.js';
import { variantNames } from './variants.js';

describe('command line', () => {
  it('fills the defaults: mnist, 10 epochs, batch 64, seed 1, all variants, auto backend, runs/', () => {
    const options = parseComparisonArguments([], '/work');
    expect(options).toEqual({
      dataset: 'mnist',
      epochs: 10,
      batchSize: 64,
      limit: undefined,
      testLimit: undefined,
      validationFraction: 0.1,
      seed: 1,
      variants: [...variantNames],
      backend: 'auto',
      dataDirectory: undefined,
      out: '/work/runs',
      runDirectory: undefined,
    });
  });

  it('ignores the -- that pnpm passes through and resolves paths from the base directory', () => {
    const options = parseComparisonArguments(
      ['--', '--dataset', 'cifar10', '--data-dir', 'data/cifar', '--out', '/tmp/x', '--variants', 'adam,constant', '--limit', '300'],
      '/home/user',
    );
    expect([options.dataset, options.dataDirectory, options.out, options.limit]).toEqual(['cifar10', '/home/user/data/cifar', '/tmp/x', 300]);
    expect(options.variants).toEqual(['adam', 'constant']);
  });

  it('rejects an unknown variant with the list of known ones', () => {
    const run = () => parseComparisonArguments(['--variants', 'constant,sgdr'], '/');
    expect(run).toThrow(CommanderError);
    expect(run).toThrow('--variants takes a comma-separated list of constant, time-based, step-decay');
  });

  it('rejects a non-positive epoch count', () => {
    expect(() => parseComparisonArguments(['--epochs', '0'], '/')).toThrow('--epochs must be a positive integer; received 0');
  });

  it('writes the command that reproduces a run with every setting explicit', () => {
    const options = parseComparisonArguments(['--limit', '2000', '--epochs', '3', '--variants', 'constant,adam'], '/');
    expect(reproduceCommand(options, '/')).toBe(
      'pnpm --filter @lrkit/example-schedule-comparison start -- --dataset mnist --epochs 3 --batch-size 64 --limit 2000 --validation-fraction 0.1 --seed 1 --variants constant,adam --backend auto',
    );
  });

  it('shows --run-dir relative to where the command was typed', () => {
    const options = parseComparisonArguments(['--run-dir', 'examples/schedule-comparison/results'], '/repo');
    expect(options.runDirectory).toBe('/repo/examples/schedule-comparison/results');
    expect(reproduceCommand(options, '/repo')).toMatch(/ --variants all --backend auto --run-dir examples\/schedule-comparison\/results$/);
  });
});
