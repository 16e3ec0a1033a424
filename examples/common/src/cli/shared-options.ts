import { isAbsolute, relative, resolve } from 'node:path';
import { backendChoices } from '@lrkit/backends';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type DatasetName, datasetNames } from '../data/load-dataset.js';

/**
 * A commander argument parser for an integer flag of at least `minimum`.
 *
 * @param flag - the flag, for the message (`--epochs`).
 * @param minimum - the smallest accepted value (default 1).
 * @returns `(value) => number`; it throws `InvalidArgumentError`
 *   "`--epochs must be a positive integer; received 0`" (or "an integer >= 2" when `minimum` is not 1).
 * @example
 * ```ts
 * command.option('--epochs <n>', 'epochs', positiveIntegerArgument('--epochs'), 10);
 * ```
 */
export function positiveIntegerArgument(flag: string, minimum = 1): (value: string) => number {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < minimum) {
      throw new InvalidArgumentError(`${flag} must be ${minimum === 1 ? 'a positive integer' : `an integer >= ${minimum}`}; received ${value}`);
    }
    return number;
  };
}

/**
 * A commander argument parser for a positive finite number.
 *
 * @param flag - the flag, for the message (`--initial-learning-rate`).
 * @returns `(value) => number`; it throws `InvalidArgumentError` "`--initial-learning-rate must be a positive finite number; received 0`".
 * @example
 * ```ts
 * command.option('--initial-learning-rate <x>', 'first learning rate', positiveNumberArgument('--initial-learning-rate'), 1e-5);
 * ```
 */
export function positiveNumberArgument(flag: string): (value: string) => number {
  return (value: string): number => {
    const number = Number(value);
    if (!(Number.isFinite(number) && number > 0)) {
      throw new InvalidArgumentError(`${flag} must be a positive finite number; received ${value}`);
    }
    return number;
  };
}

function seedArgument(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError(`--seed must be an integer; received ${value}`);
  return number;
}

function fractionArgument(value: string): number {
  const number = Number(value);
  if (!(number >= 0 && number < 1)) {
    throw new InvalidArgumentError(`--validation-fraction must be in [0, 1); received ${value}`);
  }
  return number;
}

/** How an example describes its `--epochs` and `--batch-size` flags. */
export interface DataOptionTexts {
  /** Help text of `--epochs`. */
  readonly epochs: string;
  /** Default of `--epochs`; none when the example derives it (e.g. per mode). */
  readonly defaultEpochs?: number;
  /** Help text of `--batch-size` (default 64). */
  readonly batchSize: string;
}

/**
 * Adds the data and training flags the example apps share, in this order: `--dataset`
 * (mnist), `--epochs`, `--batch-size` (64), `--limit`, `--test-limit`,
 * `--validation-fraction` (0.1), `--seed` (1).
 *
 * @param command - the example's command; flags added before this call come first in the help.
 * @param texts - the help texts of `--epochs` and `--batch-size` and the epochs default.
 * @returns the same command.
 * @example
 * ```ts
 * addDataOptions(new Command('x'), { epochs: 'epochs per variant', defaultEpochs: 10, batchSize: 'examples per batch' });
 * ```
 */
export function addDataOptions(command: Command, texts: DataOptionTexts): Command {
  command.addOption(new Option('--dataset <name>', 'dataset to train on').choices(datasetNames).default('mnist'));
  if (texts.defaultEpochs === undefined) command.option('--epochs <n>', texts.epochs, positiveIntegerArgument('--epochs'));
  else command.option('--epochs <n>', texts.epochs, positiveIntegerArgument('--epochs'), texts.defaultEpochs);
  return command
    .option('--batch-size <n>', texts.batchSize, positiveIntegerArgument('--batch-size'), 64)
    .option('--limit <n>', 'train on at most n examples (a seeded subset)', positiveIntegerArgument('--limit'))
    .option('--test-limit <n>', 'evaluate on at most n test examples (default: all, or scaled with --limit)', positiveIntegerArgument('--test-limit'))
    .option('--validation-fraction <x>', 'fraction of the training examples held out for validation', fractionArgument, 0.1)
    .option('--seed <n>', 'seed of the subset, split, shuffles and initial weights', seedArgument, 1);
}

/**
 * Adds the backend and output flags the example apps share, in this order: `--backend`
 * (auto), `--data-dir`, `--out` (runs), `--run-dir`; then makes the command throw instead
 * of exiting and write its errors to stderr.
 *
 * @param command - the example's command.
 * @param exampleName - the example's folder name in `<out>/<exampleName>/<timestamp>/`.
 * @returns the same command.
 * @example
 * ```ts
 * addOutputOptions(new Command('lr-finder'), 'lr-finder');
 * ```
 */
