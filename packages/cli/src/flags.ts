import { accessSync, constants, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { excerpt, excerptText, limits } from '@lrkit/schedules';
import { CliError } from './cli-error.js';

/**
 * A flag's text quoted in an error message: JSON-quoted and cut to `limits.maxExcerptLength`
 * characters, so that a 100 kB argument still gives a one-line message.
 *
 * @example
 * ```ts
 * quoteFlag('abc'); // '"abc"'
 * ```
 */
export function quoteFlag(text: string | undefined): string {
  return excerpt(text);
}

/**
 * Parses an integer flag with the CLI's one rule for integers: decimal digits (underscores
 * allowed as separators, `1_000`) or a decimal in exponent form that is an integer (`1e6`),
 * within `[minimum, maximum]`. Hexadecimal, blanks, fractions and anything past
 * `limits.maxStep` are refused with the flag, the rule and the text received.
 *
 * @example
 * ```ts
 * integerFlag('--width', '80', 10, 1000);   // 80
 * integerFlag('--width', undefined, 10, 1000); // undefined
 * integerFlag('--width', '0x50', 10, 1000); // CliError: --width must be an integer in [10, 1000]; received "0x50"
 * ```
 */
export function integerFlag(flag: string, text: string | undefined, minimum: number, maximum: number): number | undefined {
  if (text === undefined) return undefined;
  const cleaned = text.trim().replaceAll('_', '');
  const value = /^\+?(\d+(\.\d+)?(e\+?\d+)?)$/i.test(cleaned) ? Number(cleaned) : NaN;
  if (!(Number.isSafeInteger(value) && value >= minimum && value <= maximum)) {
    throw new CliError(`${flag} must be an integer in [${minimum}, ${maximum}]; received ${quoteFlag(text)}`);
  }
  return value;
}

/**
 * Parses a decimal number flag in `(minimum, maximum]`.
 *
 * @example
 * ```ts
 * numberFlag('--scale', '2', 0, 16); // 2
 * numberFlag('--scale', '17', 0, 16); // CliError: --scale must be a number in (0, 16]; received "17"
 * ```
 */
export function numberFlag(flag: string, text: string, minimum: number, maximum: number): number {
  const cleaned = text.trim();
  const value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : NaN;
  if (!(Number.isFinite(value) && value > minimum && value <= maximum)) {
    throw new CliError(`${flag} must be a number in (${minimum}, ${maximum}]; received ${quoteFlag(text)}`);
  }
  return value;
}

/**
 * Requires a text flag (a title, a legend name) of at most `limits.maxLabelLength` characters.
 *
 * @example
 * ```ts
 * labelFlag('--title', 'Cosine'); // 'Cosine'
 * ```
 */
export function labelFlag(flag: string, text: string): string {
  if (text.length > limits.maxLabelLength) {
    throw new CliError(`${flag} must be at most ${limits.maxLabelLength} characters; received ${quoteFlag(text)}`);
  }
  return text;
}

/**
 * Checks, before anything is written, that each output file can be written: its directory
 * exists and is writable, the path is not a directory, and no two flags name the same file.
 * `-` (standard output) is not accepted for binary pictures.
 *
 * @example
 * ```ts
 * checkOutputPaths([['--svg', 'out/a.svg'], ['--png', 'out/a.png']]);
 * // CliError: --png: cannot write "out/a.png": the directory "out" does not exist   (when out/ is missing)
 * ```
 */
export function checkOutputPaths(outputs: ReadonlyArray<readonly [flag: string, path: string]>): void {
  const seen = new Map<string, string>();
  for (const [flag, path] of outputs) {
    if (path.trim() === '') throw new CliError(`${flag} must be a file path; received ""`);
    const absolute = resolve(path);
    const earlier = seen.get(absolute);
    if (earlier !== undefined) throw new CliError(`${flag} and ${earlier} name the same file ${quoteFlag(path)}; give each its own file`);
    seen.set(absolute, flag);
    const directory = dirname(absolute);
    const where = `${flag}: cannot write ${quoteFlag(path)}`;
    let directoryStat: Stats;
    try {
      directoryStat = statSync(directory);
    } catch {
      throw new CliError(`${where}: the directory ${quoteFlag(excerptText(directory, 120))} does not exist`);
    }
    if (!directoryStat.isDirectory()) throw new CliError(`${where}: ${quoteFlag(excerptText(directory, 120))} is not a directory`);
    try {
      accessSync(directory, constants.W_OK);
    } catch {
      throw new CliError(`${where}: the directory ${quoteFlag(excerptText(directory, 120))} is not writable`);
    }
    try {
      if (statSync(absolute).isDirectory()) throw new CliError(`${where}: it is a directory`);
    } catch (error) {
      if (error instanceof CliError) throw error;
      // Absent: it will be created.
    }
  }
}
