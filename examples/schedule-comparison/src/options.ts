import {
  addDataOptions,
  addOutputOptions,
  dataArgumentParts,
  outputArgumentParts,
  parseCommandFlags,
  type SharedFlags,
  type SharedOptions,
  sharedOptions,
} from '@lrkit/examples-common';
import { Command, InvalidArgumentError } from 'commander';

import { type VariantName, variantNames } from './variants.js';

/**
 * The comparison's settings, as given on the command line: the flags every example shares
 * (dataset, batch size, limits, split, seed, backend, paths; `out` is the root of
 * `<out>/schedule-comparison/<timestamp>/`) and its own.
 */
export interface ComparisonOptions extends SharedOptions {
  /** Epochs per variant. */
  readonly epochs: number;
  /** The variants to train, in order. */
  readonly variants: readonly VariantName[];
}

/** The package name, for the reproducible command line in the report. */
export const packageName = '@lrkit/example-schedule-comparison';

function variantList(value: string): VariantName[] {
  const names =
    value === 'all'
      ? [...variantNames]
      : value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
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
  const command = new Command('schedule-comparison').description(
    'Train one CNN under eight learning-rate strategies (constant, time-based, step and exponential decay with SGD; Adagrad, Adadelta, RMSprop, Adam) and write a report to <out>/schedule-comparison/<timestamp>/.',
  );
  addDataOptions(command, { epochs: 'epochs per variant', defaultEpochs: 10, batchSize: 'examples per batch' }).option(
    '--variants <list>',
    `comma-separated subset of ${variantNames.join(', ')}, or all`,
    variantList,
    [...variantNames],
  );
  return addOutputOptions(command, 'schedule-comparison');
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
export function parseComparisonArguments(argv: readonly string[], baseDirectory: string = process.env.INIT_CWD ?? process.cwd()): ComparisonOptions {
  const flags = parseCommandFlags<SharedFlags & { epochs: number; variants: VariantName[] }>(comparisonCommand(), argv);
  return { ...sharedOptions(flags, baseDirectory), epochs: flags.epochs, variants: flags.variants };
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
export function reproduceCommand(options: ComparisonOptions, baseDirectory: string = process.env.INIT_CWD ?? process.cwd()): string {
  const parts = [
    `pnpm --filter ${packageName} start --`,
    ...dataArgumentParts(options),
    `--variants ${options.variants.join(',') === variantNames.join(',') ? 'all' : options.variants.join(',')}`,
    ...outputArgumentParts(options, baseDirectory),
  ];
  return parts.join(' ');
}
