import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Options of {@link createRunDirectory}. */
export interface RunDirectoryOptions {
  /** The root of all runs; default `runs` (relative to the working directory). */
  readonly root?: string;
  /** The run's start time (names the folder); default now. */
  readonly date?: Date;
}

/**
 * Creates `runs/<example>/<timestamp>/` for a run's report and returns its absolute path.
 * The timestamp is UTC, `2026-11-23T13-05-53Z` (no colons, so it is a valid file name
 * everywhere); a second run in the same second gets `-2`, `-3`, ….
 *
 * @param example - the example's name (`schedule-comparison`).
 * @param options - root folder and start time.
 * @returns the new directory's absolute path.
 * @example
 * ```ts
 * const directory = createRunDirectory('schedule-comparison'); // …/runs/schedule-comparison/2026-11-23T13-05-53Z
 * ```
 */
export function createRunDirectory(example: string, options: RunDirectoryOptions = {}): string {
  const stamp = (options.date ?? new Date())
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  const base = resolve(options.root ?? 'runs', example);
  let directory = join(base, stamp);
  for (let suffix = 2; existsSync(directory); suffix += 1) directory = join(base, `${stamp}-${suffix}`);
  mkdirSync(directory, { recursive: true });
  return directory;
}
