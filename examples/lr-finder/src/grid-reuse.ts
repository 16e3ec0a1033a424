import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { RangeTestResult } from '@lrkit/lr-finder';

import type { QualityEntry } from './quality-mode.js';

/** The parts of an earlier quality check's `summary.json` that {@link reusableGrid} compares and reuses. */
interface EarlierCheck {
  readonly dataset: string;
  readonly backend: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly grid: readonly Omit<QualityEntry, 'method'>[];
  readonly rangeTest: { readonly learningRates: readonly number[]; readonly losses: readonly number[] };
}

/** What must match for the grid runs to be the same runs. */
export interface GridIdentity {
  readonly dataset: string;
  readonly backend: string;
  readonly settings: Readonly<Record<'epochs' | 'batchSize' | 'seed' | 'validationFraction' | 'gridMin' | 'gridMax' | 'gridSize', number>>;
}

/**
 * The grid runs of an earlier quality check, for a check that differs only in the
 * suggestions it trains (a new suggestion rule). Training is deterministic here (same
 * backend, seed, data, split and batch order), so the grid runs of the same settings are the
 * same runs; as evidence, the earlier check's range test must have recorded exactly the
 * same learning rates and raw losses, bit for bit, as this run's (same initial weights, same
 * batches, same arithmetic).
 *
 * @param directory - the earlier check's folder (with its `summary.json`).
 * @param identity - this run's dataset, backend and settings.
 * @param rangeTest - this run's range test.
 * @returns the earlier grid entries, in increasing learning rate.
 * @throws Error naming what differs.
 * @example
 * ```ts
 * const grid = reusableGrid('examples/lr-finder/results/quality', identity, rangeTest.result);
 * ```
 */
export function reusableGrid(directory: string, identity: GridIdentity, rangeTest: Pick<RangeTestResult, 'learningRates' | 'losses'>): QualityEntry[] {
  const earlier = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as EarlierCheck;
  const differences: string[] = [];
  if (earlier.dataset !== identity.dataset) differences.push(`dataset ${earlier.dataset} vs ${identity.dataset}`);
  if (earlier.backend !== identity.backend) differences.push(`backend ${earlier.backend} vs ${identity.backend}`);
  for (const [key, value] of Object.entries(identity.settings)) {
    if (earlier.settings[key] !== value) differences.push(`${key} ${String(earlier.settings[key])} vs ${value}`);
  }
  const sameCurve =
    earlier.rangeTest.learningRates.length === rangeTest.learningRates.length &&
    earlier.rangeTest.learningRates.every((value, index) => value === rangeTest.learningRates[index]) &&
    earlier.rangeTest.losses.every((value, index) => value === rangeTest.losses[index]);
  if (!sameCurve) differences.push('the range test recorded different losses (not the same initial weights, batches or arithmetic)');
  if (differences.length > 0) {
    throw new Error(`--grid-from ${directory}: the earlier check is not the same run: ${differences.join('; ')}`);
  }
  return earlier.grid.map((entry) => ({ ...entry, method: undefined }));
}
