import type * as tf from '@tensorflow/tfjs';
import type { BatchScheduleRunEpoch } from './batch-schedule-run.js';
import type { RecordedEpoch } from './phase-recorder.js';

/** One epoch of the merged history: what the phase recorder noted, the running update count and the metrics. */
export interface BatchScheduleEpoch extends RecordedEpoch {
  /** Parameter updates from the start of the run to the end of this epoch. */
  readonly totalUpdates: number;
  /** The epoch's metrics as tfjs's History has them (`loss`, `acc`, `val_loss`, …). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** The phases' tfjs Histories as one: `{ epoch: [...], history: { loss: [...], … } }`. */
export interface MergedHistory {
  readonly epoch: number[];
  readonly history: Record<string, number[]>;
}

/** The part of a tfjs `History` that is merged. */
export type PhaseHistory = Pick<tf.History, 'epoch' | 'history'>;

/**
 * Concatenates the phases' Histories in order. A value that is not a number (a tensor tfjs
 * did not resolve) becomes NaN; a key that first appears in a later phase is padded with NaN
 * for the epochs before it, so its rows line up with `epoch`.
 *
 * @param histories - one History per phase, in order.
 * @returns the merged history.
 * @example
 * ```ts
 * mergeHistories([{ epoch: [0], history: { loss: [1] } }, { epoch: [1], history: { loss: [0.5], val_loss: [0.7] } }]);
 * // { epoch: [0, 1], history: { loss: [1, 0.5], val_loss: [NaN, 0.7] } }
 * ```
 */
export function mergeHistories(histories: readonly PhaseHistory[]): MergedHistory {
  const epoch: number[] = [];
  const history: Record<string, number[]> = {};
  for (const phase of histories) {
    epoch.push(...phase.epoch);
    for (const [key, values] of Object.entries(phase.history)) {
      history[key] ??= [];
      const target = history[key];
      while (target.length < epoch.length - values.length) target.push(Number.NaN);
      for (const value of values) target.push(asNumber(value));
    }
  }
  return { epoch, history };
}

/**
 * Each epoch's metrics, read from the History of the phase that ran it (the keys that phase
 * had; a value that is not a number becomes NaN).
 *
 * @param histories - one History per phase.
 * @returns the metrics by epoch.
 * @example
 * ```ts
 * epochMetrics([{ epoch: [0, 1], history: { loss: [1, 0.5] } }]).get(1); // { loss: 0.5 }
 * ```
 */
export function epochMetrics(histories: readonly PhaseHistory[]): Map<number, Record<string, number>> {
  const metrics = new Map<number, Record<string, number>>();
  for (const phase of histories) {
    phase.epoch.forEach((epoch, row) => {
      if (metrics.has(epoch)) return;
      metrics.set(epoch, Object.fromEntries(Object.entries(phase.history).map(([key, values]) => [key, asNumber(values[row])])));
    });
  }
  return metrics;
}

/**
 * Puts the epochs of earlier calls (kept by a `BatchScheduleRun`) before the merged
 * history: every key of either part gets a row per epoch (NaN where a part lacks it).
 *
 * @param merged - this call's merged history.
 * @param earlier - the run's epochs before this call.
 * @returns the whole run's history (`merged` itself when there is nothing earlier).
 * @example
 * ```ts
 * withEarlierEpochs({ epoch: [2], history: { loss: [0.4] } }, run.before(2));
 * // { epoch: [0, 1, 2], history: { loss: [0.9, 0.6, 0.4] } }
 * ```
 */
export function withEarlierEpochs(merged: MergedHistory, earlier: readonly BatchScheduleRunEpoch[]): MergedHistory {
  if (earlier.length === 0) return merged;
  const keys = new Set([...Object.keys(merged.history), ...earlier.flatMap((row) => Object.keys(row.metrics))]);
  const history: Record<string, number[]> = {};
  for (const key of keys) {
    const before = earlier.map((row) => row.metrics[key] ?? Number.NaN);
    const after = merged.history[key] ?? merged.epoch.map(() => Number.NaN);
    history[key] = [...before, ...after];
  }
  return { epoch: [...earlier.map((row) => row.epoch), ...merged.epoch], history };
}

/**
 * The run's per-epoch records: the epochs of earlier calls, then this call's recorded epochs
 * with their metrics, each with the updates counted from the start of the run.
 *
 * @param earlier - the run's epochs before this call (from a `BatchScheduleRun`).
 * @param recorded - this call's epochs, as the phase recorder noted them.
 * @param metrics - this call's metrics by epoch ({@link epochMetrics}).
 * @returns one record per epoch, in order.
 * @example
 * ```ts
 * epochRecords([], recorder.epochs, epochMetrics(histories)).map((row) => row.totalUpdates); // [7, 14, 17, 20, 21]
 * ```
 */
export function epochRecords(
  earlier: readonly BatchScheduleRunEpoch[],
  recorded: readonly RecordedEpoch[],
  metrics: ReadonlyMap<number, Readonly<Record<string, number>>>,
): BatchScheduleEpoch[] {
  let totalUpdates = 0;
  const before = earlier.map((row) => {
    totalUpdates += row.updates;
    return { ...row, totalUpdates };
  });
  const now = recorded.map((row) => {
    totalUpdates += row.updates;
    return { ...row, totalUpdates, metrics: metrics.get(row.epoch) ?? {} };
  });
  return [...before, ...now];
}

function asNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}
