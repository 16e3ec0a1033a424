import { fromConfig, limits } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { integerFlag, quoteFlag } from './flags.js';
import { nativeEquivalent } from './native-equivalent.js';
import { presets } from './presets.js';
import type { Output } from './preview.js';
import { collectSchedules, type SourceOptions } from './schedule-sources.js';

/** The flags of `lrkit convert`. */
export interface ConvertOptions extends SourceOptions {
  readonly to: string;
  readonly totalSteps?: string;
}

const targets = ['native', 'torch', 'keras', 'optax'] as const;

const originNames: Record<string, string> = { torch: 'PyTorch', keras: 'Keras', optax: 'optax', 'hugging-face': 'Hugging Face', timm: 'timm' };

/**
 * `lrkit convert`: reads one schedule (native config, `--torch` preset, `--keras` config, or an
 * `--optax`, `--hf` or `--timm` preset) and prints it as a native config (`--to native`, the
 * default), a PyTorch recipe `{ name, args, learningRate, python }` (`--to torch`), a Keras config
 * `{ class_name, config }` (`--to keras`) or an optax call `{ name, kwargs }` (`--to optax`).
 *
 * A preset becomes a plain native schedule (`step`, `cosine`, …) only when that evaluates equal
 * to it on every checked step (see `nativeEquivalent`); otherwise `--to native` prints the
 * preset's own config (`{ type: 'torch' | 'keras' | 'optax' | 'hugging-face' | 'timm', … }`, exact, loadable by `fromConfig`) and
 * says so on stderr. A conversion to PyTorch or Keras that would not be exact fails with the reason.
 *
 * @example
 * ```ts
 * // What `lrkit convert --torch StepLR --args step_size=30,gamma=0.1 --learning-rate 0.1` does:
 * convert([], { to: 'native', torch: ['StepLR'], args: ['step_size=30,gamma=0.1'], learningRate: ['0.1'] }, output);
 * // output receives {"type":"step","initialValue":0.1,"periodSteps":30,"factor":0.1}
 * ```
 */
export function convert(positional: readonly string[], options: ConvertOptions, output: Output, note: (text: string) => void = () => {}): void {
  const target = options.to;
  if (!(targets as readonly string[]).includes(target)) {
    throw new CliError(`--to must be one of ${targets.join(', ')}; received ${quoteFlag(target)}`);
  }
  const totalSteps = integerFlag('--total-steps', options.totalSteps, 1, limits.maxStep);
  const named = collectSchedules(positional, options, totalSteps);
  if (named.length !== 1) throw new CliError(`convert takes exactly one schedule; received ${named.length}`);
  const { schedule, origin } = named[0]!;
  const native = nativeEquivalent(schedule, totalSteps);
  let result: unknown;
  try {
    if (target === 'native') {
      result = native.config;
      if (!native.plain) {
        note(
          `lrkit: note: no plain native schedule reproduces this ${originNames[origin] ?? origin} schedule on every checked step; ` +
            `printed its preset config (exact; fromConfig loads it)\n`,
        );
      }
    } else {
      const source = native.plain ? fromConfig(native.config) : schedule;
      result = target === 'torch' ? presets.toTorch(source) : target === 'keras' ? presets.toKeras(source) : presets.toOptax(source);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot convert to ${target}: ${(error as Error).message}`);
  }
  output.write(`${JSON.stringify(result, null, 2)}\n`);
}
