import { toConfig } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { preset } from './presets.js';
import { collectSchedules, type SourceOptions } from './schedule-sources.js';
import type { Output } from './preview.js';

/** The flags of `lrkit convert`. */
export interface ConvertOptions extends SourceOptions {
  readonly to: string;
  readonly totalSteps?: string;
}

const targets = ['native', 'torch', 'keras'] as const;

/**
 * `lrkit convert`: reads one schedule (native config, `--torch` preset or `--keras` config) and
 * prints it as a native config (`--to native`, the default), a PyTorch recipe
 * `{ name, args, baseLr }` (`--to torch`) or a Keras config `{ class_name, config }` (`--to keras`).
 * A conversion that would not reproduce the schedule exactly fails with the reason.
 */
export function convert(positional: readonly string[], options: ConvertOptions, output: Output): void {
  const target = options.to;
  if (!(targets as readonly string[]).includes(target)) {
    throw new CliError(`--to must be one of ${targets.join(', ')}; received ${JSON.stringify(target)}`);
  }
  let totalSteps: number | undefined;
  if (options.totalSteps !== undefined) {
    totalSteps = Number(options.totalSteps);
    if (!(Number.isInteger(totalSteps) && totalSteps >= 1)) {
      throw new CliError(`--total-steps must be an integer >= 1; received ${JSON.stringify(options.totalSteps)}`);
    }
  }
  const named = collectSchedules(positional, options, totalSteps);
  if (named.length !== 1) throw new CliError(`convert takes exactly one schedule; received ${named.length}`);
  const { schedule } = named[0]!;
  let result: unknown;
  try {
    if (target === 'native') result = toConfig(schedule);
    else if (target === 'torch') result = preset('toTorch')(schedule);
    else result = preset('toKeras')(schedule);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot convert to ${target}: ${(error as Error).message}`);
  }
  output.write(`${JSON.stringify(result, null, 2)}\n`);
}
