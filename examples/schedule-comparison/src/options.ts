import { isAbsolute, relative, resolve } from 'node:path';

import { type DatasetName, backendChoices, datasetNames } from '@lrkit/examples-common';
import { Command, InvalidArgumentError, Option } from 'commander';

import { type VariantName, variantNames } from './variants.js';

/** The comparison's settings, as given on the command line. */
export interface ComparisonOptions {
  /** The dataset to train on. */
  readonly dataset: DatasetName;
  /** Epochs per variant. */
  readonly epochs: number;
  /** Examples per batch. */
  readonly batchSize: number;
  /** Train on at most this many examples (before the validation split); default all. */
  readonly limit: number | undefined;
  /** Evaluate on at most this many test examples; default all, or scaled with `limit`. */
  readonly testLimit: number | undefined;
  /** Fraction of the training examples held out for validation. */
  readonly validationFraction: number;
  /** Seed of the subset, split, shuffles and initial weights. */
  readonly seed: number;
  /** The variants to train, in order. */
  readonly variants: readonly VariantName[];
  /** The tfjs backend (`auto` picks the fastest present). */
  readonly backend: string;
  /** Directory of dataset files (required for cifar10), absolute. */
  readonly dataDirectory: string | undefined;
  /** Root of the run folders (`<out>/schedule-comparison/<timestamp>/`), absolute. */
  readonly out: string;
  /** Write the report into exactly this folder instead (absolute), e.g. `results/`. */
  readonly runDirectory: string | undefined;
}

/** The package name, for the reproducible command line in the report. */
export const packageName = '@lrkit/example-schedule-comparison';

function positiveInteger(flag: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) {
      throw new InvalidArgumentError(`${flag} must be a positive integer; received ${value}`);
    }
    return number;
  };
}

function integer(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError(`--seed must be an integer; received ${value}`);
  return number;
}

function fraction(value: string): number {
  const number = Number(value);
  if (!(number >= 0 && number < 1)) {
    throw new InvalidArgumentError(`--validation-fraction must be in [0, 1); received ${value}`);
  }
  return number;
}

function variantList(value: string): VariantName[] {
  const names = value === 'all' ? [...variantNames] : value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(variantNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new InvalidArgumentError(`--variants takes a comma-separated list of ${variantNames.join(', ')} (or all); received ${value}`);
  }
  return names as VariantName[];
}

/**
 * The command-line interface (commander): flags, defaults and help text.
 *
 * @returns a fresh command (it throws instead of exiting, so callers decide).
 * @example
 * ```ts
 * comparisonCommand().helpInformation();
 * ```
 */
export function comparisonCommand(): Command {
  return new Command('schedule-comparison')
    .description(
      'Train one CNN under eight learning-rate strategies (constant, time-based, step and exponential decay with SGD; Adagrad, Adadelta, RMSprop, Adam) and write a report to <out>/schedule-comparison/<timestamp>/.',
    )
    .addOption(new Option('--dataset <name>', 'dataset to train on').choices(datasetNames).default('mnist'))
    .option('--epochs <n>', 'epochs per variant', positiveInteger('--epochs'), 10)
    .option('--batch-size <n>', 'examples per batch', positiveInteger('--batch-size'), 64)
    .option('--limit <n>', 'train on at most n examples (a seeded subset)', positiveInteger('--limit'))
    .option('--test-limit <n>', 'evaluate on at most n test examples (default: all, or scaled with --limit)', positiveInteger('--test-limit'))
    .option('--validation-fraction <x>', 'fraction of the training examples held out for validation', fraction, 0.1)
    .option('--seed <n>', 'seed of the subset, split, shuffles and initial weights', integer, 1)
    .option('--variants <list>', `comma-separated subset of ${variantNames.join(', ')}, or all`, variantList, [...variantNames])
    .addOption(
      new Option('--backend <name>', 'tfjs backend: auto picks the fastest present (tensorflow-gpu, tensorflow, wasm, cpu)')
        .choices(['auto', ...backendChoices])
        .default('auto'),
    )
    .option('--data-dir <dir>', 'directory of dataset files (required for cifar10: data_batch_1.bin … test_batch.bin)')
    .option('--out <dir>', 'root folder of the run reports (<out>/schedule-comparison/<timestamp>/)', 'runs')
    .option('--run-dir <dir>', 'write the report into exactly this folder instead of a new timestamped one')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
}

/**
 * Parses the command-line arguments (without `node` and the script; a leading `--` that
 * pnpm passes through is ignored). Relative paths are resolved from `baseDirectory`.
 *
 * @param argv - the user's arguments.
 * @param baseDirectory - where relative `--out` and `--data-dir` start; default the
 *   directory the command was typed in (pnpm's `INIT_CWD`), else the working directory.
 * @returns the settings.
 * @example
 * ```ts
 * parseComparisonArguments(['--epochs', '2', '--variants', 'constant,adam']).variants; // ['constant', 'adam']
 * ```
 */
export function parseComparisonArguments(
  argv: readonly string[],
  baseDirectory: string = process.env.INIT_CWD ?? process.cwd(),
): ComparisonOptions {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const command = comparisonCommand();
  command.parse(args, { from: 'user' });
  const flags = command.opts<{
    dataset: DatasetName;
    epochs: number;
    batchSize: number;
    limit?: number;
    testLimit?: number;
    validationFraction: number;
    seed: number;
    variants: VariantName[];
    backend: string;
    dataDir?: string;
    out: string;
    runDir?: string;
  }>();
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(baseDirectory, path));
  return {
    dataset: flags.dataset,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    limit: flags.limit,
    testLimit: flags.testLimit,
    validationFraction: flags.validationFraction,
    seed: flags.seed,
    variants: flags.variants,
    backend: flags.backend,
    dataDirectory: flags.dataDir === undefined ? undefined : absolute(flags.dataDir),
    out: absolute(flags.out),
    runDirectory: flags.runDir === undefined ? undefined : absolute(flags.runDir),
  };
}

/**
 * The command line that reproduces a run, every setting explicit.
 *
 * @param options - the run's settings.
 * @param baseDirectory - `--run-dir` is shown relative to this; default as in {@link parseComparisonArguments}.
 * @returns `pnpm --filter @lrkit/example-schedule-comparison start -- …`.
 * @example
 * ```ts
 * reproduceCommand(options);
 * ```
 */
export function reproduceCommand(
  options: ComparisonOptions,
  baseDirectory: string = process.env.INIT_CWD ?? process.cwd(),
): string {
  const parts = [
    `pnpm --filter ${packageName} start --`,
    `--dataset ${options.dataset}`,
    `--epochs ${options.epochs}`,
    `--batch-size ${options.batchSize}`,
    ...(options.limit === undefined ? [] : [`--limit ${options.limit}`]),
    ...(options.testLimit === undefined ? [] : [`--test-limit ${options.testLimit}`]),
    `--validation-fraction ${options.validationFraction}`,
    `--seed ${options.seed}`,
    `--variants ${options.variants.join(',') === variantNames.join(',') ? 'all' : options.variants.join(',')}`,
    `--backend ${options.backend}`,
    ...(options.dataDirectory === undefined ? [] : ['--data-dir <dir>']),
    ...(options.runDirectory === undefined ? [] : [`--run-dir ${relative(baseDirectory, options.runDirectory) || '.'}`]),
  ];
  return parts.join(' ');
}
