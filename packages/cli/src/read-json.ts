import { readFileSync } from 'node:fs';
import { checkConfigShape, excerptText } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { quoteFlag } from './flags.js';

/** Reads and parses a JSON file; errors name the flag and the file. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${what}: cannot read ${quoteFlag(path)}${code === undefined ? '' : ` (${code})`}`);
  }
  return parseJson(text, `${what} ${excerptText(path, 120)}`);
}

/** Parses JSON text; an error names where the text came from and what is wrong, on one line. */
export function parseJson(text: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} is not valid JSON: ${excerptText((error as Error).message.split('\n')[0] ?? '', 200)}`);
  }
  // Depth and size are checked before anything walks the value recursively.
  try {
    checkConfigShape(value, what);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return value;
}

/**
 * A JSON argument given inline (`'{"type":"cosine",…}'`) or as `@path/to/file.json`.
 *
 * @example
 * ```ts
 * readJsonArgument('@schedule.json', 'config'); // the file's content, parsed
 * ```
 */
export function readJsonArgument(text: string, what: string): unknown {
  return text.startsWith('@') ? readJsonFile(text.slice(1), what) : parseJson(text, what);
}
