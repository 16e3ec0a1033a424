import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { useCpu } from './test-support.js';

beforeAll(useCpu);

/** Drives the hooks by hand with one metric per epoch; returns the epoch it stopped at (or undefined) and the waits. */
async function drive(options: EarlyStoppingOptions, metrics: readonly number[], key = 'val_loss') {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const stopping = new EarlyStopping(options);
  stopping.setModel(model as never);
  await stopping.onTrainBegin();
  const waits: number[] = [];
  let stoppedAt: number | undefined;
  for (const [epoch, value] of metrics.entries()) {
    await stopping.onEpochEnd(epoch, { [key]: value });
    waits.push(stopping.wait);
    if (model.stopTraining) {
      stoppedAt = epoch;
      break;
    }
  }
  await stopping.onTrainEnd();
  model.dispose();
  return { stoppedAt, waits, stopping };
}

describe('EarlyStopping counting (Keras 3)', () => {
  it("stops after `patience` epochs without improvement: Keras's docstring run (patience 3) trains 4 epochs", async () => {
    const { stoppedAt, waits } = await drive({ monitor: 'loss', patience: 3 }, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 'loss');
    expect(stoppedAt).toBe(3);
    expect(waits).toEqual([0, 1, 2, 3]);
  });

  it('patience 0 stops at the first epoch that does not improve, never at epoch 0', async () => {
    expect((await drive({ patience: 0 }, [1, 0.5, 0.6, 0.4])).stoppedAt).toBe(2);
    expect((await drive({ patience: 0, mode: 'max', monitor: 'score' }, [Number.NaN, 1, 0.5], 'score')).stoppedAt).toBe(2);
  });

  it('counts a change of minDelta or less as no improvement (absolute, in both modes)', async () => {
    const minimised = await drive({ patience: 2, minDelta: 0.1 }, [1, 0.95, 0.9, 0.5]);
    expect(minimised.waits).toEqual([0, 1, 2]);
    expect(minimised.stoppedAt).toBe(2);
    const maximised = await drive({ monitor: 'val_acc', patience: 2, minDelta: 0.1 }, [0.5, 0.55, 0.61, 0.62], 'val_acc');
    expect(maximised.waits).toEqual([0, 1, 0, 1]);
    expect(maximised.stopping.best).toBe(0.61);
  });

  it('with a baseline, improvements that do not beat it do not reset the wait', async () => {
    const withBaseline = await drive({ patience: 3, baseline: 0.5 }, [0.9, 0.8, 0.85, 0.7]);
    expect(withBaseline.waits).toEqual([1, 2, 3]);
    expect(withBaseline.stoppedAt).toBe(2);
    expect(withBaseline.stopping.best).toBe(0.8);
    const without = await drive({ patience: 3 }, [0.9, 0.8, 0.85, 0.7]);
    expect(without.waits).toEqual([0, 0, 1, 0]);
    expect(without.stoppedAt).toBeUndefined();
    const beaten = await drive({ patience: 1, baseline: 0.5 }, [0.9, 0.4, 0.45]);
    expect(beaten.waits).toEqual([1, 0, 1]);
    expect(beaten.stoppedAt).toBe(2);
  });

  it("mode 'auto' maximises accuracy-like metrics, minimises losses, and refuses a name it cannot read", async () => {
    expect(new EarlyStopping({ monitor: 'val_acc' }).mode).toBe('max');
    expect(new EarlyStopping({ monitor: 'val_precision' }).mode).toBe('max');
    expect(new EarlyStopping({ monitor: 'loss' }).mode).toBe('min');
    expect(new EarlyStopping().mode).toBe('min');
    expect(new EarlyStopping({ monitor: 'val_mse' }).mode).toBe('min');
    expect(() => new EarlyStopping({ monitor: 'f1' })).toThrow(
      "EarlyStopping: `mode` 'auto' cannot tell whether \"f1\" should be minimised or maximised; pass mode: 'min' or mode: 'max'",
    );
    expect(new EarlyStopping({ monitor: 'f1', mode: 'max' }).mode).toBe('max');
  });

  it('ignores epochs before startFromEpoch (global epoch index)', async () => {
    const { waits, stoppedAt, stopping } = await drive({ patience: 1, startFromEpoch: 2 }, [1, 1, 1, 1, 1]);
    expect(waits).toEqual([0, 0, 0, 1]);
    expect(stoppedAt).toBe(3);
    expect(stopping.bestEpoch).toBe(2);
  });

  it('never counts NaN as an improvement and warns once when the metric is missing', async () => {
    expect((await drive({ patience: 1 }, [1, Number.NaN, 0.5])).stoppedAt).toBe(1);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const missing = await drive({ patience: 0 }, [1, 1, 1], 'loss');
    expect(missing.stoppedAt).toBeUndefined();
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      'EarlyStopping: the monitored metric "val_loss" is not in the epoch logs; available keys: loss. Training is not stopped.',
    ]);
    warn.mockRestore();
  });

  it('rejects bad options naming the option, the rule and the value', () => {
    expect(() => new EarlyStopping({ patience: -1 })).toThrow('EarlyStopping: `patience` must be an integer >= 0; received -1');
    expect(() => new EarlyStopping({ minDelta: -0.1 })).toThrow('EarlyStopping: `minDelta` must be a finite number >= 0; received -0.1');
    expect(() => new EarlyStopping({ baseline: Number.NaN })).toThrow('EarlyStopping: `baseline` must be a finite number; received NaN');
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/EarlyStopping: `mode` must be one of/);
    expect(() => new EarlyStopping({ patience: 1, patiense: 2 } as never)).toThrow(/patiense/);
  });
});

