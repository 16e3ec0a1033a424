import { isAbsolute, relative, resolve } from 'node:path';

import { type DatasetName, backendChoices, datasetNames } from '@lrkit/examples-common';
import { type SuggestionMethod, suggestionMethods } from '@lrkit/lr-finder';
import { Command, InvalidArgumentError, Option } from 'commander';

/** What the example does: `run` (range test, then one-cycle vs the default rate) or `quality` (suggestion vs a grid). */
export type LrFinderMode = 'run' | 'quality';

/** The modes, in the order of the help text. */
export const lrFinderModes: readonly LrFinderMode[] = ['run', 'quality'];

/** The example's settings, as given on the command line. */
export interface LrFinderOptions {
  /** `run` or `quality`. */
  readonly mode: LrFinderMode;
  /** The dataset to train on. */
  readonly dataset: DatasetName;
  /** Epochs of every training run (default 3 in run mode, 1 in quality mode). */
  readonly epochs: number;
  /** Examples per batch, in the range test and in training. */
  readonly batchSize: number;
  /** Train on at most this many examples (before the validation split); default all. */
  readonly limit: number | undefined;
  /** Evaluate on at most this many test examples; default all, or scaled with `limit`. */
  readonly testLimit: number | undefined;
  /** Fraction of the training examples held out for validation. */
  readonly validationFraction: number;
  /** Seed of the subset, split, shuffles and initial weights. */
  readonly seed: number;
  /** Learning rate of the range test's first batch. */
  readonly startLr: number;
  /** Learning rate of the range test's last batch. */
  readonly endLr: number;
  /** Batches of the range test. */
  readonly numIterations: number;
  /** The suggestion that is trained (and checked in quality mode). */
  readonly method: SuggestionMethod;
  /** Run mode: the constant SGD learning rate of the comparison run (Keras' SGD default, 0.01). */
  readonly baselineLr: number;
  /** Quality mode: the smallest learning rate of the grid. */
  readonly gridMin: number;
  /** Quality mode: the largest learning rate of the grid. */
  readonly gridMax: number;
  /** Quality mode: the number of log-spaced learning rates in the grid. */
  readonly gridSize: number;
  /** The tfjs backend (`auto` picks the fastest present). */
  readonly backend: string;
  /** Directory of dataset files (required for cifar10), absolute. */
  readonly dataDirectory: string | undefined;
  /** Root of the run folders (`<out>/lr-finder/<timestamp>/`), absolute. */
  readonly out: string;
  /** Write the report into exactly this folder instead (absolute), e.g. `results/`. */
  readonly runDirectory: string | undefined;
}

/** The package name, for the reproducible command line in the report. */
export const packageName = '@lrkit/example-lr-finder';

/** Epochs per training run when `--epochs` is not given, per mode. */
export const defaultEpochs: Readonly<Record<LrFinderMode, number>> = { run: 3, quality: 1 };

function positiveInteger(flag: string, minimum = 1) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < minimum) {
      throw new InvalidArgumentError(
        `${flag} must be ${minimum === 1 ? 'a positive integer' : `an integer >= ${minimum}`}; received ${value}`,
      );
    }
    return number;
  };
}

