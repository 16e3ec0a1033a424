import { KerasReduceLROnPlateau, ReduceLROnPlateau as TorchReduceLROnPlateau } from '@lrkit/framework-references/plateau';
import { cosine, warmup } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { plateauReducerOptions, ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
import { linearData, linearModel, recorder, useCpu } from './test-support.js';

beforeAll(useCpu);
afterEach(() => {
  vi.restoreAllMocks();
});

const goldenMetrics = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];

/** Drives the callback's hooks by hand with scripted epoch logs; returns the LR after each epoch. */
async function drive(options: ReduceLROnPlateauOptions, metrics: readonly number[], { key = 'val_loss', initialLearningRate = 1 } = {}): Promise<number[]> {
  const model = linearModel(tf.train.sgd(initialLearningRate));
  const callback = new ReduceLROnPlateau(options);
  callback.setModel(model as never);
  await callback.onTrainBegin();
  const values: number[] = [];
  for (const [epoch, metric] of metrics.entries()) {
    await callback.onEpochEnd(epoch, { [key]: metric, loss: 5 });
    values.push((model.optimizer as unknown as { learningRate: number }).learningRate);
  }
  await callback.onTrainEnd();
  model.dispose();
  return values;
}

function expectValues(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, 12));
}

/** Keras 3 `ReduceLROnPlateau.on_epoch_end` (the shared line-by-line port, mode min): the LR after each metric. */
function kerasReference(metrics: readonly number[], o: { factor: number; patience: number; minDelta: number; cooldown: number; minValue: number }): number[] {
  const callback = new KerasReduceLROnPlateau(1, {
    mode: 'min',
    factor: o.factor,
    patience: o.patience,
    min_delta: o.minDelta,
    cooldown: o.cooldown,
    min_lr: o.minValue,
  });
  return metrics.map((metric) => {
    callback.onEpochEnd(metric);
    return callback.lr;
  });
}

/** PyTorch `ReduceLROnPlateau.step` (the shared line-by-line port, mode min, threshold_mode rel): the LR after each metric. */
function torchReference(metrics: readonly number[], o: { factor: number; patience: number; threshold: number; cooldown: number; minValue: number }): number[] {
  const optimizer = { param_groups: [{ lr: 1 }] };
  const scheduler = new TorchReduceLROnPlateau(optimizer, {
    mode: 'min',
    factor: o.factor,
    patience: o.patience,
    threshold: o.threshold,
    cooldown: o.cooldown,
    min_lr: o.minValue,
  });
  return metrics.map((metric) => {
    scheduler.step(metric);
    return optimizer.param_groups[0]?.lr ?? Number.NaN;
  });
}

/** A fixed pseudo-random walk of metrics with plateaus. */
function scriptedMetrics(seed: number, length: number): number[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let value = 1;
  return Array.from({ length }, () => {
    const r = random();
    value = r < 0.3 ? value * 0.9 : r < 0.5 ? value * 1.05 : value;
    return value;
  });
}

describe('ReduceLROnPlateau golden sequences (REFERENCE.md)', () => {
  it('reproduces the Keras sequence with semantics keras', async () => {
    expectValues(await drive({ semantics: 'keras', factor: 0.1, patience: 2 }, goldenMetrics), [1, 1, 1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001]);
  });

  it('reproduces the PyTorch sequence with semantics torch', async () => {
    expectValues(await drive({ semantics: 'torch', factor: 0.1, patience: 2 }, goldenMetrics), [1, 1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01]);
  });

  it('counts like the native reducer by default (reduce when bad epochs reach patience)', async () => {
    expectValues(await drive({ factor: 0.1, patience: 2 }, goldenMetrics), [1, 1, 1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001]);
  });

  for (const cooldown of [0, 1, 2, 3]) {
    for (const patience of [0, 1, 3]) {
      it(`matches the transcribed Keras algorithm with patience ${patience} and cooldown ${cooldown}`, async () => {
        const metrics = scriptedMetrics(7 + cooldown * 10 + patience, 40);
        const options = { factor: 0.5, patience, minDelta: 1e-4, cooldown, minValue: 0.01 };
        expectValues(await drive({ semantics: 'keras', ...options }, metrics), kerasReference(metrics, options));
      });

      it(`matches the transcribed PyTorch algorithm with patience ${patience} and cooldown ${cooldown}`, async () => {
        const metrics = scriptedMetrics(3 + cooldown * 10 + patience, 40);
        const options = { factor: 0.5, patience, cooldown, minValue: 0.01 };
        expectValues(await drive({ semantics: 'torch', minDelta: 1e-4, ...options }, metrics), torchReference(metrics, { threshold: 1e-4, ...options }));
      });
    }
  }
});

