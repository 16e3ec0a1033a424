/**
 * Benchmark (6): the three schedules of the batch-size example (Smith et al. 2018: LR decay
 * with a fixed batch, batch size increased by the same factor instead, and the hybrid with a
 * cap) at a fixed small size — the example's own `runOne` on its MNIST subset (`loadExperimentData`) and
 * CNN, on wasm with lrkit's training kernels. Reported: parameter updates and wall time of
 * each schedule as ratios to the LR-decay run, alternating the three after a warm-up.
 */

import { type ExperimentSettings, loadExperimentData, type RunResult, runOne, type ScheduleName, scheduleNames } from '@lrkit/example-batch-size/experiment';
import * as tf from '@tensorflow/tfjs';
import { useWasm } from './callbacks.bench.js';
import { millisecondsSpread, ratioSpread, type Spread, spread, timeAlternating } from './timing.js';

/** Sizes of the batch-size run. */
export interface BatchSizeBenchOptions {
  readonly repetitions: number;
  readonly warmup: number;
  readonly settings: ExperimentSettings;
}

/** One schedule's figures. */
export interface BatchSizeScheduleResult {
  readonly schedule: ScheduleName;
  readonly updates: number;
  readonly updatesRatio: number;
  readonly batchSizes: readonly number[];
  /** Whole run (training + the example's per-epoch test evaluation), ms. */
  readonly milliseconds: Spread;
  /** Per-round wall-time ratio to the LR-decay run. */
  readonly wallRatio: Spread;
  /** Training time only (the example's own `trainMs`), per round ratio to LR decay. */
  readonly trainRatio: Spread;
  readonly finalAccuracy: number;
}

/** The batch-size run's result. */
export interface BatchSizeResult {
  readonly backend: string;
  readonly settings: ExperimentSettings;
  readonly schedules: readonly BatchSizeScheduleResult[];
}

const fullSettings: ExperimentSettings = {
  trainSize: 2048,
  testSize: 500,
  epochs: 4,
  milestones: [1, 2, 3],
  factor: 2,
  initialBatchSize: 32,
  maxBatchSize: 128,
  learningRate: 0.02,
  momentum: 0.9,
  seeds: [1],
};

export const fullBatchSizeOptions: BatchSizeBenchOptions = { repetitions: 5, warmup: 1, settings: fullSettings };
export const smokeBatchSizeOptions: BatchSizeBenchOptions = {
  repetitions: 1,
  warmup: 0,
  settings: { ...fullSettings, trainSize: 64, testSize: 32, epochs: 2, milestones: [1], initialBatchSize: 16, maxBatchSize: 24 },
};

/**
 * Runs the batch-size benchmark on wasm (back on cpu afterwards).
 *
 * @example
 * ```ts
 * const { schedules } = await runBatchSizeBench(smokeBatchSizeOptions);
 * ```
 */
export async function runBatchSizeBench(options: BatchSizeBenchOptions): Promise<BatchSizeResult> {
  await useWasm();
  const { settings } = options;
  const data = await loadExperimentData(settings);
  const last = new Map<ScheduleName, RunResult>();
  const trainTimes = new Map<ScheduleName, number[]>(scheduleNames.map((name) => [name, []]));
  try {
    const samples = await timeAlternating(
      scheduleNames.map(
        (name) =>
          [
            name,
            async () => {
              const run = await runOne(settings, data, name, settings.seeds[0] ?? 1);
              last.set(name, run);
              trainTimes.get(name)?.push(run.trainMs);
            },
          ] as const,
      ),
      { repetitions: options.repetitions, warmup: options.warmup },
    );
    const baseline = last.get('lr-decay');
    const baselineTrain = (trainTimes.get('lr-decay') ?? []).slice(options.warmup);
    return {
      backend: tf.getBackend(),
      settings,
      schedules: scheduleNames.map((name) => {
        const run = last.get(name) as RunResult;
        const train = (trainTimes.get(name) ?? []).slice(options.warmup);
        return {
          schedule: name,
          updates: run.totalUpdates,
          updatesRatio: run.totalUpdates / (baseline?.totalUpdates ?? Number.NaN),
          batchSizes: run.batchSizes,
          milliseconds: millisecondsSpread(samples, name),
          wallRatio: ratioSpread(samples, name, 'lr-decay', 'wall'),
          trainRatio: spread(train.map((time, round) => time / (baselineTrain[round] ?? Number.NaN))),
          finalAccuracy: run.finalAccuracy,
        };
      }),
    };
  } finally {
    tf.dispose([data.trainX, data.trainY, data.testX, data.testY]);
    await tf.setBackend('cpu');
  }
}
