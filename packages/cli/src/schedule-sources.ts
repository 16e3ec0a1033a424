import type { KerasSerialized } from '@lrkit/schedules';
import { excerptText, fromConfig, limits, type Schedule, torchSchedulerNames } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { quoteFlag } from './flags.js';
import { collectFrameworkSchedules, type FrameworkSourceOptions } from './framework-sources.js';
import { parseKeywordArguments } from './parse-arguments.js';
import { presets } from './presets.js';
import { readJsonArgument, readJsonFile } from './read-json.js';

/** The schedule flags shared by `preview` and `convert`. */
export interface SourceOptions extends FrameworkSourceOptions {
  readonly config?: readonly string[];
  readonly torch?: readonly string[];
  readonly args?: readonly string[];
  readonly learningRate?: readonly string[];
  readonly keras?: readonly string[];
  readonly name?: readonly string[];
}

/** A schedule read from the command line, with its legend name and where it came from. */
export interface SourcedSchedule {
  readonly name: string;
  readonly schedule: Schedule;
  readonly origin: 'native' | 'torch' | 'keras' | 'optax' | 'hugging-face' | 'timm';
}

function isKeras(value: unknown): value is KerasSerialized {
  return value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>).class_name === 'string';
}

function wrap<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${excerptText(what, 120)}: ${(error as Error).message}`);
  }
}

function fromJson(value: unknown, what: string): Array<Omit<SourcedSchedule, 'name'> & { label: string }> {
  const items = Array.isArray(value) ? value : [value];
  if (items.length > limits.maxSeries) {
    throw new CliError(
      `${excerptText(what, 120)} holds ${items.length} schedules; at most ${limits.maxSeries} can be drawn or converted at once (limits.maxSeries)`,
    );
  }
  if (items.length === 0) throw new CliError(`${what} is an empty array; expected a schedule config`);
  return items.map((item, index) => {
    const where = Array.isArray(value) ? `${what}[${index}]` : what;
    if (isKeras(item)) {
      return { label: item.class_name, origin: 'keras' as const, schedule: wrap(where, () => presets.fromKeras(item)) };
    }
    const schedule = wrap(where, () => fromConfig(item));
    return { label: schedule.config.type, origin: 'native' as const, schedule };
  });
}

/** Options renamed before 1.0, by old option name: the new option name and both flags. */
const renamedOptions: Readonly<Record<string, { readonly option: string; readonly oldFlag: string; readonly flag: string }>> = {
  baseLr: { option: 'learningRate', oldFlag: '--base-lr', flag: '--learning-rate' },
};

/**
 * Refuses an option (or flag) renamed before 1.0 with a message that names the new one.
 *
 * @example
 * ```ts
 * refuseRenamedOptions({ baseLr: ['0.1'] });
 * // CliError: --base-lr was renamed --learning-rate before 1.0 (same meaning; option `baseLr` → `learningRate`)
 * ```
 */
export function refuseRenamedOptions(options: object): void {
  for (const [old, { option, oldFlag, flag }] of Object.entries(renamedOptions)) {
    if (Object.hasOwn(options, old) && (options as Record<string, unknown>)[old] !== undefined) {
      throw new CliError(`${oldFlag} was renamed ${flag} before 1.0 (same meaning; option \`${old}\` → \`${option}\`)`);
    }
  }
}

/** The PyTorch schedulers that take their learning rates from their own arguments (`base_lr`/`max_lr`). */
const setsOwnLearningRate: readonly string[] = ['CyclicLR', 'OneCycleLR'];

function parseLearningRate(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new CliError(`--learning-rate must be a positive number; received ${quoteFlag(text)}`);
  }
  return value;
}

