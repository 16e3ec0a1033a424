import { relative, resolve } from 'node:path';
import {
  addDataOptions,
  addOutputOptions,
  dataArgumentParts,
  outputArgumentParts,
  parseCommandFlags,
  positiveIntegerArgument,
  positiveNumberArgument,
  type SharedFlags,
  type SharedOptions,
  sharedOptions,
} from '@lrkit/examples-common';

import { type SuggestionMethod, suggestionMethods } from '@lrkit/lr-finder';
import { Command, Option } from 'commander';

/** What the example does: `run` (range test, then one-cycle vs the default rate) or `quality` (suggestion vs a grid). */
export type LrFinderMode = 'run' | 'quality';

/** The modes, in the order of the help text. */
export const lrFinderModes: readonly LrFinderMode[] = ['run', 'quality'];

/**
 * The example's settings, as given on the command line: the flags every example shares
 * (dataset, batch size, limits, split, seed, backend, paths; `out` is the root of
 * `<out>/lr-finder/<timestamp>/`) and its own.
 */
export interface LrFinderOptions extends SharedOptions {
  /** `run` or `quality`. */
  readonly mode: LrFinderMode;
  /** Epochs of every training run (default 3 in run mode, 1 in quality mode). */
  readonly epochs: number;
  /** Learning rate of the range test's first batch. */
  readonly initialLearningRate: number;
  /** Learning rate of the range test's last batch. */
  readonly finalLearningRate: number;
  /** Batches of the range test. */
  readonly totalSteps: number;
  /** The suggestion that is trained (and checked in quality mode). */
  readonly method: SuggestionMethod;
  /** Run mode: the constant SGD learning rate of the comparison run (Keras' SGD default, 0.01). */
  readonly baselineLearningRate: number;
  /** Quality mode: the smallest learning rate of the grid. */
  readonly gridMin: number;
  /** Quality mode: the largest learning rate of the grid. */
  readonly gridMax: number;
  /** Quality mode: the number of log-spaced learning rates in the grid. */
  readonly gridSize: number;
  /** Quality mode: train every suggestion (`all`) or only the checked one (`checked`). */
  readonly train: 'all' | 'checked';
  /** Quality mode: reuse the grid runs of this earlier check (same settings, same range-test curve) instead of training them. */
  readonly gridFrom: string | undefined;
}

/** The package name, for the reproducible command line in the report. */
export const packageName = '@lrkit/example-lr-finder';

/** Epochs per training run when `--epochs` is not given, per mode. */
export const defaultEpochs: Readonly<Record<LrFinderMode, number>> = { run: 3, quality: 1 };

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
  const command = new Command('lr-finder')
    .description(
      'Run the learning-rate range test (@lrkit/lr-finder) on a dataset with the demo CNN and SGD. ' +
        'run: plot the curve and the suggestions, then train one-cycle at the suggestion against constant SGD at the default rate. ' +
        'quality: train the suggestion and a log-spaced grid of constant learning rates the same way and compare their test accuracy. ' +
        'The report goes to <out>/lr-finder/<timestamp>/.',
    )
    .addOption(new Option('--mode <mode>', 'run or quality').choices(lrFinderModes).default('run'));
  addDataOptions(command, {
    epochs: 'epochs of every training run (default: 3 in run mode, 1 in quality mode)',
    batchSize: 'examples per batch (range test and training)',
  })
    .option('--initial-learning-rate <x>', 'learning rate of the range test’s first batch', positiveNumberArgument('--initial-learning-rate'), 1e-5)
    .option('--final-learning-rate <x>', 'learning rate of the range test’s last batch', positiveNumberArgument('--final-learning-rate'), 10)
    .option('--total-steps <n>', 'batches of the range test', positiveIntegerArgument('--total-steps', 2), 100)
    .addOption(new Option('--method <name>', 'the suggestion that is trained and checked').choices(suggestionMethods).default('edge'))
    .option(
      '--baseline-learning-rate <x>',
      'run mode: constant SGD learning rate of the comparison run',
      positiveNumberArgument('--baseline-learning-rate'),
      0.01,
    )
    .option('--grid-min <x>', 'quality mode: smallest learning rate of the grid', positiveNumberArgument('--grid-min'), 1e-4)
    .option('--grid-max <x>', 'quality mode: largest learning rate of the grid', positiveNumberArgument('--grid-max'), 1)
    .option('--grid-size <n>', 'quality mode: number of log-spaced learning rates', positiveIntegerArgument('--grid-size', 2), 7)
    .addOption(new Option('--train <which>', 'quality mode: train every suggestion or only the checked one').choices(['all', 'checked']).default('all'))
    .option('--grid-from <dir>', 'quality mode: reuse the grid runs of an earlier check with the same settings and the same range-test curve');
  return addOutputOptions(command, 'lr-finder');
}

