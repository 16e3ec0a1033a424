import { mkdirSync } from 'node:fs';

import { selectBackend, toBackendChoice } from '@lrkit/backends/node';
import type { SharedOptions } from '../cli/shared-options.js';
import type { RawDataset } from '../data/image-set.js';
import { loadDataset } from '../data/load-dataset.js';
import { type PreparedDataset, prepareDataset } from '../data/prepare.js';
import type { ProgressOutput } from '../progress/training-progress.js';
import { createRunDirectory } from '../report/run-directory.js';

/** Where an example writes and what it may reuse. */
export interface ExampleIo {
  /** Progress and log output; default `process.stdout`. */
  readonly output?: ProgressOutput;
  /** An already loaded dataset (tests); default: loaded from `options.dataset`. */
  readonly raw?: RawDataset;
}

/** The backend, the data and the run directory of one invocation of an example. */
export interface PreparedRun {
  /** The backend in use. */
  readonly backend: string;
  /** The prepared dataset; call `data.dispose()` when done. */
  readonly data: PreparedDataset;
  /** `mnist (54000 train / 6000 validation / 10000 test)`. */
  readonly datasetLabel: string;
  /** The run directory (absolute, created). */
  readonly directory: string;
  /** When the run started (after the backend was chosen); names the timestamped folder. */
  readonly startedAt: Date;
  /** Progress and log output. */
  readonly output: ProgressOutput;
  /** Writes one line to `output`. */
  readonly print: (line: string) => void;
}

/**
 * Selects the backend (`--backend`, else the fastest present, logged to the output), loads
 * and prepares the dataset (seeded subset, validation split, test limit) and creates the run
 * directory: `--run-dir` when given, else `<out>/<exampleName>/<timestamp>/`. When the
 * directory cannot be created the data is disposed before the error is passed on.
 *
 * @param exampleName - the example's folder name under `--out`.
 * @param options - the parsed shared settings.
 * @param io - output and an optional preloaded dataset.
 * @returns everything an example needs; call `data.dispose()` when done.
 * @example
 * ```ts
 * const run = await prepareRun('lr-finder', options);
 * try { … } finally { run.data.dispose(); }
 * ```
 */
export async function prepareRun(exampleName: string, options: SharedOptions, io: ExampleIo = {}): Promise<PreparedRun> {
  const output = io.output ?? process.stdout;
  const print = (line: string): void => void output.write(`${line}\n`);
  const selected = await selectBackend({
    preferred: options.backend === 'auto' ? undefined : toBackendChoice(options.backend),
    log: print,
  });
  const startedAt = new Date();
  const raw = io.raw ?? (await loadDataset(options.dataset, options.dataDirectory));
  const data = prepareDataset(raw, {
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.testLimit === undefined ? {} : { testLimit: options.testLimit }),
    validationFraction: options.validationFraction,
    seed: options.seed,
  });
  let directory: string;
  try {
    directory = options.runDirectory ?? createRunDirectory(exampleName, { root: options.out, date: startedAt });
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    data.dispose();
    throw error;
  }
  const datasetLabel = `${data.name} (${data.train.count} train / ${data.validation.count} validation / ${data.test.count} test)`;
  return { backend: selected.choice, data, datasetLabel, directory, startedAt, output, print };
}
