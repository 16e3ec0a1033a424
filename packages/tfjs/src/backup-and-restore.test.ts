import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackupAndRestore } from './backup-and-restore.js';
import { EarlyStopping } from './early-stopping.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { readOptimizerState } from './optimizer-state.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { optimizerFactories, useCpu } from './test-support.js';

beforeAll(useCpu);
const directory = mkdtempSync(join(tmpdir(), 'lrkit-backup-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let locations = 0;
const newLocation = (): string => {
  locations += 1;
  return join(directory, `run-${locations}`);
};

function buildModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}
const data = () => ({
  xs: tf.tensor2d([
    [0, 1],
    [1, 0],
    [1, 1],
    [0.5, -1],
    [-1, 2],
    [2, 0.5],
  ]),
  ys: tf.tensor2d([[1], [-1], [0.5], [2], [0], [1.5]]),
});
const weightValues = (model: tf.LayersModel) => model.getWeights().map((weight) => Array.from(weight.dataSync()));
const fitArgs = (epochs: number, initialEpoch: number, callbacks: tf.CustomCallback[]) => ({
  epochs,
  initialEpoch,
  batchSize: 2,
  shuffle: false,
  verbose: 0 as const,
  callbacks,
});

describe('BackupAndRestore resume', () => {
  for (const name of ['sgd', 'momentum', 'adam', 'adamax', 'rmsprop', 'adagrad']) {
    it(`${name}: a resumed run continues bit for bit (weights, optimizer slots, schedule step)`, async () => {
      const factory = optimizerFactories[name] as () => tf.Optimizer;
      const { xs, ys } = data();
      const location = newLocation();
      const schedule = (step: number) => 0.05 / (1 + 0.1 * step);
      // Uninterrupted: 2 epochs with a backup kept, then one more.
      const original = buildModel(factory());
      const scheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
      const backup = new BackupAndRestore({ location, deleteOnEnd: false, state: { scheduler } });
      await original.fit(xs, ys, fitArgs(2, 0, [scheduler, backup]));
      await original.fit(xs, ys, fitArgs(3, 2, [scheduler]));
      // Resumed in a "new process": new model, fresh optimizer, new callbacks.
      const resumed = buildModel(factory());
      const resumedScheduler = new LearningRateScheduler({ schedule, unit: 'batch' });
      const resumedBackup = new BackupAndRestore({ location, state: { scheduler: resumedScheduler } });
      const before = tf.memory().numTensors;
      const initialEpoch = await resumedBackup.resume(resumed);
      expect(initialEpoch).toBe(2);
      await resumed.fit(xs, ys, fitArgs(3, initialEpoch, [resumedScheduler, resumedBackup]));
      expect(weightValues(resumed)).toEqual(weightValues(original));
      expect(resumed.optimizer.iterations).toBe(original.optimizer.iterations);
      expect(resumedScheduler.step).toBe(scheduler.step);
      expect(resumedScheduler.learningRate).toBe(scheduler.learningRate);
      // Slots were created by resume (a fresh optimizer has none); nothing else is left behind.
      const state = readOptimizerState(resumed.optimizer);
      const slots = state.description.slots.flatMap((slot) => slot.names).filter((slotName) => slotName !== null).length;
      tf.dispose(Object.values(state.tensors));
      expect(tf.memory().numTensors - before).toBe(slots);
      expect(existsSync(location)).toBe(false);
      original.dispose();
      resumed.dispose();
      tf.dispose([xs, ys]);
    });
  }

  it('restores the plateau, early stopping (with its best weights) and history states', async () => {
    const { xs, ys } = data();
    const location = newLocation();
    const build = () => {
      const plateau = new ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, minDelta: 10 });
      const stopping = new EarlyStopping({ monitor: 'loss', patience: 5, restoreBestWeights: true });
      const history = new LossHistory();
      return { plateau, stopping, history };
    };
    const first = build();
    const model = buildModel(tf.train.adam(0.05));
    const controller = new AbortController();
    const backup = new BackupAndRestore({ location, abortSignal: controller.signal, state: first });
    let statesAtEpoch3: Record<string, unknown> = {};
    const abortInEpoch3 = new tf.CustomCallback({
      onEpochBegin: (epoch) => {
        if (epoch !== 3) return;
        statesAtEpoch3 = { plateau: first.plateau.getState(), stopping: first.stopping.getState(), history: first.history.getState() };
        controller.abort();
      },
    });
    await model.fit(xs, ys, fitArgs(6, 0, [first.plateau, first.stopping, first.history, backup, abortInEpoch3]));
    const second = build();
    const resumedModel = buildModel(tf.train.adam(0.05));
    expect(await new BackupAndRestore({ location, state: second }).resume(resumedModel)).toBe(3);
    expect(second.plateau.getState()).toEqual(statesAtEpoch3['plateau']);
    expect(second.plateau.scale).toBe(0.25);
    expect(second.stopping.getState()).toEqual(statesAtEpoch3['stopping']);
    expect(second.stopping.getState()['bestWeights']).toBe(4);
    // The clock goes on between the two readings; everything else is equal.
    const { elapsedSeconds, ...historyState } = second.history.getState();
    expect(historyState).toEqual({ ...(statesAtEpoch3['history'] as object), elapsedSeconds: undefined });
    expect(elapsedSeconds).toBeGreaterThan(0);
    expect((resumedModel.optimizer as unknown as { learningRate: number }).learningRate).toBe(0.05 * 0.25);
    second.stopping.reset();
    model.dispose();
    resumedModel.dispose();
    tf.dispose([xs, ys]);
    rmSync(location, { recursive: true });
  });
});

