import { CliError } from './cli-error.js';
import { quoteFlag } from './flags.js';

/** A half-open step range `start … end - 1`, like Python's `range(start, end)`. */
export interface StepRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Parses `--steps start:end` (or just `end`, meaning `0:end`): integers with
 * `0 <= start < end <= 2^53 - 1`. The range is half-open: `0:1000` draws the 1,000 steps 0 … 999,
 * the steps of a 1,000-update training run.
 *
 * @example
 * ```ts
 * parseSteps('0:1000'); // { start: 0, end: 1000 }
 * parseSteps('500');    // { start: 0, end: 500 }
 * ```
 */
export function parseSteps(text: string): StepRange {
  const match = /^\s*(?:(\d+)\s*:)?\s*(\d+)\s*$/.exec(text.replaceAll('_', ''));
  const start = match?.[1] === undefined ? 0 : Number(match[1]);
  const end = match === null ? NaN : Number(match[2]);
  if (match === null || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || !(start < end)) {
    throw new CliError(`--steps must be start:end with integers 0 <= start < end (end exclusive, e.g. 0:1000); received ${quoteFlag(text)}`);
  }
  return { start, end };
}