describe('plateauReducerOptions', () => {
  it('maps torch semantics to patience + 1, relative minDelta and minChange 1e-8', () => {
    expect(plateauReducerOptions({ mode: 'min', patience: 2, semantics: 'torch' })).toEqual({
      mode: 'min',
      factor: 0.1,
      patience: 3,
      minDelta: 1e-4,
      minDeltaMode: 'relative',
      cooldown: 0,
      minValue: 0,
      minChange: 1e-8,
      countNonFinite: true,
    });
  });

  it('maps keras semantics to cooldown - 1', () => {
    expect(plateauReducerOptions({ mode: 'max', cooldown: 3, semantics: 'keras' })).toEqual({
      mode: 'max',
      factor: 0.1,
      patience: 10,
      minDelta: 1e-4,
      minDeltaMode: 'absolute',
      cooldown: 2,
      minValue: 0,
      minChange: 0,
      countNonFinite: true,
    });
  });
});

describe('ReduceLROnPlateau metrics', () => {
  it('never counts NaN as an improvement', async () => {
    expectValues(await drive({ factor: 0.5, patience: 2 }, [1, Number.NaN, Number.NaN, 0.5]), [1, 1, 0.5, 0.5]);
  });

  it('infers max mode from an accuracy metric', async () => {
    const callback = new ReduceLROnPlateau({ monitor: 'val_acc' });
    expect(callback.mode).toBe('max');
    expectValues(await drive({ monitor: 'val_acc', factor: 0.5, patience: 1 }, [0.5, 0.6, 0.6], { key: 'val_acc' }), [1, 1, 0.5]);
  });

  it('infers the direction from the metric name', () => {
    const modes = ['val_loss', 'acc', 'val_accuracy', 'auc', 'mse', 'precision'].map((monitor) => new ReduceLROnPlateau({ monitor }).mode);
    expect(modes).toEqual(['min', 'max', 'max', 'max', 'min', 'max']);
  });

  it('falls back from val_loss to loss with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expectValues(await drive({ factor: 0.5, patience: 1 }, [1, 1, 1], { key: 'other' }), [1, 0.5, 0.25]);
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      'ReduceLROnPlateau: no `val_loss` in the epoch logs (no validation data?); monitoring `loss` instead',
    ]);
  });

  it('warns once, listing the keys present, when the monitored metric is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expectValues(await drive({ monitor: 'val_auc', patience: 1 }, [1, 1, 1], { key: 'val_loss' }), [1, 1, 1]);
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      'ReduceLROnPlateau: the monitored metric "val_auc" is not in the epoch logs; available keys: val_loss, loss. The learning rate is left unchanged.',
    ]);
  });

  it('reads tensor logs and leaves numbers in their place', async () => {
    const model = linearModel(tf.train.sgd(1));
    const callback = new ReduceLROnPlateau({ patience: 1, factor: 0.5 });
    callback.setModel(model as never);
    await callback.onTrainBegin();
    const logs: Record<string, number | tf.Tensor> = { val_loss: tf.scalar(1) };
    const before = tf.memory().numTensors;
    await callback.onEpochEnd(0, logs);
    expect(logs.val_loss).toBe(1);
    expect(tf.memory().numTensors).toBe(before - 1);
    model.dispose();
  });

  it('prints reductions when verbose', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await drive({ patience: 1, factor: 0.5, verbose: true }, [1, 1]);
    expect(log.mock.calls.map((call) => call[0])).toEqual(['ReduceLROnPlateau: epoch 1: val_loss = 1 did not improve; learning rate 1 -> 0.5 (scale 0.5)']);
  });
});

