import { constant, cosine, defineSchedule } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { linearData, linearDataset, linearModel, optimizerFactories, recorder, useCpu } from './test-support.js';

beforeAll(useCpu);
afterEach(() => {
  vi.restoreAllMocks();
});

const perBatch = defineSchedule({ type: 'test-per-batch' }, (step) => 0.1 / (1 + step));
const perEpoch = defineSchedule({ type: 'test-per-epoch' }, (epoch) => 0.1 * 0.5 ** epoch);

/** Trains `batches` batches of 2 rows per epoch; 4 batches per epoch by default. */
async function fitLinear(
  model: tf.LayersModel,
  callbacks: tf.CustomCallback[],
  options: { epochs: number; initialEpoch?: number; dataset?: boolean; batches?: number },
): Promise<void> {
  const batches = options.batches ?? 4;
  if (options.dataset === true) {
    await model.fitDataset(linearDataset(batches, 2), {
      epochs: options.epochs,
      initialEpoch: options.initialEpoch ?? 0,
      callbacks,
      verbose: 0,
    });
    return;
  }
  const { xs, ys } = linearData(batches * 2);
  await model.fit(xs, ys, {
    epochs: options.epochs,
    initialEpoch: options.initialEpoch ?? 0,
    batchSize: 2,
    shuffle: false,
    callbacks,
    verbose: 0,
  });
  tf.dispose([xs, ys]);
}

describe('LearningRateScheduler with each tfjs optimizer', () => {
  for (const [name, make] of Object.entries(optimizerFactories)) {
    for (const dataset of [false, true]) {
      it(`applies a per-batch schedule to ${name} (${dataset ? 'fitDataset' : 'fit'}) across two fit calls`, async () => {
        const model = linearModel(make());
        const scheduler = new LearningRateScheduler({ schedule: perBatch, unit: 'batch' });
        const { callback, batches } = recorder(model);
        await fitLinear(model, [scheduler, callback], { epochs: 2, dataset });
        await fitLinear(model, [scheduler, callback], { epochs: 1, dataset });
        // A third call resuming with initialEpoch continues from the optimizer's update count.
        await fitLinear(model, [scheduler, callback], { epochs: 4, initialEpoch: 3, dataset });
        expect(batches.map((batch) => batch.iterations)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        batches.forEach((batch, step) => expect(batch.learningRate).toBeCloseTo(perBatch(step), 12));
        if (name === 'sgd') {
          batches.forEach((batch, step) => expect(batch.weightChange).toBeCloseTo(-perBatch(step), 6));
        }
        if (name === 'sgd' || name.includes('momentum') || name === 'nesterov') {
          const cached = (model.optimizer as unknown as { c: tf.Scalar }).c.dataSync()[0];
          expect(cached).toBeCloseTo(-perBatch(15), 7);
        }
        model.dispose();
      });

      it(`resumes ${name} (${dataset ? 'fitDataset' : 'fit'}) with initialEpoch on a fresh model, per batch and per epoch`, async () => {
        for (const unit of ['batch', 'epoch'] as const) {
          const model = linearModel(make());
          const scheduler = new LearningRateScheduler({
            schedule: unit === 'batch' ? perBatch : perEpoch,
            unit,
            ...(dataset ? { batchesPerEpoch: 4 } : {}),
          });
          const { callback, batches } = recorder(model);
          await fitLinear(model, [scheduler, callback], { epochs: 4, initialEpoch: 2, dataset });
          const expected = [8, 9, 10, 11, 12, 13, 14, 15].map((step) => (unit === 'batch' ? perBatch(step) : perEpoch(Math.floor(step / 4))));
          batches.forEach((batch, index) => expect(batch.learningRate).toBeCloseTo(expected[index] ?? Number.NaN, 12));
          expect(batches).toHaveLength(8);
          model.dispose();
        }
      });

      it(`applies a per-epoch schedule to ${name} (${dataset ? 'fitDataset' : 'fit'}) across two fit calls`, async () => {
        const model = linearModel(make());
        const scheduler = new LearningRateScheduler({ schedule: perEpoch, unit: 'epoch' });
        const { callback, batches } = recorder(model);
        await fitLinear(model, [scheduler, callback], { epochs: 2, dataset });
        await fitLinear(model, [scheduler, callback], { epochs: 1, dataset });
        await fitLinear(model, [scheduler, callback], { epochs: 4, initialEpoch: 3, dataset });
        const epochs = batches.map((batch, index) => Math.floor(index / 4));
        expect(epochs.at(-1)).toBe(3);
        batches.forEach((batch, index) => expect(batch.learningRate).toBeCloseTo(perEpoch(epochs[index] ?? 0), 12));
        expect(scheduler.epoch).toBe(3);
        if (name === 'sgd') {
          batches.forEach((batch, index) => expect(batch.weightChange).toBeCloseTo(-perEpoch(epochs[index] ?? 0), 6));
        }
        model.dispose();
      });
    }
  }
});

describe('LearningRateScheduler steps', () => {
  it('resumes a per-batch schedule at initialEpoch * batchesPerEpoch on a fresh optimizer', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: perBatch, unit: 'batch' });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 3, initialEpoch: 2 });
    expect(batches.map((batch) => batch.learningRate)).toEqual([8, 9, 10, 11].map((step) => perBatch(step)));
    batches.forEach((batch, index) => expect(batch.weightChange).toBeCloseTo(-perBatch(8 + index), 6));
    model.dispose();
  });

  it('resumes a per-epoch schedule at initialEpoch', async () => {
    const model = linearModel(tf.train.adam(1));
    const scheduler = new LearningRateScheduler({ schedule: perEpoch, unit: 'epoch' });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 4, initialEpoch: 2 });
    expect(batches.map((batch) => batch.learningRate)).toEqual([2, 2, 2, 2, 3, 3, 3, 3].map((epoch) => perEpoch(epoch)));
    model.dispose();
  });

  it('continues the epoch count when a second fit resumes with initialEpoch', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: perEpoch, unit: 'epoch' });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 2 });
    await fitLinear(model, [scheduler, callback], { epochs: 3, initialEpoch: 2 });
    expect(batches.map((batch) => batch.learningRate)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2].map((epoch) => perEpoch(epoch)));
    model.dispose();
  });

  it('continues a per-batch schedule from the optimizer update count when a second fit uses initialEpoch', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: perBatch, unit: 'batch' });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 1 });
    await fitLinear(model, [scheduler, callback], { epochs: 2, initialEpoch: 1 });
    expect(batches.map((batch) => batch.learningRate)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((step) => perBatch(step)));
    model.dispose();
  });

  it('starts at initialStep when given', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: perBatch, unit: 'batch', initialStep: 100 });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 1 });
    expect(batches.map((batch) => batch.learningRate)).toEqual([100, 101, 102, 103].map((step) => perBatch(step)));
    expect(scheduler.step).toBe(103);
    model.dispose();
  });

  it('interpolates an epoch schedule at epoch + batch / batchesPerEpoch in fit', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: perEpoch, unit: 'epoch', interpolate: true });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 2 });
    const expected = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75].map((epoch) => perEpoch(epoch));
    batches.forEach((batch, index) => expect(batch.learningRate).toBeCloseTo(expected[index] ?? Number.NaN, 12));
    model.dispose();
  });

  it('learns batchesPerEpoch from the first fitDataset epoch, which uses whole-epoch values', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: perEpoch, unit: 'epoch', interpolate: true });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 2, dataset: true });
    const expected = [0, 0, 0, 0, 1, 1.25, 1.5, 1.75].map((epoch) => perEpoch(epoch));
    batches.forEach((batch, index) => expect(batch.learningRate).toBeCloseTo(expected[index] ?? Number.NaN, 12));
    expect(scheduler.batchesPerEpoch).toBe(4);
    model.dispose();
  });

  it('interpolates from the first fitDataset epoch when batchesPerEpoch is given', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: perEpoch, unit: 'epoch', interpolate: true, batchesPerEpoch: 4 });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 1, dataset: true });
    const expected = [0, 0.25, 0.5, 0.75].map((epoch) => perEpoch(epoch));
    batches.forEach((batch, index) => expect(batch.learningRate).toBeCloseTo(expected[index] ?? Number.NaN, 12));
    model.dispose();
  });
});

