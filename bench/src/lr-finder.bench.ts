/**
 * Benchmark (4): the cost of an LR range test (`findLearningRate`, fastai defaults: 100
 * batches from 1e-7 to 10, early stop on divergence) relative to one training epoch of the
 * same model on the same data, alternating the two. The finder restores the model's weights
 * and optimizer state after the sweep, so every round starts from the same model.
 */
import { findLearningRate } from '@lrkit/lr-finder';
import * as tf from '@tensorflow/tfjs';
import { buildCnn, disposeModelAndOptimizer, syntheticData } from './overhead.bench.js';
import { millisecondsSpread, ratioSpread, type Spread, timeAlternating } from './timing.js';

/** Sizes of the LR-finder run. */
export interface LrFinderBenchOptions {
  readonly repetitions: number;
  readonly warmup: number;
  readonly samples: number;
  readonly batchSize: number;
  /** Batches of the sweep (`totalSteps`). */
  readonly totalSteps: number;
}

/** The LR-finder run's result. */
export interface LrFinderResult {
  readonly model: string;
  readonly backend: string;
  readonly batchesPerEpoch: number;
  readonly totalSteps: number;
  /** Batches the sweep actually ran (it stops early when the loss diverges). */
  readonly sweepBatches: number;
  /** Sweep batches / batches per epoch. */
  readonly epochsOfBatches: number;
  readonly epochMilliseconds: Spread;
  readonly finderMilliseconds: Spread;
  /** Finder time / epoch time per round (wall): the cost in epochs of time. */
  readonly wallRatio: Spread;
  /** The same on process CPU time. */
  readonly cpuRatio: Spread;
  readonly suggestion: number | undefined;
}

export const fullLrFinderOptions: LrFinderBenchOptions = { repetitions: 5, warmup: 1, samples: 1024, batchSize: 32, totalSteps: 100 };
export const smokeLrFinderOptions: LrFinderBenchOptions = { repetitions: 1, warmup: 0, samples: 64, batchSize: 16, totalSteps: 5 };

/**
 * Runs the LR-finder benchmark on the current backend with the 12x12 CNN (Adam).
 *
 * @example
 * ```ts
 * const { wallRatio } = await runLrFinderBench(smokeLrFinderOptions);
 * ```
 */
export async function runLrFinderBench(options: LrFinderBenchOptions): Promise<LrFinderResult> {
  const data = syntheticData([12, 12, 1], options.samples, 51);
  const model = buildCnn(tf.train.adam(0.001));
  let sweepBatches = 0;
  let suggestion: number | undefined;
  try {
    const samples = await timeAlternating(
      [
        ['one epoch', () => model.fit(data.xs, data.ys, { epochs: 1, batchSize: options.batchSize, shuffle: true, verbose: 0 })],
        [
          'findLearningRate',
          async () => {
            const result = await findLearningRate(
              model,
              { x: data.xs, y: data.ys },
              {
                totalSteps: options.totalSteps,
                batchSize: options.batchSize,
                skipEnd: Math.min(5, Math.floor(options.totalSteps / 4)),
              },
            );
            sweepBatches = result.learningRates.length;
            suggestion = result.suggestion?.learningRate;
          },
        ],
      ],
      { repetitions: options.repetitions, warmup: options.warmup },
    );
    const batchesPerEpoch = Math.ceil(options.samples / options.batchSize);
    return {
      model: 'CNN 12x12 conv8-pool-dense10',
      backend: tf.getBackend(),
      batchesPerEpoch,
      totalSteps: options.totalSteps,
      sweepBatches,
      epochsOfBatches: sweepBatches / batchesPerEpoch,
      epochMilliseconds: millisecondsSpread(samples, 'one epoch'),
      finderMilliseconds: millisecondsSpread(samples, 'findLearningRate'),
      wallRatio: ratioSpread(samples, 'findLearningRate', 'one epoch', 'wall'),
      cpuRatio: ratioSpread(samples, 'findLearningRate', 'one epoch', 'cpu'),
      suggestion,
    };
  } finally {
    disposeModelAndOptimizer(model);
    tf.dispose([data.xs, data.ys]);
  }
}