/** A two-layer model with Adam, trained on fixed data; `score` is written into the epoch logs from `scores`. */
function setUp(scores: readonly number[]) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  const xs = tf.tensor2d([
    [0, 1],
    [1, 0],
    [1, 1],
    [0.5, -1],
  ]);
  const ys = tf.tensor2d([[1], [-1], [0.5], [2]]);
  const weightsAtEpochEnd: Float32Array[][] = [];
  const inject = new tf.CustomCallback({
    onEpochEnd: (epoch, logs) => {
      if (logs !== undefined) logs['score'] = scores[epoch] ?? Number.NaN;
      weightsAtEpochEnd.push(
        model
          .getWeights()
          .map((weight) => weight.dataSync() as Float32Array)
          .map((values) => values.slice()),
      );
    },
  });
  const cleanUp = () => {
    model.dispose();
    tf.dispose([xs, ys]);
  };
  return { model, xs, ys, inject, weightsAtEpochEnd, cleanUp };
}

const currentWeights = (model: tf.LayersModel) => model.getWeights().map((weight) => (weight.dataSync() as Float32Array).slice());

describe('EarlyStopping restoreBestWeights', () => {
  it('restores the best epoch bit for bit when it stops, and leaks no tensor', async () => {
    const { model, xs, ys, inject, weightsAtEpochEnd, cleanUp } = setUp([5, 3, 4, 4.5, 6, 7, 8, 9]);
    const stopping = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 2, restoreBestWeights: true });
    await model.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 }); // creates Adam's slots
    const before = tf.memory().numTensors;
    const history = await model.fit(xs, ys, { epochs: 8, batchSize: 2, shuffle: false, verbose: 0, callbacks: [inject, stopping] });
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(stopping.stoppedEpoch).toBe(3);
    expect(stopping.bestEpoch).toBe(1);
    expect(currentWeights(model)).toEqual(weightsAtEpochEnd[1]);
    expect(currentWeights(model)).not.toEqual(weightsAtEpochEnd[3]);
    expect(tf.memory().numTensors).toBe(before);
    cleanUp();
  });

  it('restores the best epoch at the end of training when it never stops', async () => {
    const { model, xs, ys, inject, weightsAtEpochEnd, cleanUp } = setUp([5, 2, 4, 4.5]);
    const stopping = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 10, restoreBestWeights: true });
    await model.fit(xs, ys, { epochs: 4, batchSize: 2, shuffle: false, verbose: 0, callbacks: [inject, stopping] });
    expect(stopping.stoppedEpoch).toBeUndefined();
    expect(currentWeights(model)).toEqual(weightsAtEpochEnd[1]);
    cleanUp();
  });

  it('keeps the first monitored epoch when nothing beats it, and leaves the weights alone without restoreBestWeights', async () => {
    const first = setUp([Number.NaN, Number.NaN, 1, 2, 3]);
    const restoring = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 1, startFromEpoch: 2, restoreBestWeights: true });
    await first.model.fit(first.xs, first.ys, { epochs: 5, batchSize: 2, shuffle: false, verbose: 0, callbacks: [first.inject, restoring] });
    expect(restoring.stoppedEpoch).toBe(3);
    expect(currentWeights(first.model)).toEqual(first.weightsAtEpochEnd[2]);
    first.cleanUp();
    const second = setUp([1, 2, 3]);
    const plain = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 1 });
    await second.model.fit(second.xs, second.ys, { epochs: 3, batchSize: 2, shuffle: false, verbose: 0, callbacks: [second.inject, plain] });
    expect(plain.stoppedEpoch).toBe(1);
    expect(currentWeights(second.model)).toEqual(second.weightsAtEpochEnd[1]);
    second.cleanUp();
  });

  it('composes with a schedule and ReduceLROnPlateau on the same run', async () => {
    const { model, xs, ys, inject, weightsAtEpochEnd, cleanUp } = setUp([5, 4, 4, 4, 4, 4, 4, 4]);
    const scheduler = new LearningRateScheduler({ schedule: (step: number) => 0.05 / (1 + step), unit: 'batch' });
    const plateau = new ReduceLROnPlateau({ monitor: 'score', mode: 'min', patience: 1, factor: 0.5 });
    const stopping = new EarlyStopping({ monitor: 'score', mode: 'min', patience: 3, restoreBestWeights: true });
    const history = await model.fit(xs, ys, {
      epochs: 8,
      batchSize: 2,
      shuffle: false,
      verbose: 0,
      callbacks: [inject, scheduler, plateau, stopping],
    });
    expect(history.epoch).toEqual([0, 1, 2, 3, 4]);
    expect(plateau.scale).toBe(0.125);
    // Learning rate of each epoch's last batch (steps 1, 3, 5, 7, 9) times the scale in force
    // then (a reduction at an epoch's end applies from the next epoch).
    expect(history.history['learning_rate']).toEqual([0.05 / 2, 0.05 / 4, 0.05 / 6, (0.05 / 8) * 0.5, (0.05 / 10) * 0.25]);
    expect(currentWeights(model)).toEqual(weightsAtEpochEnd[1]);
    cleanUp();
  });
});