describe('ReduceLROnPlateau in model.fit', () => {
  /** Overwrites `val_loss` with a scripted value at each epoch end (placed before the plateau). */
  function scriptedLoss(metrics: readonly number[]): tf.CustomCallback {
    return new tf.CustomCallback({
      onEpochEnd: (epoch, logs) => {
        if (logs !== undefined) logs.val_loss = metrics[epoch] ?? Number.NaN;
      },
    });
  }

  it('alone scales the learning rate the optimizer started with', async () => {
    const model = linearModel(tf.train.sgd(0.5));
    const plateau = new ReduceLROnPlateau({ semantics: 'keras', factor: 0.1, patience: 2 });
    const { callback, batches } = recorder(model);
    const { xs, ys } = linearData(4);
    await model.fit(xs, ys, { epochs: 6, batchSize: 2, verbose: 0, callbacks: [scriptedLoss(goldenMetrics), plateau, callback] });
    const perEpoch = batches.filter((batch) => batch.batch === 0).map((batch) => batch.learningRate);
    expectValues(perEpoch, [0.5, 0.5, 0.5, 0.5, 0.05, 0.05]);
    batches.forEach((batch) => expect(batch.weightChange).toBeCloseTo(-batch.learningRate, 6));
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('composed with a warm-up + cosine schedule multiplies the schedule by the plateau scale', async () => {
    const warmupCosine = warmup({ schedule: cosine({ initialValue: 0.4, decaySteps: 20 }), warmupSteps: 4 });
    // The closed form it must follow.
    const closedForm = (step: number): number => (step < 4 ? (step / 4) * 0.4 : 0.4 * 0.5 * (1 + Math.cos((Math.PI * Math.min(step - 4, 20)) / 20)));
    for (const step of [0, 1, 4, 5, 15]) expect(warmupCosine(step)).toBeCloseTo(closedForm(step), 12);
    for (const order of ['scheduler first', 'plateau first'] as const) {
      const model = linearModel(tf.train.sgd(1));
      const scheduler = new LearningRateScheduler({ schedule: warmupCosine, unit: 'batch' });
      const plateau = new ReduceLROnPlateau({ semantics: 'keras', factor: 0.1, patience: 2 });
      const { callback, batches } = recorder(model);
      const { xs, ys } = linearData(4);
      const ours = order === 'scheduler first' ? [scheduler, plateau] : [plateau, scheduler];
      await model.fit(xs, ys, { epochs: 8, batchSize: 2, verbose: 0, callbacks: [scriptedLoss(goldenMetrics), ...ours, callback] });
      // The scale after epoch e's metric applies from epoch e + 1.
      const scales = [1, 1, 1, 1, 0.1, 0.1, 0.01, 0.01];
      batches.forEach((batch, step) => {
        const expected = warmupCosine(step) * (scales[batch.epoch] ?? Number.NaN);
        expect(batch.learningRate).toBeCloseTo(expected, 12);
        expect(batch.weightChange).toBeCloseTo(-expected, 6);
      });
      expect(scheduler.scheduledLearningRate).toBeCloseTo(warmupCosine(15), 12);
      expect(scheduler.learningRate).toBeCloseTo(warmupCosine(15) * 0.001, 12);
      tf.dispose([xs, ys]);
      model.dispose();
    }
  });
});

describe('ReduceLROnPlateau arguments', () => {
  it('rejects a negative factor', () => {
    expect(() => new ReduceLROnPlateau({ factor: -0.5 })).toThrow(new RangeError('ReduceLROnPlateau: `factor` must be a number in (0, 1); received -0.5'));
  });

  it('rejects a factor >= 1', () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(new RangeError('ReduceLROnPlateau: `factor` must be a number in (0, 1); received 1'));
  });

  it('rejects a negative patience', () => {
    expect(() => new ReduceLROnPlateau({ patience: -1 })).toThrow(new RangeError('ReduceLROnPlateau: `patience` must be an integer >= 0; received -1'));
  });

  it('rejects an unknown mode', () => {
    expect(() => new ReduceLROnPlateau({ mode: 'maximum' as never })).toThrow(
      new RangeError("ReduceLROnPlateau: `mode` must be one of 'auto', 'min', 'max'; received \"maximum\""),
    );
  });

  it('rejects unknown semantics', () => {
    expect(() => new ReduceLROnPlateau({ semantics: 'fastai' as never })).toThrow(
      new RangeError("ReduceLROnPlateau: `semantics` must be one of 'native', 'keras', 'torch'; received \"fastai\""),
    );
  });

  it('rejects an unknown option', () => {
    expect(() => new ReduceLROnPlateau({ min_lr: 0.1 } as never)).toThrow(/unknown option `min_lr`/);
  });

  it('rejects a model whose optimizer lrkit does not know, naming the argument', async () => {
    class Lion extends tf.Optimizer {
      static get className(): string {
        return 'Lion';
      }
      applyGradients(): void {}
      getConfig(): tf.serialization.ConfigDict {
        return {};
      }
    }
    const model = linearModel(tf.train.sgd(1));
    (model as unknown as { optimizer: tf.Optimizer }).optimizer = new Lion();
    const callback = new ReduceLROnPlateau();
    callback.setModel(model as never);
    await expect(callback.onTrainBegin()).rejects.toThrow(/adaptOptimizer: `optimizer` must be one of tfjs's optimizers/);
    model.dispose();
  });
});