export function addOutputOptions(command: Command, exampleName: string): Command {
  return command
    .addOption(
      new Option('--backend <name>', 'tfjs backend: auto picks the fastest present (tensorflow-gpu, tensorflow, webgpu, wasm, cpu)')
        .choices(['auto', ...backendChoices])
        .default('auto'),
    )
    .option('--data-dir <dir>', 'directory of dataset files (required for cifar10: data_batch_1.bin … test_batch.bin)')
    .option('--out <dir>', `root folder of the run reports (<out>/${exampleName}/<timestamp>/)`, 'runs')
    .option('--run-dir <dir>', 'write the report into exactly this folder instead of a new timestamped one')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
}

/** The settings of the shared flags, paths absolute. */
export interface SharedOptions {
  /** The dataset to train on. */
  readonly dataset: DatasetName;
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
  /** The tfjs backend (`auto` picks the fastest present). */
  readonly backend: string;
  /** Directory of dataset files (required for cifar10), absolute. */
  readonly dataDirectory: string | undefined;
  /** Root of the run folders, absolute. */
  readonly out: string;
  /** Write the report into exactly this folder instead (absolute). */
  readonly runDirectory: string | undefined;
}

/** The raw values commander holds for the shared flags (`command.opts()`). */
export interface SharedFlags {
  readonly dataset: DatasetName;
  readonly batchSize: number;
  readonly limit?: number;
  readonly testLimit?: number;
  readonly validationFraction: number;
  readonly seed: number;
  readonly backend: string;
  readonly dataDir?: string;
  readonly out: string;
  readonly runDir?: string;
}

/**
 * Parses the user's arguments with `command` (a leading `--` that pnpm passes through is
 * ignored) and returns commander's values.
 *
 * @param command - a command built with {@link addDataOptions} and {@link addOutputOptions}.
 * @param argv - the user's arguments (without `node` and the script).
 * @returns `command.opts()`.
 * @throws CommanderError for unknown flags or invalid values.
 * @example
 * ```ts
 * const flags = parseCommandFlags<SharedFlags & { epochs: number }>(command, process.argv.slice(2));
 * ```
 */
export function parseCommandFlags<Flags extends SharedFlags>(command: Command, argv: readonly string[]): Flags {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  command.parse(args, { from: 'user' });
  return command.opts<Flags>();
}

/**
 * The shared settings from commander's values, with `--data-dir`, `--out` and `--run-dir`
 * resolved from `baseDirectory` when relative.
 *
 * @param flags - commander's values.
 * @param baseDirectory - where relative paths start (absolute).
 * @returns the shared settings.
 * @example
 * ```ts
 * sharedOptions(flags, '/base').out; // '/base/runs'
 * ```
 */
export function sharedOptions(flags: SharedFlags, baseDirectory: string): SharedOptions {
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(baseDirectory, path));
  return {
    dataset: flags.dataset,
    batchSize: flags.batchSize,
    limit: flags.limit,
    testLimit: flags.testLimit,
    validationFraction: flags.validationFraction,
    seed: flags.seed,
    backend: flags.backend,
    dataDirectory: flags.dataDir === undefined ? undefined : absolute(flags.dataDir),
    out: absolute(flags.out),
    runDirectory: flags.runDir === undefined ? undefined : absolute(flags.runDir),
  };
}

/**
 * The reproducing command line's data flags: `--dataset`, `--epochs`, `--batch-size`,
 * `--limit` and `--test-limit` when set, `--validation-fraction`, `--seed`.
 *
 * @param options - the shared settings and the epochs.
 * @returns the flags, one string each.
 * @example
 * ```ts
 * dataArgumentParts(options).join(' '); // '--dataset mnist --epochs 3 --batch-size 64 --validation-fraction 0.1 --seed 1'
 * ```
 */
export function dataArgumentParts(options: SharedOptions & { readonly epochs: number }): string[] {
  return [
    `--dataset ${options.dataset}`,
    `--epochs ${options.epochs}`,
    `--batch-size ${options.batchSize}`,
    ...(options.limit === undefined ? [] : [`--limit ${options.limit}`]),
    ...(options.testLimit === undefined ? [] : [`--test-limit ${options.testLimit}`]),
    `--validation-fraction ${options.validationFraction}`,
    `--seed ${options.seed}`,
  ];
}

/**
 * The reproducing command line's output flags: `--backend`, `--data-dir <dir>` when set (the
 * path itself is left out), `--run-dir` relative to `baseDirectory` when set.
 *
 * @param options - the shared settings.
 * @param baseDirectory - `--run-dir` is shown relative to this.
 * @returns the flags, one string each.
 * @example
 * ```ts
 * outputArgumentParts(options, '/base').join(' '); // '--backend auto --run-dir results'
 * ```
 */
export function outputArgumentParts(options: SharedOptions, baseDirectory: string): string[] {
  return [
    `--backend ${options.backend}`,
    ...(options.dataDirectory === undefined ? [] : ['--data-dir <dir>']),
    ...(options.runDirectory === undefined ? [] : [`--run-dir ${relative(baseDirectory, options.runDirectory) || '.'}`]),
  ];
}