describe('BackupAndRestore saving', () => {
  it('saves every saveEvery epochs between epochs, atomically, keeping one backup directory', async () => {
    const { xs, ys } = data();
    const location = newLocation();
    const model = buildModel(tf.train.sgd(0.1));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const backup = new BackupAndRestore({ location, saveEvery: 2, deleteOnEnd: false, verbose: true });
    // A save that was killed before its rename leaves a temporary directory: ignored, then cleaned.
    mkdirSync(join(location, '.tmp-backup-9-1'), { recursive: true });
    writeFileSync(join(location, '.tmp-backup-9-1', 'model.json'), '{"truncated');
    expect(await backup.exists()).toBe(false);
    await model.fit(xs, ys, fitArgs(5, 0, [backup]));
    expect(log.mock.calls.map((call) => call[0])).toEqual([
      `BackupAndRestore: saved epoch 2 to ${location}`,
      `BackupAndRestore: saved epoch 4 to ${location}`,
      `BackupAndRestore: saved epoch 5 to ${location}`,
    ]);
    log.mockRestore();
    expect(readdirSync(location).sort()).toEqual(['backup-3', 'latest']);
    expect(readFileSync(join(location, 'latest'), 'utf8')).toBe('backup-3');
    const manifest = JSON.parse(readFileSync(join(location, 'backup-3', 'model.json'), 'utf8')) as {
      format: string;
      weightsManifest: { paths: string[]; weights: { name: string }[] }[];
      userDefinedMetadata: { lrkit: { epoch: number } };
    };
    expect(manifest.format).toBe('layers-model');
    expect(manifest.weightsManifest[0]?.paths).toEqual(['weights.bin']);
    expect(manifest.weightsManifest[0]?.weights.map((weight) => weight.name)).toEqual(['model/0', 'model/1', 'model/2', 'model/3']);
    expect(manifest.userDefinedMetadata.lrkit.epoch).toBe(5);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('deletes the backup when training ends, also after an early stop', async () => {
    const { xs, ys } = data();
    const location = newLocation();
    const model = buildModel(tf.train.sgd(0.1));
    const stopping = new EarlyStopping({ monitor: 'loss', patience: 0, minDelta: 100 });
    await model.fit(xs, ys, fitArgs(5, 0, [stopping, new BackupAndRestore({ location })]));
    expect(stopping.stoppedEpoch).toBe(1);
    expect(existsSync(location)).toBe(false);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('abortSignal: stops after the batch in progress and keeps the last completed epoch', async () => {
    const { xs, ys } = data();
    const location = newLocation();
    const model = buildModel(tf.train.adam(0.05));
    const controller = new AbortController();
    const backup = new BackupAndRestore({ location, saveEvery: 5, abortSignal: controller.signal });
    let epochIndex = 0;
    const abortInEpoch2 = new tf.CustomCallback({
      onEpochBegin: (epoch) => {
        epochIndex = epoch;
      },
      onBatchBegin: (batch) => {
        if (epochIndex === 2 && batch === 1) controller.abort();
      },
    });
    const history = await model.fit(xs, ys, fitArgs(10, 0, [abortInEpoch2, backup]));
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(model.optimizer.iterations).toBe(2 * 3 + 2);
    const resumed = buildModel(tf.train.adam(0.05));
    expect(await new BackupAndRestore({ location }).resume(resumed)).toBe(2);
    expect(resumed.optimizer.iterations).toBe(2 * 3);
    model.dispose();
    resumed.dispose();
    tf.dispose([xs, ys]);
    rmSync(location, { recursive: true });
  });

  it('works through a tfjs IO URL (the IndexedDB path), here a registered memory:// router', async () => {
    const saved = new Map<string, tf.io.ModelArtifacts>();
    const handler = (url: string): tf.io.IOHandler => ({
      save: async (artifacts) => {
        saved.set(url, artifacts);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      },
      load: async () => {
        const artifacts = saved.get(url);
        if (artifacts === undefined) throw new Error(`no model at ${url}`);
        return artifacts;
      },
    });
    // tfjs routers return null for URLs they do not handle (its type says IOHandler).
    const router = ((url: string | string[]) => (typeof url === 'string' && url.startsWith('memory://') ? handler(url) : null)) as Parameters<
      typeof tf.io.registerSaveRouter
    >[0];
    tf.io.registerSaveRouter(router);
    tf.io.registerLoadRouter(router);
    const { xs, ys } = data();
    const model = buildModel(tf.train.rmsprop(0.01, 0.9, 0.5));
    await model.fit(xs, ys, fitArgs(2, 0, [new BackupAndRestore({ location: 'memory://run', deleteOnEnd: false })]));
    expect(saved.has('memory://run')).toBe(true);
    const resumed = buildModel(tf.train.rmsprop(0.01, 0.9, 0.5));
    expect(await new BackupAndRestore({ location: 'memory://run' }).resume(resumed)).toBe(2);
    expect(weightValues(resumed)).toEqual(weightValues(model));
    model.dispose();
    resumed.dispose();
    tf.dispose([xs, ys]);
  });
});

describe('BackupAndRestore guards', () => {
  it('refuses a fit over a backup that was not resumed, and a fit at the wrong epoch', async () => {
    const { xs, ys } = data();
    const location = newLocation();
    const model = buildModel(tf.train.sgd(0.1));
    await model.fit(xs, ys, fitArgs(2, 0, [new BackupAndRestore({ location, deleteOnEnd: false })]));
    await expect(model.fit(xs, ys, fitArgs(4, 2, [new BackupAndRestore({ location })]))).rejects.toThrow(
      `BackupAndRestore: a backup exists at ${JSON.stringify(location)}; resume it with \`const initialEpoch = await backup.resume(model)\``,
    );
    const backup = new BackupAndRestore({ location });
    expect(await backup.resume(model)).toBe(2);
    await expect(model.fit(xs, ys, fitArgs(4, 0, [backup]))).rejects.toThrow(
      'BackupAndRestore: the run resumes at epoch 2 but fit started at epoch 0; pass `initialEpoch: 2` to fit',
    );
    model.dispose();
    tf.dispose([xs, ys]);
    rmSync(location, { recursive: true });
  });

  it('refuses a backup whose callbacks or weights do not match', async () => {
    const { xs, ys } = data();
    const location = newLocation();
    const model = buildModel(tf.train.sgd(0.1));
    const scheduler = new LearningRateScheduler({ schedule: () => 0.1, unit: 'batch' });
    await model.fit(xs, ys, fitArgs(1, 0, [scheduler, new BackupAndRestore({ location, deleteOnEnd: false, state: { scheduler } })]));
    await expect(new BackupAndRestore({ location }).resume(buildModel(tf.train.sgd(0.1)))).rejects.toThrow(
      `BackupAndRestore: \`state\` must name the same callbacks as the backup at ${JSON.stringify(location)} (scheduler); received none`,
    );
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    other.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    await expect(new BackupAndRestore({ location, state: { scheduler } }).resume(other)).rejects.toThrow(
      `BackupAndRestore: the backup at ${JSON.stringify(location)} holds 4 model weights; the model has 2`,
    );
    const adam = buildModel(tf.train.adam(0.1));
    await expect(new BackupAndRestore({ location, state: { scheduler } }).resume(adam)).rejects.toThrow(
      'writeOptimizerState: the saved state is of a SGD optimizer; received a Adam optimizer',
    );
    model.dispose();
    other.dispose();
    adam.dispose();
    tf.dispose([xs, ys]);
  });

  it('rejects bad options naming the option, the rule and the value', () => {
    expect(() => new BackupAndRestore({ location: '' })).toThrow('BackupAndRestore: `location` must be a non-empty string; received ""');
    expect(() => new BackupAndRestore({ location: 'x', saveEvery: 0 })).toThrow('BackupAndRestore: `saveEvery` must be an integer >= 1; received 0');
    expect(() => new BackupAndRestore({ location: 'x', state: { a: {} as never } })).toThrow(
      'BackupAndRestore: `state.a` must have getState() and setState() (an lrkit callback); received {}',
    );
    expect(() => new BackupAndRestore({ location: 'x', abortSignal: true as never })).toThrow(
      'BackupAndRestore: `abortSignal` must be an AbortSignal; received true',
    );
  });
});
