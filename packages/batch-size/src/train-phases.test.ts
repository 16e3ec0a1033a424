import { learningRateControllerFor } from '@lrkit/tfjs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { ContinuousCallbacks, normalizeCallbacks } from './continuous-callbacks.js';
import { BatchSizeMemoryError } from './memory-guard.js';
import { preparePhaseData } from './phase-data.js';
import { planPhases } from './phase-plan.js';
import { PhaseRecorder } from './phase-recorder.js';
import { type PhaseLoopContext, trainPhases } from './train-phases.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const schedule = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 8, learningRate: 0.05 },
    { epochs: 2, batchSize: 20, learningRate: 0.02 },
    { epochs: 1, batchSize: 50 },
  ],
});

async function setUp(callbacks: tf.CustomCallbackArgs[] = []) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const rows = Array.from({ length: 50 }, (_, index) => [Math.sin(index), Math.cos(index)]);
  const x = tf.tensor2d(rows);
  const y = tf.tensor2d(rows.map(([a, b]) => [a! - b!]));
  const data = await preparePhaseData(model, { x, y }, { shuffle: false, shuffleBufferSize: undefined });
  const controller = learningRateControllerFor(model.optimizer);
  const context: PhaseLoopContext = {
    data,
    phaseCount: 3,
    totalEpochs: 5,
    initialEpoch: 0,
    seed: undefined,
    verbose: false,
    fitArgs: {},
    controller,
    callbacks: new ContinuousCallbacks(normalizeCallbacks(callbacks, undefined)),
    recorder: new PhaseRecorder(controller.adapter),
    limits: { samples: 50, bytesPerSample: 100, memoryBudget: Infinity, backend: 'cpu' },
  };
  const dispose = () => {
    tf.dispose([x, y]);
    model.dispose();
  };
  return { model, context, dispose };
}

describe('trainPhases (the phase loop of fitWithBatchSchedule)', () => {
  it("runs one fitDataset per phase with continuing epochs, each phase's batch size and learning rate", async () => {
    const { model, context, dispose } = await setUp();
    const { outcomes, stoppedEarly } = await trainPhases(model, planPhases(schedule, 0, 5), context);
    expect(outcomes.map((outcome) => outcome.history.epoch)).toEqual([[0, 1], [2, 3], [4]]);
    expect(outcomes.map((outcome) => outcome.recorded.map((row) => [row.epoch, row.batchSize, row.learningRate, row.updates, row.samples]))).toEqual([
      [
        [0, 8, 0.05, 7, 50],
        [1, 8, 0.05, 7, 50],
      ],
      [
        [2, 20, 0.02, 3, 50],
        [3, 20, 0.02, 3, 50],
      ],
      // The last phase writes no learning rate: the previous phase's stays.
      [[4, 50, 0.02, 1, 50]],
    ]);
    expect(stoppedEarly).toBe(false);
    expect(model.optimizer.iterations).toBe(7 + 7 + 3 + 3 + 1);
    dispose();
  });

  it('fires onTrainBegin once and leaves the single onTrainEnd to the caller', async () => {
    const events: string[] = [];
    const { model, context, dispose } = await setUp([{ onTrainBegin: async () => void events.push('begin'), onTrainEnd: async () => void events.push('end') }]);
    await trainPhases(model, planPhases(schedule, 0, 5), context);
    expect(events).toEqual(['begin']);
    await context.callbacks.finish();
    expect(events).toEqual(['begin', 'end']);
    dispose();
  });

  it('stops after the phase in which a callback stopped training, and says it stopped early', async () => {
    let model: tf.LayersModel | undefined;
    const stopper = {
      onEpochEnd: async (epoch: number) => {
        if (epoch === 2 && model !== undefined) model.stopTraining = true;
      },
    };
    const set = await setUp([stopper]);
    model = set.model;
    const { outcomes, stoppedEarly } = await trainPhases(set.model, planPhases(schedule, 0, 5), set.context);
    expect(outcomes.map((outcome) => outcome.history.epoch)).toEqual([[0, 1], [2]]);
    expect(stoppedEarly).toBe(true);
    set.dispose();
  });

  it('rethrows an allocation failure as a BatchSizeMemoryError naming the phase', async () => {
    const { model, context, dispose } = await setUp([
      {
        onBatchBegin: async (_batch, logs) => {
          if (logs?.size === 20) throw new RangeError('Array buffer allocation failed');
        },
      },
    ]);
    const error = await trainPhases(model, planPhases(schedule, 0, 5), context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BatchSizeMemoryError);
    expect((error as BatchSizeMemoryError).phase).toBe(1);
    expect((error as Error).message).toContain('phase 1 (epochs 2–3, batchSize 20) ran out of memory');
    dispose();
  });

  it('leaves no tensor behind', async () => {
    const { model, context, dispose } = await setUp();
    await trainPhases(model, planPhases(schedule, 0, 1), context);
    const before = tf.memory().numTensors;
    await trainPhases(model, planPhases(schedule, 1, 5), context);
    expect(tf.memory().numTensors).toBe(before);
    dispose();
  });
});
