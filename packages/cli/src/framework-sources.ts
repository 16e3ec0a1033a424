import type { JsonValue, Schedule } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { parseKeywordArguments } from './parse-arguments.js';
import { presets } from './presets.js';

/** The optax, Hugging Face and timm flags shared by `preview` and `convert`. */
export interface FrameworkSourceOptions {
  /** `--optax NAME[:KWARGS]`, e.g. `cosine_decay_schedule:init_value=0.1,decay_steps=1000`. */
  readonly optax?: readonly string[];
  /** `--hf NAME[:ARGS]`, e.g. `linear:num_warmup_steps=100,num_training_steps=1000,lr=5e-5`. */
  readonly hf?: readonly string[];
  /** `--timm SCHED[:ARGS]`, e.g. `cosine:num_epochs=100,warmup_epochs=5,lr=0.1`. */
  readonly timm?: readonly string[];
}

/** One schedule read from `--optax`, `--hf` or `--timm`. */
export interface FrameworkSchedule {
  readonly label: string;
  readonly origin: 'optax' | 'hugging-face' | 'timm';
  readonly schedule: Schedule;
}

function split(flag: string, text: string): { name: string; args: Record<string, JsonValue> } {
  const colon = text.indexOf(':');
  const name = (colon === -1 ? text : text.slice(0, colon)).trim();
  if (!/^[A-Za-z_][\w-]*$/.test(name)) {
    throw new CliError(
      `${flag} must be NAME or NAME:key=value,… (e.g. ${flag} cosine_decay_schedule:init_value=0.1,decay_steps=100); received ${JSON.stringify(text)}`,
    );
  }
  return { name, args: colon === -1 ? {} : parseKeywordArguments(text.slice(colon + 1)) };
}

function wrap<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${what}: ${(error as Error).message}`);
  }
}

/** Splits `lr=` off the arguments; without it, the one `--learning-rate` given for all presets. */
function splitLearningRate(flag: string, args: Record<string, JsonValue>, sharedLearningRate: number | undefined): [number, Record<string, JsonValue>] {
  const { lr, ...rest } = args;
  if (lr !== undefined) {
    if (typeof lr !== 'number' || !(lr > 0) || !Number.isFinite(lr))
      throw new CliError(`${flag}: lr must be a positive number; received ${JSON.stringify(lr)}`);
    return [lr, rest];
  }
  if (sharedLearningRate === undefined) {
    throw new CliError(`${flag}: the optimizer's learning rate is needed: add lr=<number> to its arguments, or give one --learning-rate for all presets`);
  }
  return [sharedLearningRate, rest];
}

/**
 * Builds the `--optax`, `--hf` and `--timm` presets, in that order. Each flag takes the name
 * and, after a colon, the arguments in the framework's own spelling (key=value pairs with
 * Python literals and lists, or a JSON object). `--hf` takes `num_warmup_steps` and
 * `num_training_steps` as `get_scheduler` does and passes every other key in
 * `scheduler_specific_kwargs`; `--timm` takes `create_scheduler_v2`'s arguments (its name
 * is `sched`). Both need the optimizer's learning rate: `lr=` in the arguments or one `--learning-rate`.
 *
 * @example
 * ```ts
 * const [schedule] = collectFrameworkSchedules({ hf: ['linear:num_warmup_steps=10,num_training_steps=100,lr=0.1'] }, undefined);
 * schedule?.schedule(10); // 0.1
 * ```
 */
export function collectFrameworkSchedules(options: FrameworkSourceOptions, sharedLearningRate: number | undefined): FrameworkSchedule[] {
  const found: FrameworkSchedule[] = [];
  for (const text of options.optax ?? []) {
    const { name, args } = split('--optax', text);
    found.push({ label: name, origin: 'optax', schedule: wrap(`--optax ${name}`, () => presets.fromOptax(name, args)) });
  }
  for (const text of options.hf ?? []) {
    const { name, args } = split('--hf', text);
    const [learningRate, rest] = splitLearningRate(`--hf ${name}`, args, sharedLearningRate);
    const { num_warmup_steps: warmup, num_training_steps: training, ...specific } = rest;
    const schedule = wrap(`--hf ${name}`, () =>
      presets.fromHuggingFace(name, {
        learningRate,
        num_warmup_steps: (warmup ?? null) as number | null,
        num_training_steps: (training ?? null) as number | null,
        scheduler_specific_kwargs: specific,
      }),
    );
    found.push({ label: name, origin: 'hugging-face', schedule });
  }
  for (const text of options.timm ?? []) {
    const { name, args } = split('--timm', text);
    const [learningRate, rest] = splitLearningRate(`--timm ${name}`, args, sharedLearningRate);
    const schedule = wrap(`--timm ${name}`, () => presets.fromTimm({ ...rest, sched: name }, { learningRate }));
    found.push({ label: `timm ${name}`, origin: 'timm', schedule });
  }
  return found;
}