/**
 * Parses the command-line arguments (without `node` and the script; a leading `--` that
 * pnpm passes through is ignored). Relative paths are resolved from `baseDirectory`.
 *
 * @param argv - the user's arguments.
 * @param baseDirectory - where relative `--out`, `--run-dir` and `--data-dir` start; default
 *   the directory the command was typed in (pnpm's `INIT_CWD`), else the working directory.
 * @returns the settings.
 * @throws CommanderError for unknown flags or invalid values; RangeError when `--initial-learning-rate >= --final-learning-rate` or `--grid-min >= --grid-max`.
 * @example
 * ```ts
 * parseLrFinderArguments(['--mode', 'quality', '--limit', '6000']).epochs; // 1
 * ```
 */
export function parseLrFinderArguments(argv: readonly string[], baseDirectory: string = process.env.INIT_CWD ?? process.cwd()): LrFinderOptions {
  const flags = parseCommandFlags<
    SharedFlags & {
      mode: LrFinderMode;
      epochs?: number;
      initialLearningRate: number;
      finalLearningRate: number;
      totalSteps: number;
      method: SuggestionMethod;
      baselineLearningRate: number;
      gridMin: number;
      gridMax: number;
      gridSize: number;
      train: 'all' | 'checked';
      gridFrom?: string;
    }
  >(lrFinderCommand(), argv);
  if (flags.initialLearningRate >= flags.finalLearningRate) {
    throw new RangeError(
      `--initial-learning-rate must be smaller than --final-learning-rate; received ${flags.initialLearningRate} and ${flags.finalLearningRate}`,
    );
  }
  if (flags.gridMin >= flags.gridMax) {
    throw new RangeError(`--grid-min must be smaller than --grid-max; received ${flags.gridMin} and ${flags.gridMax}`);
  }
  return {
    ...sharedOptions(flags, baseDirectory),
    mode: flags.mode,
    epochs: flags.epochs ?? defaultEpochs[flags.mode],
    initialLearningRate: flags.initialLearningRate,
    finalLearningRate: flags.finalLearningRate,
    totalSteps: flags.totalSteps,
    method: flags.method,
    baselineLearningRate: flags.baselineLearningRate,
    gridMin: flags.gridMin,
    gridMax: flags.gridMax,
    gridSize: flags.gridSize,
    train: flags.train,
    gridFrom: flags.gridFrom === undefined ? undefined : resolve(baseDirectory, flags.gridFrom),
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
export function reproduceCommand(options: LrFinderOptions, baseDirectory: string = process.env.INIT_CWD ?? process.cwd()): string {
  const parts = [
    `pnpm --filter ${packageName} start --`,
    `--mode ${options.mode}`,
    ...dataArgumentParts(options),
    `--initial-learning-rate ${options.initialLearningRate}`,
    `--final-learning-rate ${options.finalLearningRate}`,
    `--total-steps ${options.totalSteps}`,
    `--method ${options.method}`,
    ...(options.mode === 'run' ? [`--baseline-learning-rate ${options.baselineLearningRate}`] : []),
    ...(options.mode === 'quality'
      ? [
          `--grid-min ${options.gridMin}`,
          `--grid-max ${options.gridMax}`,
          `--grid-size ${options.gridSize}`,
          ...(options.train === 'all' ? [] : [`--train ${options.train}`]),
          ...(options.gridFrom === undefined ? [] : [`--grid-from ${relative(baseDirectory, options.gridFrom) || '.'}`]),
        ]
      : []),
    ...outputArgumentParts(options, baseDirectory),
  ];
  return parts.join(' ');
}