describe('LearningRateScheduler functions and momentum', () => {
  it('accepts a plain (step) => value function', async () => {
    const model = linearModel(tf.train.sgd(1));
    const scheduler = new LearningRateScheduler({ schedule: (step: number) => 0.01 * (step + 1), unit: 'batch' });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 1 });
    batches.forEach((batch, step) => expect(batch.learningRate).toBeCloseTo(0.01 * (step + 1), 12));
    model.dispose();
  });

  it('passes the current learning rate to a Keras-style schedule with keras: true', async () => {
    const model = linearModel(tf.train.sgd(0.8));
    const scheduler = new LearningRateScheduler({
      schedule: (epoch: number, learningRate: number) => (epoch === 0 ? learningRate : learningRate / 2),
      keras: true,
    });
    const { callback, batches } = recorder(model);
    await fitLinear(model, [scheduler, callback], { epochs: 3 });
    expect(batches.filter((batch) => batch.batch === 0).map((batch) => batch.learningRate)).toEqual([0.8, 0.4, 0.2]);
    model.dispose();
  });

  it('rejects a two-argument function without the keras option', () => {
    expect(() => new LearningRateScheduler({ schedule: (epoch: number, lr: number) => lr * epoch, unit: 'epoch' })).toThrow(
      /`schedule` takes two arguments, like a Keras schedule \(epoch, learningRate\); pass `keras: true`/,
    );
  });

  it("applies a schedule's paired momentum schedule to Adam's beta1", async () => {
    const momentum = defineSchedule({ type: 'test-momentum' }, (step) => 0.95 - 0.01 * step);
    const schedule = defineSchedule({ type: 'test-lr' }, (step) => 0.1 + step, momentum);
    const model = linearModel(tf.train.adam(0.1));
    const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    const betas: number[] = [];
    const spy = new tf.CustomCallback({
      onBatchEnd: () => {
        betas.push((model.optimizer as unknown as { beta1: number }).beta1);
      },
    });
    await fitLinear(model, [scheduler, spy], { epochs: 1 });
    betas.forEach((beta, step) => expect(beta).toBeCloseTo(0.95 - 0.01 * step, 12));
    expect(scheduler.momentum).toBeCloseTo(0.92, 12);
    model.dispose();
  });

  it('applies an explicit momentum schedule to Momentum through its cached scalar', async () => {
    const model = linearModel(tf.train.momentum(0.1, 0.9));
    const scheduler = new LearningRateScheduler({
      schedule: constant({ value: 0.1 }),
      unit: 'batch',
      momentumSchedule: (step: number) => 0.5 + 0.1 * step,
    });
    await fitLinear(model, [scheduler], { epochs: 1 });
    const m = (model.optimizer as unknown as { m: tf.Scalar }).m.dataSync()[0];
    expect(m).toBeCloseTo(0.8, 6);
    model.dispose();
  });

  it('warns once and schedules only the learning rate when the optimizer has no momentum knob', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const momentum = constant({ value: 0.9 });
    const schedule = defineSchedule({ type: 'test-lr' }, () => 0.05, momentum);
    const model = linearModel(tf.train.adagrad(0.1));
    const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    await fitLinear(model, [scheduler], { epochs: 1 });
    await fitLinear(model, [scheduler], { epochs: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/the Adagrad optimizer has no momentum-like knob/);
    expect(scheduler.learningRate).toBe(0.05);
    model.dispose();
  });

  it('rejects an explicit momentum schedule on an optimizer without a momentum knob', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const scheduler = new LearningRateScheduler({ schedule: constant({ value: 0.1 }), unit: 'batch', momentumSchedule: constant({ value: 0.9 }) });
    await expect(fitLinear(model, [scheduler], { epochs: 1 })).rejects.toThrow(/`momentumSchedule` was given but the SGD optimizer has no momentum-like knob/);
    model.dispose();
  });

  it('writes the optimizer only when the value changes', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const schedule = cosine({ initialValue: 0.1, decaySteps: 2 });
    const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
    const setLearningRate = vi.spyOn(model.optimizer as unknown as { setLearningRate: (value: number) => void }, 'setLearningRate');
    await fitLinear(model, [scheduler], { epochs: 1 });
    // steps 0..3: 0.1 (unchanged), 0.05, 0, 0 (held): two writes
    expect(setLearningRate.mock.calls.map((call) => call[0])).toEqual([schedule(1), 0]);
    model.dispose();
  });

  it('prints changes when verbose', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const model = linearModel(tf.train.sgd(0.1));
    const scheduler = new LearningRateScheduler({ schedule: perEpoch, unit: 'epoch', verbose: true });
    await fitLinear(model, [scheduler], { epochs: 2 });
    expect(log.mock.calls.map((call) => call[0])).toEqual(['LearningRateScheduler: epoch 1: learning rate 0.1 -> 0.05']);
    model.dispose();
  });
});

