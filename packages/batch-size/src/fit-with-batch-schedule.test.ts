import { multiStep } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { fitWithBatchSchedule } from './fit-with-batch-schedule.js';
import { fromLearningRateDecay } from './from-learning-rate-decay.js';
import { BatchSizeMemoryError } from './memory-guard.js';

const samples = 50;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 50 samples, 4 features, a linear target; deterministic. */
function makeData(): { x: tf.Tensor2D; y: tf.Tensor2D; rows: number[][]; targets: number[][] } {
  const rows = Array.from({ length: samples }, (_, i) => [0, 1, 2, 3].map((j) => Math.sin(i * 1.3 + j * 0.7)));
  const targets = rows.map((row) => [row[0]! - 0.5 * row[1]! + 0.25 * row[2]! + 0.1]);
  return { x: tf.tensor2d(rows), y: tf.tensor2d(targets), rows, targets };
}

function makeModel(optimizer: tf.Optimizer | string = tf.train.sgd(0.05)): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, activation: 'relu', inputShape: [4], kernelInitializer: 'glorotNormal', biasInitializer: 'zeros' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

function copyWeights(from: tf.LayersModel, to: tf.LayersModel): void {
  to.setWeights(from.getWeights());
}

const threePhases = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 8 },
    { epochs: 2, batchSize: 20 },
    { epochs: 1, batchSize: 50 },
  ],
});

interface Trace {
  trainBegin: number;
  trainEnd: number;
  epochs: number[];
  batchSizes: Map<number, number[]>;
}

function tracer(): { callback: tf.CustomCallback; trace: Trace } {
  const trace: Trace = { trainBegin: 0, trainEnd: 0, epochs: [], batchSizes: new Map() };
  let epoch = -1;
  const callback = new tf.CustomCallback({
    onTrainBegin: async () => {
      trace.trainBegin += 1;
    },
    onTrainEnd: async () => {
      trace.trainEnd += 1;
    },
    onEpochBegin: async (index) => {
      epoch = index;
      trace.epochs.push(index);
      trace.batchSizes.set(index, []);
    },
    onBatchEnd: async (_batch, logs) => {
      trace.batchSizes.get(epoch)?.push(logs?.size as number);
    },
  });
  return { callback, trace };
}