/**
 * Builds the schedules named on the command line, in this order: positional configs (inline
 * JSON or `@file.json`; a native config, a Keras `{ class_name, config }` or an array of them),
 * `--config` files, `--torch` presets (the i-th `--args` and `--learning-rate` belong to the i-th
 * `--torch`; a single `--learning-rate` applies to all; it is required except for `CyclicLR` and
 * `OneCycleLR`), then `--keras` configs, then `--optax`, `--hf` and `--timm` presets (see
 * `collectFrameworkSchedules`). `--name` renames them in that order.
 *
 * @param totalSteps - the training length, passed to `fromTorch` (`OneCycleLR` uses it as
 *   `total_steps` when neither that nor `epochs`/`steps_per_epoch` is given).
 * @example
 * ```ts
 * const [cosineSchedule, stepSchedule] = collectSchedules(['{"type":"cosine","initialValue":0.1,"decaySteps":100}'], {
 *   torch: ['StepLR'],
 *   args: ['step_size=30'],
 *   learningRate: ['0.1'],
 * });
 * stepSchedule?.origin;       // 'torch'
 * stepSchedule?.schedule(30); // 0.01
 * ```
 */
export function collectSchedules(positional: readonly string[], options: SourceOptions, totalSteps?: number): SourcedSchedule[] {
  refuseRenamedOptions(options);
  const sources = positional.length + (options.config?.length ?? 0) + (options.torch?.length ?? 0) + (options.keras?.length ?? 0);
  if (sources > limits.maxSeries) {
    throw new CliError(`${sources} schedules given; at most ${limits.maxSeries} can be drawn or converted at once (limits.maxSeries)`);
  }
  const found: Array<Omit<SourcedSchedule, 'name'> & { label: string }> = [];
  positional.forEach((text, index) => found.push(...fromJson(readJsonArgument(text, `config ${index + 1}`), `config ${index + 1}`)));
  for (const path of options.config ?? []) found.push(...fromJson(readJsonFile(path, '--config'), `--config ${path}`));
  const torch = options.torch ?? [];
  const args = options.args ?? [];
  const learningRates = (options.learningRate ?? []).map(parseLearningRate);
  if (args.length > torch.length) throw new CliError(`--args given ${args.length} times but --torch only ${torch.length}; each --args belongs to one --torch`);
  if (learningRates.length > 1 && learningRates.length !== torch.length) {
    throw new CliError(`--learning-rate given ${learningRates.length} times for ${torch.length} --torch presets; give one for all or one per preset`);
  }
  torch.forEach((name, index) => {
    const keywordArguments = parseKeywordArguments(args[index] ?? '');
    const learningRate = learningRates.length === 1 ? learningRates[0] : learningRates[index];
    if (learningRate === undefined && torchSchedulerNames.includes(name) && !setsOwnLearningRate.includes(name)) {
      throw new CliError(`--torch ${name} needs the optimizer's learning rate: give --learning-rate <number> (only CyclicLR and OneCycleLR set their own)`);
    }
    const schedule = wrap(`--torch ${name}`, () =>
      presets.fromTorch(name, keywordArguments, {
        ...(learningRate === undefined ? {} : { learningRate }),
        ...(totalSteps === undefined ? {} : { totalSteps }),
      }),
    );
    found.push({ label: name, origin: 'torch', schedule });
  });
  (options.keras ?? []).forEach((text, index) => {
    const value = readJsonArgument(text, `--keras ${index + 1}`);
    if (!isKeras(value)) throw new CliError(`--keras ${index + 1} must be {"class_name": ..., "config": {...}}; received ${text.slice(0, 80)}`);
    found.push({ label: value.class_name, origin: 'keras', schedule: wrap(`--keras ${value.class_name}`, () => presets.fromKeras(value)) });
  });
  found.push(...collectFrameworkSchedules(options, learningRates.length === 1 ? learningRates[0] : undefined));
  if (found.length === 0) {
    throw new CliError('no schedule given: pass a JSON config, --config <file>, --torch <name>, --keras <json>, --optax, --hf or --timm (see --help)');
  }
  const names = options.name ?? [];
  if (names.length > found.length) throw new CliError(`--name given ${names.length} times for ${found.length} schedules`);
  const seen = new Map<string, number>();
  return found.map(({ label, ...rest }, index) => {
    const base = names[index] ?? label;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { ...rest, name: count === 1 ? base : `${base} #${count}` };
  });
}
