/**
 * What the hand-rolled per-epoch learning-rate change loses: a CustomCallback that creates a
 * new Adam optimizer each epoch resets Adam's moment estimates (and its bias-correction
 * step count), so the first updates after every epoch boundary are large and the loss jumps.
 * lrkit's LearningRateScheduler writes the learning rate into the same optimizer and keeps
 * the moments. Both runs: same initial weights (seeded), same data, no shuffling, the same
 * per-epoch schedule; only how the learning rate is changed differs. Deterministic on the
 * cpu backend, so this is a measurement of training, not of time.
 */
import { exponential } from '@lrkit/schedules';
import { LearningRateScheduler } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { handRolledScheduler } from './callbacks.bench.js';
import { disposeModelAndOptimizer } from './overhead.bench.js';

/** Sizes of the comparison. */
export interface HandRolledOptions {
  readonly epochs: number;
  readonly samples: number;
  readonly batchSize: number;
  /** Batches averaged after each boundary (batches 1..window of the new epoch) and before it (the last 2 x window). */
  readonly window: number;
  /** Adam's learning rate in epoch 0; halved every epoch. */
  readonly initialLearningRate: number;
}

/** One epoch boundary: mean batch loss over `window` batches before and after the switch. */
export interface BoundaryLoss {
  readonly epoch: number;
  readonly lrkitBefore: number;
  readonly lrkitAfter: number;
  readonly handRolledBefore: number;
  readonly handRolledAfter: number;
}

/** The comparison's result. */
export interface HandRolledResult {
  readonly batchesPerEpoch: number;
  readonly boundaries: readonly BoundaryLoss[];
  /** Mean batch loss of each epoch, lrkit and hand-rolled. */
  readonly lrkitEpochLoss: readonly number[];
  readonly handRolledEpochLoss: readonly number[];
  /** Median over boundaries of handRolledAfter / lrkitAfter. */
  readonly medianAfterRatio: number;
  /** handRolledAfter / lrkitAfter at the first boundary (the largest learning rate). */
  readonly firstAfterRatio: number;
}

/**
 * 512 updates per epoch: Adam's second-moment memory is 1 / (1 - beta2) = 1000 updates, so
 * with much shorter epochs the reset mostly discards stale early-training estimates and the
 * loss does not jump (measured: with 64 batches per epoch the hand-rolled loss after a switch
 * was lower than lrkit's); epochs of a realistic length show the jump.
 */
export const fullHandRolledOptions: HandRolledOptions = { epochs: 4, samples: 8192, batchSize: 16, window: 10, initialLearningRate: 0.01 };
export const smokeHandRolledOptions: HandRolledOptions = { epochs: 2, samples: 128, batchSize: 16, window: 2, initialLearningRate: 0.01 };

/** A learnable regression: 32 inputs, targets from a fixed random linear teacher plus noise (sd 0.1). */
function teacherData(samples: number): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => {
    const xs = tf.randomNormal([samples, 32], 0, 1, 'float32', 21);
    const teacher = tf.randomNormal([32, 1], 0, 1, 'float32', 22);
    const ys = tf.add(tf.matMul(xs, teacher), tf.randomNormal([samples, 1], 0, 0.1, 'float32', 23));
    return { xs, ys };
  });
}

/** A dense 32-64-1 regressor (seeded weights), mean squared error, Adam. */
function buildRegressor(learningRate: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, inputShape: [32], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' });
  return model;
}

async function train(data: { xs: tf.Tensor; ys: tf.Tensor }, options: HandRolledOptions, how: 'lrkit' | 'hand-rolled'): Promise<number[]> {
  const schedule = exponential({ initialValue: options.initialLearningRate, decayRate: 0.5 });
  const model = buildRegressor(options.initialLearningRate);
  const losses: number[] = [];
  const recorder = new tf.CustomCallback({
    onBatchEnd: async (_batch, logs) => {
      losses.push(logs?.loss ?? Number.NaN);
    },
  });
  const scheduler = how === 'lrkit' ? new LearningRateScheduler({ schedule, unit: 'epoch' }) : handRolledScheduler(model, (epoch) => schedule(epoch));
  try {
    await model.fit(data.xs, data.ys, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: [scheduler, recorder],
    });
  } finally {
    disposeModelAndOptimizer(model);
  }
  return losses;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Trains the same regression MLP twice (lrkit scheduler vs hand-rolled new Adam per epoch) and compares
 * the batch losses around each epoch boundary. The first batch of an epoch reports the loss
 * before its update, so "after" averages batches 1..window of the new epoch.
 *
 * @example
 * ```ts
 * const { medianAfterRatio } = await runHandRolledBench(smokeHandRolledOptions);
 * ```
 */
export async function runHandRolledBench(options: HandRolledOptions): Promise<HandRolledResult> {
  const data = teacherData(options.samples);
  try {
    const lrkit = await train(data, options, 'lrkit');
    const handRolled = await train(data, options, 'hand-rolled');
    const batchesPerEpoch = Math.ceil(options.samples / options.batchSize);
    const boundaries: BoundaryLoss[] = [];
    for (let epoch = 1; epoch < options.epochs; epoch += 1) {
      const start = epoch * batchesPerEpoch;
      const before = (losses: number[]): number => mean(losses.slice(start - 2 * options.window, start));
      const after = (losses: number[]): number => mean(losses.slice(start + 1, start + 1 + options.window));
      boundaries.push({
        epoch,
        lrkitBefore: before(lrkit),
        lrkitAfter: after(lrkit),
        handRolledBefore: before(handRolled),
        handRolledAfter: after(handRolled),
      });
    }
    const epochLoss = (losses: number[]): number[] =>
      Array.from({ length: options.epochs }, (_, epoch) => mean(losses.slice(epoch * batchesPerEpoch, (epoch + 1) * batchesPerEpoch)));
    return {
      batchesPerEpoch,
      boundaries,
      lrkitEpochLoss: epochLoss(lrkit),
      handRolledEpochLoss: epochLoss(handRolled),
      medianAfterRatio: median(boundaries.map((boundary) => boundary.handRolledAfter / boundary.lrkitAfter)),
      firstAfterRatio: boundaries.length > 0 ? (boundaries[0] as BoundaryLoss).handRolledAfter / (boundaries[0] as BoundaryLoss).lrkitAfter : Number.NaN,
    };
  } finally {
    tf.dispose([data.xs, data.ys]);
  }
}