describe('fitWithBatchSchedule', () => {
  it('re-batches every phase: each batch of phase k has size B_k except possibly the last', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const { callback, trace } = tracer();
    await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, callbacks: [callback], seed: 1, verbose: false });
    expect([...trace.batchSizes.entries()]).toEqual([
      [0, [8, 8, 8, 8, 8, 8, 2]],
      [1, [8, 8, 8, 8, 8, 8, 2]],
      [2, [20, 20, 10]],
      [3, [20, 20, 10]],
      [4, [50]],
    ]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('re-batches an unbatched dataset per phase', async () => {
    const { rows, targets } = makeData();
    const dataset = tf.data.array(rows.map((row, i) => ({ xs: row, ys: targets[i]! })));
    const model = makeModel();
    const { callback, trace } = tracer();
    await fitWithBatchSchedule(model, dataset, { schedule: threePhases, callbacks: [callback], seed: 'a', verbose: false });
    expect(trace.batchSizes.get(0)).toEqual([8, 8, 8, 8, 8, 8, 2]);
    expect(trace.batchSizes.get(3)).toEqual([20, 20, 10]);
    expect(trace.batchSizes.get(4)).toEqual([50]);
    model.dispose();
  });

  it('continues epochs and the global step across phases', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const iterationsAtEpochBegin: number[] = [];
    const { callback, trace } = tracer();
    const probe = new tf.CustomCallback({
      onEpochBegin: async () => {
        iterationsAtEpochBegin.push(model.optimizer.iterations);
      },
    });
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, callbacks: [callback, probe], verbose: false });
    expect(trace.epochs).toEqual([0, 1, 2, 3, 4]);
    expect(iterationsAtEpochBegin).toEqual([0, 7, 14, 17, 20]);
    expect(model.optimizer.iterations).toBe(21);
    expect(result.summary.totalUpdates).toBe(21);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('keeps the optimizer slots across a phase change (Adam moments identical before and after the switch)', async () => {
    const { x, y } = makeData();
    const optimizer = tf.train.adam(0.01);
    const model = makeModel(optimizer);
    const snapshots = new Map<string, number[][]>();
    const read = async (): Promise<number[][]> => {
      const weights = await optimizer.getWeights();
      return Promise.all(weights.map(async (weight) => Array.from(await weight.tensor.data())));
    };
    const probe = new tf.CustomCallback({
      onEpochEnd: async (epoch) => {
        if (epoch === 1) snapshots.set('end of phase 0', await read());
      },
      onEpochBegin: async (epoch) => {
        if (epoch === 2) snapshots.set('start of phase 1', await read());
      },
    });
    await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, callbacks: [probe], verbose: false });
    const before = snapshots.get('end of phase 0');
    const after = snapshots.get('start of phase 1');
    // iterations + first and second moments of 4 weight tensors.
    expect(before?.length).toBe(9);
    expect(after).toEqual(before);
    expect(before?.[0]).toEqual([14]);
    expect(before?.slice(1).some((values) => values.some((value) => value !== 0))).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('fires onTrainBegin and onTrainEnd once for the whole run', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const { callback, trace } = tracer();
    await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, callbacks: [callback], verbose: false });
    expect([trace.trainBegin, trace.trainEnd]).toEqual([1, 1]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('accepts CustomCallbackArgs objects and calls them as one run', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const events: string[] = [];
    await fitWithBatchSchedule(
      model,
      { x, y },
      {
        schedule: threePhases,
        callbacks: {
          onTrainBegin: async () => void events.push('begin'),
          onEpochEnd: async (epoch) => void events.push(`epoch ${epoch}`),
          onTrainEnd: async () => void events.push('end'),
        },
        verbose: false,
      },
    );
    expect(events).toEqual(['begin', 'epoch 0', 'epoch 1', 'epoch 2', 'epoch 3', 'epoch 4', 'end']);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('lets tf EarlyStopping count patience across phases and stop the whole run', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    // minDelta so large that no epoch after the first counts as an improvement.
    const stopper = tf.callbacks.earlyStopping({ monitor: 'loss', minDelta: 1e9, patience: 3 });
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, callbacks: [stopper], verbose: false });
    expect(result.epochRecords.map((row) => row.epoch)).toEqual([0, 1, 2, 3]);
    expect(result.summary.stoppedEarly).toBe(true);
    expect(result.summary.phases.map((phase) => phase.epochs)).toEqual([2, 2]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('returns a complete merged history: phase, batch size, learning rate, updates and metrics per epoch', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const schedule = batchSizeSchedule({
      phases: [
        { epochs: 2, batchSize: 10, learningRate: 0.05 },
        { epochs: 1, batchSize: 25, learningRate: 0.01 },
      ],
    });
    const result = await fitWithBatchSchedule(
      model,
      { x, y },
      {
        schedule,
        validationData: [x, y],
        verbose: false,
      },
    );
    expect(result.epochRecords.map(({ metrics, ...row }) => row)).toEqual([
      { epoch: 0, phase: 0, batchSize: 10, learningRate: 0.05, updates: 5, totalUpdates: 5, samples: 50 },
      { epoch: 1, phase: 0, batchSize: 10, learningRate: 0.05, updates: 5, totalUpdates: 10, samples: 50 },
      { epoch: 2, phase: 1, batchSize: 25, learningRate: 0.01, updates: 2, totalUpdates: 12, samples: 50 },
    ]);
    expect(result.history.epoch).toEqual([0, 1, 2]);
    expect(Object.keys(result.history.history).sort()).toEqual(['loss', 'val_loss']);
    expect(result.history.history.loss).toHaveLength(3);
    expect(result.epochRecords.map((row) => row.metrics.val_loss)).toEqual(result.history.history.val_loss);
    expect(result.epochRecords.every((row) => Number.isFinite(row.metrics.loss))).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('summarises updates per phase and the updates saved against the fixed-batch run', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const { summary } = await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, verbose: false });
    expect(summary.phases.map((phase) => [phase.index, phase.batchSize, phase.startEpoch, phase.endEpoch, phase.updates])).toEqual([
      [0, 8, 0, 2, 14],
      [1, 20, 2, 4, 6],
      [2, 50, 4, 5, 1],
    ]);
    expect(summary.totalEpochs).toBe(5);
    expect(summary.baselineBatchSize).toBe(8);
    expect(summary.baselineUpdates).toBe(35);
    expect(summary.updatesSaved).toBe(14);
    expect(summary.updateReduction).toBe(35 / 21);
    expect(summary.stoppedEarly).toBe(false);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('switches to learning-rate decay at the cap with a hybrid schedule', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const decay = multiStep({ initialValue: 0.05, milestones: [1, 2, 3], factor: 0.5 });
    const schedule = fromLearningRateDecay(decay, { initialBatchSize: 5, maxBatchSize: 20, totalEpochs: 4, datasetSize: samples });
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule, verbose: false });
    expect(result.epochRecords.map((row) => row.batchSize)).toEqual([5, 10, 20, 20]);
    const rates = result.epochRecords.map((row) => row.learningRate);
    expect(rates.slice(0, 3)).toEqual([0.05, 0.05, 0.05]);
    expect(rates[3]).toBeCloseTo(0.025, 12);
    expect(result.epochRecords.map((row) => row.updates)).toEqual([10, 5, 3, 3]);
    expect(result.summary.baselineUpdates).toBe(40);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('writes a phase momentum into a momentum optimizer', async () => {
    const { x, y } = makeData();
    const model = makeModel(tf.train.momentum(0.01, 0.9));
    const schedule = batchSizeSchedule({
      phases: [
        { epochs: 1, batchSize: 10 },
        { epochs: 1, batchSize: 20, momentum: 0.95 },
      ],
    });
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule, verbose: false });
    expect(result.epochRecords.map((row) => row.momentum)).toEqual([0.9, 0.95]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('is deterministic with a seed', async () => {
    const { x, y } = makeData();
    const first = makeModel();
    const second = makeModel();
    copyWeights(first, second);
    await fitWithBatchSchedule(first, { x, y }, { schedule: threePhases, seed: 7, verbose: false });
    await fitWithBatchSchedule(second, { x, y }, { schedule: threePhases, seed: 7, verbose: false });
    const a = await Promise.all(first.getWeights().map((weight) => weight.data()));
    const b = await Promise.all(second.getWeights().map((weight) => weight.data()));
    expect(b).toEqual(a);
    tf.dispose([x, y]);
    first.dispose();
    second.dispose();
  });

  it('leaves no tensor behind across phases (tensors and dataset input)', async () => {
    const { x, y, rows, targets } = makeData();
    const model = makeModel(tf.train.adam(0.01));
    const dataset = tf.data.array(rows.map((row, i) => ({ xs: row, ys: targets[i]! })));
    const options = { schedule: threePhases, validationData: [x, y] as [tf.Tensor, tf.Tensor], verbose: false };
    // The first run creates the optimizer's slots; later runs must not add tensors.
    await fitWithBatchSchedule(model, { x, y }, options);
    const before = tf.memory().numTensors;
    await fitWithBatchSchedule(model, { x, y }, options);
    await fitWithBatchSchedule(model, dataset, options);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects a batched dataset and explains why', async () => {
    const { rows, targets } = makeData();
    const model = makeModel();
    const batched = tf.data.array(rows.map((row, i) => ({ xs: row, ys: targets[i]! }))).batch(8);
    const before = tf.memory().numTensors;
    await expect(fitWithBatchSchedule(model, batched, { schedule: threePhases, verbose: false })).rejects.toThrow(
      /`data` looks batched: its first element's input has rank 2 \(shape \[8, 4\]\), the rank of the model input \[null, 4\] including its batch dimension\. .*pass the dataset BEFORE \.batch\(\)/,
    );
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('rejects a phase whose estimated memory exceeds the budget, naming the phase, before training', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const { callback, trace } = tracer();
    const attempt = fitWithBatchSchedule(
      model,
      { x, y },
      {
        schedule: threePhases,
        callbacks: [callback],
        bytesPerSample: 1000,
        memoryBudget: 30_000,
        verbose: false,
      },
    );
    await expect(attempt).rejects.toThrow(BatchSizeMemoryError);
    await expect(attempt).rejects.toThrow(
      "phase 2 (batchSize 50) needs about 48.8 KiB per training step (1000 B per sample), more than the memory budget of 29.3 KiB for the 'cpu' backend",
    );
    expect(trace.epochs).toEqual([]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rethrows a backend allocation failure as a BatchSizeMemoryError naming the phase', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const failing = new tf.CustomCallback({
      onBatchBegin: async (_batch, logs) => {
        if (logs?.size === 20) throw new RangeError('Array buffer allocation failed');
      },
    });
    const error = await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, callbacks: [failing], verbose: false }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BatchSizeMemoryError);
    expect((error as BatchSizeMemoryError).phase).toBe(1);
    expect((error as BatchSizeMemoryError).batchSize).toBe(20);
    expect((error as Error).message).toContain('phase 1 (epochs 2–3, batchSize 20) ran out of memory');
    expect((error as Error).cause).toBeInstanceOf(RangeError);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects a batch size larger than the training set, naming the phase', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const schedule = batchSizeSchedule({
      phases: [
        { epochs: 1, batchSize: 10 },
        { epochs: 1, batchSize: 64 },
      ],
    });
    await expect(fitWithBatchSchedule(model, { x, y }, { schedule, verbose: false })).rejects.toThrow(
      'phase 1 (epochs 1–1) has batchSize 64, more than the 50 training samples',
    );
    tf.dispose([x, y]);
    model.dispose();
  });

  it('requires totalEpochs when the last phase is open', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const schedule = batchSizeSchedule({ phases: [{ epochs: 1, batchSize: 10 }, { batchSize: 20 }] });
    await expect(fitWithBatchSchedule(model, { x, y }, { schedule, verbose: false })).rejects.toThrow(
      "`totalEpochs` is required when the schedule's last phase is open",
    );
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule, totalEpochs: 3, verbose: false });
    expect(result.epochRecords.map((row) => row.batchSize)).toEqual([10, 20, 20]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('batches an unbatched validation dataset and accepts [xs, ys] elements', async () => {
    const { rows, targets } = makeData();
    const model = makeModel();
    const pairs = tf.data.array(rows.map((row, i) => [row, targets[i]!] as [number[], number[]]));
    const validation = tf.data.array(rows.map((row, i) => ({ xs: row, ys: targets[i]! })));
    const result = await fitWithBatchSchedule(model, pairs as unknown as tf.data.Dataset<tf.TensorContainer>, {
      schedule: threePhases,
      validationData: validation,
      validationBatchSize: 25,
      verbose: false,
    });
    expect(result.epochRecords.map((row) => row.updates)).toEqual([7, 7, 3, 3, 1]);
    expect(result.history.history.val_loss).toHaveLength(5);
    model.dispose();
  });

  it('rejects an infinite dataset', async () => {
    const { rows, targets } = makeData();
    const model = makeModel();
    const endless = tf.data.array(rows.map((row, i) => ({ xs: row, ys: targets[i]! }))).repeat();
    await expect(fitWithBatchSchedule(model, endless, { schedule: threePhases, verbose: false })).rejects.toThrow(
      '`data` is an infinite dataset (size Infinity, e.g. after .repeat())',
    );
    model.dispose();
  });

  it('resumes at initialEpoch, skipping the phases before it', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, initialEpoch: 3, verbose: false });
    expect(result.epochRecords.map((row) => [row.epoch, row.batchSize])).toEqual([
      [3, 20],
      [4, 50],
    ]);
    expect(result.summary.phases.map((phase) => [phase.index, phase.startEpoch, phase.endEpoch])).toEqual([
      [1, 3, 4],
      [2, 4, 5],
    ]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects an unknown option and suggests the closest', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    await expect(fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, shufle: false } as never)).rejects.toThrow(
      'fitWithBatchSchedule: unknown option `shufle` (did you mean `shuffle`?)',
    );
    tf.dispose([x, y]);
    model.dispose();
  });

  it('refuses `epochs`, renamed `totalEpochs` before 1.0, with the new name', async () => {
    const { x, y } = makeData();
    const model = makeModel();
    await expect(fitWithBatchSchedule(model, { x, y }, { schedule: threePhases, epochs: 5 } as never)).rejects.toThrow(
      new TypeError('fitWithBatchSchedule: option `epochs` was renamed `totalEpochs` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects an uncompiled model', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
    const { x, y } = makeData();
    await expect(fitWithBatchSchedule(model, { x, y }, { schedule: threePhases })).rejects.toThrow('must be compiled');
    tf.dispose([x, y]);
    model.dispose();
  });
});
