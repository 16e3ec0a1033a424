import { mkdirSync } from 'node:fs';

import {
  type PreparedDataset,
  type ProgressOutput,
  type RawDataset,
  createRunDirectory,
  loadDataset,
  prepareDataset,
  selectBackend,
  toBackendChoice,
} from '@lrkit/examples-common';
import type { RangeTestResult } from '@lrkit/lr-finder';

import type { LrFinderOptions } from './options.js';

/** The example's name: its runs go to `<out>/lr-finder/<timestamp>/`. */
export const exampleName = 'lr-finder';

/** Where the example writes and what it may reuse. */
export interface LrFinderIo {
  /** Progress and log output; default `process.stdout`. */
  readonly output?: ProgressOutput;
  /** An already loaded dataset (tests); default: loaded from `options.dataset`. */
  readonly raw?: RawDataset;
}

/** The backend, the data and the run directory of one invocation. */
export interface PreparedRun {
  readonly backend: string;
  readonly data: PreparedDataset;
  /** `mnist (54000 train / 6000 validation / 10000 test)`. */
  readonly datasetLabel: string;
  readonly directory: string;
  readonly startedAt: Date;
  readonly output: ProgressOutput;
  readonly print: (line: string) => void;
}

/**
 * Selects the backend (`--backend`, else the fastest present), loads and prepares the
 * dataset (seeded subset, validation split, test limit) and creates the run directory.
 *
 * @param options - the parsed settings.
 * @param io - output and an optional preloaded dataset.
 * @returns everything a mode needs; call `data.dispose()` when done.
 * @example
 * ```ts
 * const run = await prepareRun(options);
 * ```
 */
export async function prepareRun(options: LrFinderOptions, io: LrFinderIo = {}): Promise<PreparedRun> {
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
  const directory = options.runDirectory ?? createRunDirectory(exampleName, { root: options.out, date: startedAt });
  mkdirSync(directory, { recursive: true });
  const datasetLabel = `${data.name} (${data.train.count} train / ${data.validation.count} validation / ${data.test.count} test)`;
  return { backend: selected.choice, data, datasetLabel, directory, startedAt, output, print };
}

/**
 * The range test's curve and suggestions as plain JSON (for `summary.json`).
 *
 * @param result - the range test's result.
 * @param wallTimeSeconds - how long it took.
 * @returns a JSON-ready object.
 * @example
 * ```ts
 * JSON.stringify(rangeTestJson(result, 12.5));
 * ```
 */
export function rangeTestJson(result: RangeTestResult, wallTimeSeconds: number): Record<string, unknown> {
  return {
    mode: result.mode,
    startLr: result.startLr,
    endLr: result.endLr,
    numIterations: result.numIterations,
    smoothing: result.smoothing,
    divergeThreshold: result.divergeThreshold,
    lossSource: result.lossSource,
    stoppedEarly: result.stoppedEarly,
    stoppedAt: result.stoppedAt ?? null,
    stopReason: result.stopReason ?? null,
    stopMessage: result.stopMessage ?? null,
    bestLoss: result.bestLoss,
    window: result.window,
    confidence: result.confidence,
    suggestions: result.suggestions,
    wallTimeSeconds,
    lrs: result.lrs,
    losses: result.losses,
    smoothedLosses: result.smoothedLosses,
  };
}