function positiveNumber(flag: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!(Number.isFinite(number) && number > 0)) {
      throw new InvalidArgumentError(`${flag} must be a positive finite number; received ${value}`);
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

/**
 * The command-line interface (commander): flags, defaults and help text.
 *
 * @returns a fresh command (it throws instead of exiting, so callers decide).
 * @example
 * ```ts
 * lrFinderCommand().helpInformation();
 * ```
 */
export function lrFinderCommand(): Command {
  return new Command('lr-finder')
    .description(
      'Run the learning-rate range test (@lrkit/lr-finder) on a dataset with the demo CNN and SGD. ' +
        'run: plot the curve and the suggestions, then train one-cycle at the suggestion against constant SGD at the default rate. ' +
        'quality: train the suggestion and a log-spaced grid of constant learning rates the same way and compare their test accuracy. ' +
        'The report goes to <out>/lr-finder/<timestamp>/.',
    )
    .addOption(new Option('--mode <mode>', 'run or quality').choices(lrFinderModes).default('run'))
    .addOption(new Option('--dataset <name>', 'dataset to train on').choices(datasetNames).default('mnist'))
    .option('--epochs <n>', 'epochs of every training run (default: 3 in run mode, 1 in quality mode)', positiveInteger('--epochs'))
    .option('--batch-size <n>', 'examples per batch (range test and training)', positiveInteger('--batch-size'), 64)
    .option('--limit <n>', 'train on at most n examples (a seeded subset)', positiveInteger('--limit'))
    .option('--test-limit <n>', 'evaluate on at most n test examples (default: all, or scaled with --limit)', positiveInteger('--test-limit'))
    .option('--validation-fraction <x>', 'fraction of the training examples held out for validation', fraction, 0.1)
    .option('--seed <n>', 'seed of the subset, split, shuffles and initial weights', integer, 1)
    .option('--start-lr <x>', 'learning rate of the range test’s first batch', positiveNumber('--start-lr'), 1e-5)
    .option('--end-lr <x>', 'learning rate of the range test’s last batch', positiveNumber('--end-lr'), 10)
    .option('--num-iterations <n>', 'batches of the range test', positiveInteger('--num-iterations', 2), 100)
    .addOption(
      new Option('--method <name>', 'the suggestion that is trained and checked').choices(suggestionMethods).default('valley'),
    )
    .option('--baseline-lr <x>', 'run mode: constant SGD learning rate of the comparison run', positiveNumber('--baseline-lr'), 0.01)
    .option('--grid-min <x>', 'quality mode: smallest learning rate of the grid', positiveNumber('--grid-min'), 1e-4)
    .option('--grid-max <x>', 'quality mode: largest learning rate of the grid', positiveNumber('--grid-max'), 1)
    .option('--grid-size <n>', 'quality mode: number of log-spaced learning rates', positiveInteger('--grid-size', 2), 7)
    .addOption(
      new Option('--backend <name>', 'tfjs backend: auto picks the fastest present (tensorflow-gpu, tensorflow, wasm, cpu)')
        .choices(['auto', ...backendChoices])
        .default('auto'),
    )
    .option('--data-dir <dir>', 'directory of dataset files (required for cifar10: data_batch_1.bin … test_batch.bin)')
    .option('--out <dir>', 'root folder of the run reports (<out>/lr-finder/<timestamp>/)', 'runs')
    .option('--run-dir <dir>', 'write the report into exactly this folder instead of a new timestamped one')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
}

/**
 * Parses the command-line arguments (without `node` and the script; a leading `--` that
 * pnpm passes through is ignored). Relative paths are resolved from `baseDirectory`.
 *
 * @param argv - the user's arguments.
 * @param baseDirectory - where relative `--out`, `--run-dir` and `--data-dir` start; default
 *   the directory the command was typed in (pnpm's `INIT_CWD`), else the working directory.
 * @returns the settings.
 * @throws CommanderError for unknown flags or invalid values; RangeError when `--start-lr >= --end-lr` or `--grid-min >= --grid-max`.
 * @example
 * ```ts
 * parseLrFinderArguments(['--mode', 'quality', '--limit', '6000']).epochs; // 1
 * ```
 */
export function parseLrFinderArguments(
  argv: readonly string[],
  baseDirectory: string = process.env.INIT_CWD ?? process.cwd(),
): LrFinderOptions {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const command = lrFinderCommand();
  command.parse(args, { from: 'user' });
  const flags = command.opts<{
    mode: LrFinderMode;
    dataset: DatasetName;
    epochs?: number;
    batchSize: number;
    limit?: number;
    testLimit?: number;
    validationFraction: number;
    seed: number;
    startLr: number;
    endLr: number;
    numIterations: number;
    method: SuggestionMethod;
    baselineLr: number;
    gridMin: number;
    gridMax: number;
    gridSize: number;
    backend: string;
    dataDir?: string;
    out: string;
    runDir?: string;
  }>();
  if (flags.startLr >= flags.endLr) {
    throw new RangeError(`--start-lr must be smaller than --end-lr; received ${flags.startLr} and ${flags.endLr}`);
  }
  if (flags.gridMin >= flags.gridMax) {
    throw new RangeError(`--grid-min must be smaller than --grid-max; received ${flags.gridMin} and ${flags.gridMax}`);
  }
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(baseDirectory, path));
  return {
    mode: flags.mode,
    dataset: flags.dataset,
    epochs: flags.epochs ?? defaultEpochs[flags.mode],
    batchSize: flags.batchSize,
    limit: flags.limit,
    testLimit: flags.testLimit,
    validationFraction: flags.validationFraction,
    seed: flags.seed,
    startLr: flags.startLr,
    endLr: flags.endLr,
    numIterations: flags.numIterations,
    method: flags.method,
    baselineLr: flags.baselineLr,
    gridMin: flags.gridMin,
    gridMax: flags.gridMax,
    gridSize: flags.gridSize,
    backend: flags.backend,
    dataDirectory: flags.dataDir === undefined ? undefined : absolute(flags.dataDir),
    out: absolute(flags.out),
    runDirectory: flags.runDir === undefined ? undefined : absolute(flags.runDir),
  };
}

/**
 * The command line that reproduces a run, every setting explicit (the grid flags only in
 * quality mode, the baseline only in run mode).
 *
 * @param options - the run's settings.
 * @param baseDirectory - `--run-dir` is shown relative to this; default as in {@link parseLrFinderArguments}.
 * @returns `pnpm --filter @lrkit/example-lr-finder start -- …`.
 * @example
 * ```ts
 * reproduceCommand(parseLrFinderArguments(['--mode', 'quality']));
 * ```
 */
export function reproduceCommand(
  options: LrFinderOptions,
  baseDirectory: string = process.env.INIT_CWD ?? process.cwd(),
): string {
  const parts = [
    `pnpm --filter ${packageName} start --`,
    `--mode ${options.mode}`,
    `--dataset ${options.dataset}`,
    `--epochs ${options.epochs}`,
    `--batch-size ${options.batchSize}`,
    ...(options.limit === undefined ? [] : [`--limit ${options.limit}`]),
    ...(options.testLimit === undefined ? [] : [`--test-limit ${options.testLimit}`]),
    `--validation-fraction ${options.validationFraction}`,
    `--seed ${options.seed}`,
    `--start-lr ${options.startLr}`,
    `--end-lr ${options.endLr}`,
    `--num-iterations ${options.numIterations}`,
    `--method ${options.method}`,
    ...(options.mode === 'run' ? [`--baseline-lr ${options.baselineLr}`] : []),
    ...(options.mode === 'quality'
      ? [`--grid-min ${options.gridMin}`, `--grid-max ${options.gridMax}`, `--grid-size ${options.gridSize}`]
      : []),
    `--backend ${options.backend}`,
    ...(options.dataDirectory === undefined ? [] : ['--data-dir <dir>']),
    ...(options.runDirectory === undefined ? [] : [`--run-dir ${relative(baseDirectory, options.runDirectory) || '.'}`]),
  ];
  return parts.join(' ');
}
