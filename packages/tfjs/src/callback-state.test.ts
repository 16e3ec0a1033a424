import { cosine } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { readOptimizerState, writeOptimizerState } from './optimizer-state.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { linearData, linearModel, optimizerFactories, useCpu } from './test-support.js';

beforeAll(useCpu);

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('learning_rate in the epoch logs', () => {
  it("History from model.fit has `learning_rate` (and `momentum` when scheduled) for every epoch, Keras 3's key", async () => {
    const model = linearModel(tf.train.momentum(0.1, 0.9));
    const { xs, ys } = linearData(4);
    const schedule = cosine({ initialValue: 0.1, decaySteps: 6 });
    const momentum = (step: number) => 0.8 + step / 100;
    const scheduler = new LearningRateScheduler({ schedule, unit: 'batch', momentumSchedule: momentum });
    const history = await model.fit(xs, ys, { epochs: 3, batchSize: 2, verbose: 0, callbacks: [scheduler] });
    // The rate and momentum of each epoch's last batch: steps 1, 3, 5.
    expect(history.history['learning_rate']).toEqual([schedule(1), schedule(3), schedule(5)]);
    expect(history.history['momentum']).toEqual([momentum(1), momentum(3), momentum(5)]);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('ReduceLROnPlateau alone writes the rate the epoch trained with, before its reduction (as Keras 3)', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const { xs, ys } = linearData(4);
    const plateau = new ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, minDelta: 1e6 });
    const history = await model.fit(xs, ys, { epochs: 3, batchSize: 2, verbose: 0, callbacks: [plateau] });
    // Epoch 0 improves on +Infinity; epochs 1 and 2 do not (minDelta is huge) and each reduces at its end.
    expect(history.history['learning_rate']).toEqual([0.1, 0.1, 0.05]);
    expect(plateau.scale).toBe(0.25);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

describe('getState / setState', () => {
  it('LearningRateScheduler: a scheduler restored from JSON continues the epoch count and the step', async () => {
    const schedule = (step: number) => 0.1 / (1 + step);
    const { xs, ys } = linearData(4);
    const whole = linearModel(tf.train.sgd(0.1));
    const uninterrupted = new LearningRateScheduler({ schedule, unit: 'epoch' });
    await whole.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [uninterrupted] });
    const saved = json(uninterrupted.getState());
    expect(saved).toEqual({
      type: 'LearningRateScheduler',
      version: 1,
      unit: 'epoch',
      completedEpochs: 2,
      globalEpoch: 1,
      stepOffset: 0,
      learnedBatchesPerEpoch: 2,
      step: 1,
      scheduledLearningRate: schedule(1),
      momentum: null,
    });
    await whole.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [uninterrupted] });
    const restored = new LearningRateScheduler({ schedule, unit: 'epoch' });
    restored.setState(saved);
    const other = linearModel(tf.train.sgd(0.1));
    // A second fit without initialEpoch continues at epoch 2 like the uninterrupted scheduler.
    await other.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [restored] });
    expect(restored.epoch).toBe(uninterrupted.epoch);
    expect(restored.epoch).toBe(3);
    expect(restored.learningRate).toBe(schedule(3));
    expect(() => new LearningRateScheduler({ schedule, unit: 'batch' }).setState(saved)).toThrow(
      'LearningRateScheduler.setState: `state.unit` must be this scheduler\'s unit "batch"; received "epoch"',
    );
    whole.dispose();
    other.dispose();
    tf.dispose([xs, ys]);
  });

  it('ReduceLROnPlateau: scale, best, wait and cooldown survive JSON', async () => {
    const build = () => new ReduceLROnPlateau({ monitor: 'loss', patience: 2, factor: 0.5, cooldown: 1 });
    const first = build();
    const model = linearModel(tf.train.sgd(0.1));
    first.setModel(model as never);
    await first.onTrainBegin();
    for (const [epoch, loss] of [1, 0.9, 0.95, 0.97].entries()) await first.onEpochEnd(epoch, { loss });
    const saved = json(first.getState());
    expect(saved).toMatchObject({ type: 'ReduceLROnPlateau', scale: 0.5, best: 0.9, badEvaluations: 0, cooldownRemaining: 1, reductions: 1 });
    const second = build();
    second.setState(saved);
    expect(second.state).toEqual(first.state);
    const otherModel = linearModel(tf.train.sgd(0.1));
    second.setModel(otherModel as never);
    await second.onTrainBegin();
    for (const [epoch, loss] of [0.99, 0.98, 0.97].entries()) {
      await first.onEpochEnd(epoch + 4, { loss });
      await second.onEpochEnd(epoch + 4, { loss });
    }
    expect(second.state).toEqual(first.state);
    expect(new ReduceLROnPlateau().getState()['best']).toBe('Infinity');
    expect(second.state.reductions).toBe(2);
    expect(() => second.setState({ ...saved, scale: 2 })).toThrow('ReduceLROnPlateau.setState: `state.scale` must be a number in (0, 1]; received 2');
    model.dispose();
    otherModel.dispose();
  });

  it('LossHistory: counters and file position round-trip', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const { xs, ys } = linearData(4);
    const history = new LossHistory();
    await model.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [history] });
    const saved = json(history.getState());
    expect(saved).toMatchObject({ type: 'LossHistory', version: 1, completedEpochs: 2, stepOffset: 0, filePosition: null });
    const restored = new LossHistory();
    restored.setState(saved);
    await model.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0, callbacks: [restored] });
    expect(restored.epochs.map((row) => [row.epoch, row.step])).toEqual([[2, 6]]);
    expect(restored.epochs[0]?.time).toBeGreaterThanOrEqual(saved['elapsedSeconds'] as number);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

describe('readOptimizerState / writeOptimizerState', () => {
  for (const [name, factory] of Object.entries(optimizerFactories)) {
    it(`${name}: a fresh optimizer given the state takes the next step bit for bit`, async () => {
      const { xs, ys } = linearData(4);
      const trained = linearModel(factory());
      await trained.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0 });
      const fresh = linearModel(factory());
      fresh.setWeights(trained.getWeights());
      const state = readOptimizerState(trained.optimizer);
      const before = tf.memory().numTensors;
      writeOptimizerState(fresh.optimizer, { description: json(state.description), tensors: state.tensors });
      tf.dispose(Object.values(state.tensors));
      // The slots now live in the fresh optimizer; the state's clones are gone.
      expect(tf.memory().numTensors - before).toBe(
        state.description.slots.flatMap((slot) => slot.names).filter((slot) => slot !== null).length - Object.keys(state.tensors).length,
      );
      await trained.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
      await fresh.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
      expect(fresh.getWeights()[0]?.dataSync()).toEqual(trained.getWeights()[0]?.dataSync());
      expect(fresh.optimizer.iterations).toBe(6);
      trained.dispose();
      fresh.dispose();
      tf.dispose([xs, ys]);
    });
  }
});
