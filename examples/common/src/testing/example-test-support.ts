// Test helpers of the example apps (imported as `@lrkit/examples-common/testing`, only from tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import { readJsonl } from '../report/jsonl.js';

/** A progress output that keeps what is written in `text` (not a terminal: one line per epoch). */
export interface CollectingOutput {
  /** Appends `text`; always true. */
  write(text: string): boolean;
  /** Everything written so far. */
  text: string;
}

/**
 * A progress output that collects what an example prints.
 *
 * @returns an output whose `text` grows with every write.
 * @example
 * ```ts
 * const output = collectingOutput();
 * await runComparison(options, { output });
 * expect(output.text).toContain('report written to');
 * ```
 */
export function collectingOutput(): CollectingOutput {
  return {
    text: '',
    write(text: string) {
      this.text += text;
      return true;
    },
  };
}

/**
 * Creates a fresh temporary directory before the test file's tests (`beforeAll`) and removes
 * it with everything in it afterwards (`afterAll`). Call it at the top level of a test file.
 *
 * @param prefix - the start of the directory's name under the system's temporary folder.
 * @returns a function giving the directory's absolute path (valid once `beforeAll` ran).
 * @example
 * ```ts
 * const root = temporaryDirectory('lrkit-comparison-');
 * it('writes there', () => writeFileSync(join(root(), 'a.txt'), ''));
 * ```
 */
export function temporaryDirectory(prefix: string): () => string {
  let path: string | undefined;
  beforeAll(() => {
    path = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (path !== undefined) rmSync(path, { recursive: true, force: true });
  });
  return () => {
    if (path === undefined) throw new Error(`temporaryDirectory(${prefix}): used before beforeAll ran`);
    return path;
  };
}

/** One per-batch row of a `LossHistory` JSONL file. */
export interface HistoryBatchRow {
  readonly epoch: number;
  readonly step: number;
  readonly learningRate: number;
  readonly loss: number;
}

/**
 * The per-batch rows of a JSONL history written by `LossHistory` (rows of type `batch`).
 *
 * @param path - the `.jsonl` file.
 * @returns `{ epoch, step, learningRate, loss }` per batch, in file order.
 * @example
 * ```ts
 * historyBatchRows(join(run.directory, 'adam.jsonl')).map((row) => row.learningRate);
 * ```
 */
export function historyBatchRows(path: string): HistoryBatchRow[] {
  return (readJsonl(path) as Record<string, unknown>[])
    .filter((row) => row.type === 'batch')
    .map((row) => ({
      epoch: row.epoch as number,
      step: row.step as number,
      learningRate: row.learningRate as number,
      loss: row.loss as number,
    }));
}
