import { constant, exponential, inverseTime, multiStep, type Schedule } from '@lrkit/schedules';
import { adadelta } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';

/** The names of the eight variants, in the order of the classic comparison. */
export const variantNames = ['constant', 'time-based', 'step-decay', 'exponential', 'adagrad', 'adadelta', 'rmsprop', 'adam'] as const;

/** One of {@link variantNames}. */
export type VariantName = (typeof variantNames)[number];

/** How one variant trains: its optimizer and its learning-rate schedule. */
export interface Variant {
  /** The variant's name. */
  readonly name: VariantName;
  /** One line saying what it is, for the report. */
  readonly description: string;
  /** A fresh optimizer (one per training run). */
  createOptimizer(): tf.Optimizer;
  /** The learning rate as a function of the step counted in `unit`s. */
  readonly schedule: Schedule;
  /** Whether the schedule is stepped per batch (global batch counter) or per epoch. */
  readonly unit: 'batch' | 'epoch';
}

/** What the variants depend on: the run's length. */
export interface VariantSettings {
  /** Epochs of the run (the time-based decay uses `decay = lr / epochs`). */
  readonly epochs: number;
}

/**
 * The eight variants of the classic comparison. The SGD schedules are expressed with
 * lrkit schedules exactly:
 *
 * 1. constant 0.1 (plain SGD);
 * 2. time-based decay `lr / (1 + decay * iterations)`, decay = lr / epochs, momentum 0.8,
 *    per batch: Keras 2's `SGD(lr, decay=d)` = `inverseTime({ initialValue: lr, decayRate: d })`
 *    stepped by the global batch counter;
 * 3. step decay `0.1 * 0.5 ** floor((1 + epoch) / 10)` per epoch: the Keras idiom drops at
 *    epochs 9, 19, 29, … (one epoch before a step of 10), so it is `multiStep` with those
 *    boundaries;
 * 4. exponential decay `0.1 * exp(-0.1 * epoch)` per epoch:
 *    `exponential({ initialValue: 0.1, decayRate: exp(-0.1) })`;
 *
 * and the adaptive optimizers at constant rates: 5. Adagrad 0.01, 6. Adadelta 1.0 (rho
 * 0.95), 7. RMSprop 0.001 (rho 0.9), 8. Adam 0.001 (beta1 0.9, beta2 0.999).
 *
 * @param settings - the run's epochs.
 * @returns the variants, keyed by name.
 * @example
 * ```ts
 * const variants = comparisonVariants({ epochs: 10 });
 * variants['step-decay'].schedule(9); // 0.05
 * ```
 */
export function comparisonVariants(settings: VariantSettings): Record<VariantName, Variant> {
  const rate = 0.1;
  const decay = rate / settings.epochs;
  const boundaries: number[] = [];
  for (let boundary = 9; boundary === 9 || boundary < settings.epochs; boundary += 10) boundaries.push(boundary);
  return {
    constant: {
      name: 'constant',
      description: 'SGD, constant learning rate 0.1',
      createOptimizer: () => tf.train.sgd(rate),
      schedule: constant({ value: rate }),
      unit: 'batch',
    },
    'time-based': {
      name: 'time-based',
      description: `SGD with momentum 0.8, time-based decay 0.1 / (1 + ${decay} · iterations) per batch (decay = lr / epochs)`,
      createOptimizer: () => tf.train.momentum(rate, 0.8),
      schedule: inverseTime({ initialValue: rate, decayRate: decay, decaySteps: 1 }),
      unit: 'batch',
    },
    'step-decay': {
      name: 'step-decay',
      description: 'SGD, step decay 0.1 · 0.5^floor((1 + epoch) / 10) per epoch',
      createOptimizer: () => tf.train.sgd(rate),
      schedule: multiStep({ initialValue: rate, boundaries, factor: 0.5 }),
      unit: 'epoch',
    },
    exponential: {
      name: 'exponential',
      description: 'SGD, exponential decay 0.1 · exp(-0.1 · epoch) per epoch',
      createOptimizer: () => tf.train.sgd(rate),
      schedule: exponential({ initialValue: rate, decayRate: Math.exp(-0.1), decaySteps: 1 }),
      unit: 'epoch',
    },
    adagrad: {
      name: 'adagrad',
      description: 'Adagrad, learning rate 0.01',
      createOptimizer: () => tf.train.adagrad(0.01),
      schedule: constant({ value: 0.01 }),
      unit: 'batch',
    },
    adadelta: {
      name: 'adadelta',
      description: "Adadelta (lrkit's, Keras' update), learning rate 1.0, rho 0.95, epsilon 1e-8",
      // tfjs 4.22's own tf.train.adadelta takes a plain SGD step at the full learning rate on its
      // first update (it divides by the accumulator from before the step) and keeps this CNN at chance.
      createOptimizer: () => adadelta(1.0, 0.95, 1e-8),
      schedule: constant({ value: 1.0 }),
      unit: 'batch',
    },
    rmsprop: {
      name: 'rmsprop',
      description: 'RMSprop, learning rate 0.001, rho 0.9',
      createOptimizer: () => tf.train.rmsprop(0.001, 0.9),
      schedule: constant({ value: 0.001 }),
      unit: 'batch',
    },
    adam: {
      name: 'adam',
      description: 'Adam, learning rate 0.001, beta1 0.9, beta2 0.999',
      createOptimizer: () => tf.train.adam(0.001, 0.9, 0.999),
      schedule: constant({ value: 0.001 }),
      unit: 'batch',
    },
  };
}