describe('LearningRateScheduler arguments', () => {
  it('rejects a schedule that is not a function', () => {
    expect(() => new LearningRateScheduler({ schedule: 0.1 as never, unit: 'batch' })).toThrow(
      new TypeError('LearningRateScheduler: `schedule` must be a schedule or a function of the step; received 0.1'),
    );
  });

  it('points at fromConfig when given a schedule config', () => {
    expect(() => new LearningRateScheduler({ schedule: { type: 'cosine' } as never, unit: 'batch' })).toThrow(
      /a schedule config: build the schedule with fromConfig\(config\) first/,
    );
  });

  it('requires the unit', () => {
    expect(() => new LearningRateScheduler({ schedule: perBatch })).toThrow(
      new TypeError("LearningRateScheduler: `unit` is required ('batch' or 'epoch'); received undefined"),
    );
  });

  it('rejects an unknown unit', () => {
    expect(() => new LearningRateScheduler({ schedule: perBatch, unit: 'step' as never })).toThrow(
      new RangeError("LearningRateScheduler: `unit` must be one of 'batch', 'epoch'; received \"step\""),
    );
  });

  it('rejects interpolate with the batch unit', () => {
    expect(() => new LearningRateScheduler({ schedule: perBatch, unit: 'batch', interpolate: true })).toThrow(/`interpolate` applies to unit 'epoch' only/);
  });

  it('rejects unknown options', () => {
    expect(() => new LearningRateScheduler({ schedule: perBatch, unit: 'batch', warmup: 3 } as never)).toThrow(/unknown option `warmup`/);
  });

  it('rejects a schedule value that is not a finite number >= 0 when training', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const scheduler = new LearningRateScheduler({ schedule: () => Number.NaN, unit: 'batch' });
    await expect(fitLinear(model, [scheduler], { epochs: 1 })).rejects.toThrow(
      'LearningRateScheduler: the schedule must return a finite number >= 0; received NaN at step 0',
    );
    model.dispose();
  });
});
