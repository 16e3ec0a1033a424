import { Command } from 'commander';
import { describe, expect, it } from 'vitest';

import {
  addDataOptions,
  addOutputOptions,
  dataArgumentParts,
  outputArgumentParts,
  parseCommandFlags,
  positiveIntegerArgument,
  positiveNumberArgument,
  type SharedFlags,
  sharedOptions,
} from './shared-options.js';

function exampleCommand(defaultEpochs?: number): Command {
  const command = new Command('example');
  addDataOptions(command, {
    epochs: 'epochs of the example',
    ...(defaultEpochs === undefined ? {} : { defaultEpochs }),
    batchSize: 'examples per batch',
  });
  return addOutputOptions(command, 'example').configureOutput({ writeErr: () => undefined });
}

function parse(argv: readonly string[], defaultEpochs?: number): SharedFlags & { epochs?: number } {
  return parseCommandFlags<SharedFlags & { epochs?: number }>(exampleCommand(defaultEpochs), argv);
}

describe('positiveIntegerArgument', () => {
  it('accepts a positive integer', () => {
    expect(positiveIntegerArgument('--epochs')('7')).toBe(7);
  });

  it('rejects zero, naming the flag and the value', () => {
    expect(() => positiveIntegerArgument('--epochs')('0')).toThrow('--epochs must be a positive integer; received 0');
  });

  it('states the minimum when it is not 1', () => {
    expect(() => positiveIntegerArgument('--grid-size', 2)('1')).toThrow('--grid-size must be an integer >= 2; received 1');
  });
});

describe('positiveNumberArgument', () => {
  it('accepts a positive number in exponent notation', () => {
    expect(positiveNumberArgument('--initial-learning-rate')('1e-5')).toBe(1e-5);
  });

  it('rejects an infinite value', () => {
    expect(() => positiveNumberArgument('--initial-learning-rate')('Infinity')).toThrow(
      '--initial-learning-rate must be a positive finite number; received Infinity',
    );
  });
});

describe('addDataOptions and addOutputOptions', () => {
  it('list the shared flags in a fixed order, with the example name in the --out help', () => {
    const flags = exampleCommand(5).options.map((option) => option.long);
    expect(flags).toEqual([
      '--dataset',
      '--epochs',
      '--batch-size',
      '--limit',
      '--test-limit',
      '--validation-fraction',
      '--seed',
      '--backend',
      '--data-dir',
      '--out',
      '--run-dir',
    ]);
    const out = exampleCommand().options.find((option) => option.long === '--out');
    expect(out?.description).toBe('root folder of the run reports (<out>/example/<timestamp>/)');
  });

  it('default to mnist, batch 64, validation fraction 0.1, seed 1, backend auto and out runs', () => {
    expect(parse([], 5)).toEqual({
      dataset: 'mnist',
      epochs: 5,
      batchSize: 64,
      validationFraction: 0.1,
      seed: 1,
      backend: 'auto',
      out: 'runs',
    });
  });

  it('leave --epochs unset when the example gives no default', () => {
    expect(parse([]).epochs).toBeUndefined();
  });

  it('reject a validation fraction of 1', () => {
    expect(() => parse(['--validation-fraction', '1'])).toThrow('--validation-fraction must be in [0, 1); received 1');
  });

  it('reject a seed that is not an integer', () => {
    expect(() => parse(['--seed', '1.5'])).toThrow('--seed must be an integer; received 1.5');
  });

  it('reject an unknown backend', () => {
    expect(() => parse(['--backend', 'gpu'])).toThrow("argument 'gpu' is invalid");
  });

  it('accept webgpu as a backend', () => {
    expect(parse(['--backend', 'webgpu']).backend).toBe('webgpu');
  });
});

describe('parseCommandFlags', () => {
  it('ignores the leading -- that pnpm passes through', () => {
    expect(parse(['--', '--limit', '600']).limit).toBe(600);
  });
});

describe('sharedOptions', () => {
  it('resolves relative paths from the base directory and keeps absolute ones', () => {
    const options = sharedOptions(parse(['--data-dir', 'data', '--out', '/tmp/runs', '--run-dir', 'results']), '/base');
    expect(options).toMatchObject({ dataDirectory: '/base/data', out: '/tmp/runs', runDirectory: '/base/results' });
  });

  it('leaves the optional paths and limits undefined when not given', () => {
    expect(sharedOptions(parse([]), '/base')).toEqual({
      dataset: 'mnist',
      batchSize: 64,
      limit: undefined,
      testLimit: undefined,
      validationFraction: 0.1,
      seed: 1,
      backend: 'auto',
      dataDirectory: undefined,
      out: '/base/runs',
      runDirectory: undefined,
    });
  });
});

describe('dataArgumentParts and outputArgumentParts', () => {
  it('spell out the data flags, the limits only when set', () => {
    const options = { ...sharedOptions(parse(['--limit', '600']), '/base'), epochs: 2 };
    expect(dataArgumentParts(options).join(' ')).toBe('--dataset mnist --epochs 2 --batch-size 64 --limit 600 --validation-fraction 0.1 --seed 1');
  });

  it('hide the data directory and show the run directory relative to the base', () => {
    const options = sharedOptions(parse(['--backend', 'cpu', '--data-dir', '/data', '--run-dir', 'results/run']), '/base');
    expect(outputArgumentParts(options, '/base').join(' ')).toBe('--backend cpu --data-dir <dir> --run-dir results/run');
  });

  it('show a run directory equal to the base as .', () => {
    const options = sharedOptions(parse(['--run-dir', '/base']), '/base');
    expect(outputArgumentParts(options, '/base')).toEqual(['--backend auto', '--run-dir .']);
  });
});