describe('EarlyStopping state', () => {
  it('round-trips through JSON and continues the count like an uninterrupted run', async () => {
    const metrics = [1, 0.8, 0.9, 0.85, 0.95, 0.99];
    const whole = await drive({ patience: 3 }, metrics);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const first = new EarlyStopping({ patience: 3 });
    first.setModel(model as never);
    await first.onTrainBegin();
    for (const epoch of [0, 1, 2]) await first.onEpochEnd(epoch, { val_loss: metrics[epoch] ?? 0 });
    const saved = JSON.parse(JSON.stringify(first.getState())) as ReturnType<EarlyStopping['getState']>;
    expect(saved).toEqual({ type: 'EarlyStopping', version: 1, wait: 1, best: 0.8, bestEpoch: 1, stoppedEpoch: null, bestWeights: null });
    const resumed = new EarlyStopping({ patience: 3 });
    resumed.setState(saved);
    resumed.setModel(model as never);
    await resumed.onTrainBegin(); // a resumed run does not reset
    let stoppedAt: number | undefined;
    for (const epoch of [3, 4, 5]) {
      await resumed.onEpochEnd(epoch, { val_loss: metrics[epoch] ?? 0 });
      if (model.stopTraining && stoppedAt === undefined) stoppedAt = epoch;
    }
    expect(stoppedAt).toBe(whole.stoppedAt);
    expect(stoppedAt).toBe(4);
    expect(new EarlyStopping().getState()).toEqual({
      type: 'EarlyStopping',
      version: 1,
      wait: 0,
      best: 'Infinity',
      bestEpoch: null,
      stoppedEpoch: null,
      bestWeights: null,
    });
    model.dispose();
  });

  it('refuses a state of another callback or with the wrong tensors', () => {
    const stopping = new EarlyStopping();
    expect(() => stopping.setState({ type: 'ReduceLROnPlateau', version: 1 })).toThrow(
      'EarlyStopping.setState: `state.type` must be "EarlyStopping" (a state from EarlyStopping.getState()); received "ReduceLROnPlateau"',
    );
    expect(() => stopping.setState({ ...stopping.getState(), wait: -1 })).toThrow('EarlyStopping.setState: `state.wait` must be an integer >= 0; received -1');
    expect(() => stopping.setState({ ...stopping.getState(), bestWeights: 2 })).toThrow(
      'EarlyStopping.setState: `tensors` must hold the 2 best weights of the state; received 0',
    );
  });
});
