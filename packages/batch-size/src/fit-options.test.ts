import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchScheduleRun } from './batch-schedule-run.js';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { fitWithBatchScheduleKeys, readFitOptions } from './fit-options.js';
import { estimateBytesPerSample } from './memory-guard.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function makeModel(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}

const closed = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 4 },
    { epochs: 3, batchSize: 8 },
  ],
});
const open = batchSizeSchedule({ phases: [{ epochs: 2, batchSize: 4 }, { batchSize: 8 }] });

describe('readFitOptions (the validation step of fitWithBatchSchedule)', () => {
  it('fills in every default', () => {
    const model = makeModel();
    const settings = readFitOptions(model, { schedule: closed });
    expect(settings).toEqual({
      schedule: closed,
      totalEpochs: 5,
      initialEpoch: 0,
      callbacks: undefined,
      validationData: undefined,
      validationBatchSize: undefined,
      validationBatches: undefined,
      shuffle: true,
      seed: undefined,
      shuffleBufferSize: undefined,
      verbose: true,
      yieldEvery: undefined,
      classWeight: undefined,
      memoryBudget: 4 * 2 ** 30,
      bytesPerSample: estimateBytesPerSample(model),
      run: undefined,
    });
    // 3 input + 1 target floats, plus 3 copies of the 2 + 1 layer outputs: 4 × (4 + 9) bytes.
    expect(settings.bytesPerSample).toBe(52);
    model.dispose();
  });

  it('keeps what was given, the seed as a string', () => {
    const model = makeModel();
    const run = new BatchScheduleRun();
    const settings = readFitOptions(model, {
      schedule: open,
      totalEpochs: 7,
      initialEpoch: 3,
      shuffle: false,
      seed: 12,
      shuffleBufferSize: 100,
      verbose: false,
      validationBatchSize: 16,
      validationBatches: 2,
      memoryBudget: Infinity,
      bytesPerSample: 10,
      run,
    });
    expect([settings.totalEpochs, settings.initialEpoch, settings.shuffle, settings.seed, settings.shuffleBufferSize, settings.verbose]).toEqual([
      7,
      3,
      false,
      '12',
      100,
      false,
    ]);
    expect([settings.validationBatchSize, settings.validationBatches, settings.memoryBudget, settings.bytesPerSample, settings.run]).toEqual([
      16,
      2,
      Infinity,
      10,
      run,
    ]);
    model.dispose();
  });

  it('derives the allow-list from the options interface', () => {
    expect(fitWithBatchScheduleKeys).toEqual([
      'schedule',
      'totalEpochs',
      'initialEpoch',
      'callbacks',
      'validationData',
      'validationBatchSize',
      'validationBatches',
      'shuffle',
      'seed',
      'shuffleBufferSize',
      'verbose',
      'yieldEvery',
      'classWeight',
      'memoryBudget',
      'bytesPerSample',
      'run',
    ]);
  });

  it('refuses `epochs`, renamed `totalEpochs` before 1.0', () => {
    const model = makeModel();
    expect(() => readFitOptions(model, { schedule: closed, epochs: 5 })).toThrow(
      new TypeError('fitWithBatchSchedule: option `epochs` was renamed `totalEpochs` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
    model.dispose();
  });

  it.each([0, 1, 2])('refuses the verbosity level %i of before 1.0, saying what it became', (level) => {
    const model = makeModel();
    expect(() => readFitOptions(model, { schedule: closed, verbose: level })).toThrow(
      new TypeError(
        `fitWithBatchSchedule: \`verbose\` must be a boolean (0 → false, 1 → true; the per-epoch lines of 2 are gone: read result.epochRecords); received ${level}`,
      ),
    );
    model.dispose();
  });

  it('refuses a verbose that is not a boolean', () => {
    const model = makeModel();
    expect(() => readFitOptions(model, { schedule: closed, verbose: 'yes' })).toThrow(
      new TypeError('fitWithBatchSchedule: `verbose` must be a boolean; received "yes"'),
    );
    model.dispose();
  });

  it('requires totalEpochs when the last phase is open', () => {
    const model = makeModel();
    expect(() => readFitOptions(model, { schedule: open })).toThrow(
      new TypeError("fitWithBatchSchedule: `totalEpochs` is required when the schedule's last phase is open; received undefined"),
    );
    model.dispose();
  });

  it('refuses an initialEpoch at or after totalEpochs', () => {
    const model = makeModel();
    expect(() => readFitOptions(model, { schedule: closed, initialEpoch: 5 })).toThrow(
      new RangeError('fitWithBatchSchedule: `initialEpoch` must be < totalEpochs (5); received 5'),
    );
    expect(() => readFitOptions(model, { schedule: closed, initialEpoch: -1 })).toThrow(RangeError);
    expect(() => readFitOptions(model, { schedule: closed, initialEpoch: '1' })).toThrow(TypeError);
    model.dispose();
  });

  it('refuses a model that is not a LayersModel, an uncompiled model, a missing schedule and a run of the wrong kind', () => {
    const model = makeModel();
    expect(() => readFitOptions({}, { schedule: closed })).toThrow(
      new TypeError('fitWithBatchSchedule: `model` must be a tf.LayersModel of the same @tensorflow/tfjs copy as this package; received {}'),
    );
    const uncompiled = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
    expect(() => readFitOptions(uncompiled, { schedule: closed })).toThrow(
      new TypeError('fitWithBatchSchedule: `model` must be compiled (model.compile({ optimizer, loss })) before training'),
    );
    expect(() => readFitOptions(model, {})).toThrow(new TypeError('fitWithBatchSchedule: `schedule` is required; received undefined'));
    expect(() => readFitOptions(model, { schedule: closed, run: {} })).toThrow(
      new TypeError('fitWithBatchSchedule: `run` must be a BatchScheduleRun; received {}'),
    );
    model.dispose();
    uncompiled.dispose();
  });
});
