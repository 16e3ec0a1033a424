import { readFileSync } from 'node:fs';

/**
 * Reads a JSON Lines file (one JSON value per line, blank lines ignored).
 *
 * @param path - the file.
 * @returns the parsed values in order.
 * @throws SyntaxError naming the file and line when a line is not valid JSON.
 * @example
 * ```ts
 * const rows = readJsonl('runs/schedule-comparison/…/constant.jsonl');
 * ```
 */
export function readJsonl(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new SyntaxError(`${path}:${number}: not valid JSON (${(error as Error).message})`);
      }
    });
}

/**
 * Serialises values as JSON Lines.
 *
 * @param rows - the values.
 * @returns one JSON value per line, with a final newline.
 * @example
 * ```ts
 * toJsonl([{ a: 1 }, { a: 2 }]); // '{"a":1}\n{"a":2}\n'
 * ```
 */
export function toJsonl(rows: readonly unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}
