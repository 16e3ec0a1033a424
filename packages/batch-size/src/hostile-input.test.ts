/**
 * Hostile and careless input to the batch-size package (issue 17): it never trains less than
 * asked without saying so, reports the batch it really trained on, and refuses bad arrays and
 * counts with one clear line.
 */

import { fc, test } from '@fast-check/vitest';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { batchSizeMilestones } from './batch-size-milestones.js';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { fitWithBatchSchedule } from './fit-with-batch-schedule.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function makeModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}

function makeData(samples: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const rows = Array.from({ length: samples }, (_, index) => [Math.sin(index), Math.cos(index)]);
  return { x: tf.tensor2d(rows), y: tf.tensor2d(rows.map(([a, b]) => [a! - b!])) };
}

/** An unbatched generator dataset of `samples` elements, whose size tfjs does not know. */
function generatorDataset(samples: number): tf.data.Dataset<tf.TensorContainer> {
  return tf.data.generator(function* () {
    for (let index = 0; index < samples; index += 1) {
      yield { xs: tf.tensor1d([Math.sin(index), Math.cos(index)]), ys: tf.tensor1d([Math.sin(index) - Math.cos(index)]) };
    }
  });
}

describe('class 5: never trains less than asked without saying so', () => {
  it.each([
    [5, 1],
    [3, 2],
    [100, 4],
  ])('refuses totalEpochs %i past a schedule that covers %i epochs, before training', async (totalEpochs, covered) => {
    const model = makeModel();
    const { x, y } = makeData(8);
    const schedule = batchSizeSchedule({ phases: [{ epochs: covered, batchSize: 4 }] });
    const before = model.getWeights().map((weight) => weight.dataSync().slice());
    await expect(fitWithBatchSchedule(model, { x, y }, { schedule, totalEpochs, verbose: false })).rejects.toThrow(
      new RangeError(
        `fitWithBatchSchedule: \`totalEpochs\` must be <= the schedule's totalEpochs (${covered}: its phases cover epochs 0–${covered - 1}); ` +
          `received ${totalEpochs}. Lengthen the last phase, or leave it open ({ batchSize } without epochs) to train on at its batch size`,
      ),
    );
    expect(model.getWeights().map((weight) => [...weight.dataSync()])).toEqual(before.map((weights) => [...weights]));
    tf.dispose([x, y]);
    model.dispose();
  });

  it('trains every asked epoch when the last phase is open, at its batch size', async () => {
    const model = makeModel();
    const { x, y } = makeData(8);
    const schedule = batchSizeSchedule({ phases: [{ epochs: 1, batchSize: 4 }, { batchSize: 8 }] });
    const result = await fitWithBatchSchedule(model, { x, y }, { schedule, totalEpochs: 4, verbose: false });
    expect(result.epochRecords.map((row) => [row.epoch, row.batchSize, row.updates])).toEqual([
      [0, 4, 2],
      [1, 8, 1],
      [2, 8, 1],
      [3, 8, 1],
    ]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it.each([
    [3, 8],
    [5, 64],
    [1, 2],
  ])('reports a generator dataset of %i samples under a batch of %i at its real batch size, and says so', async (samples, batchSize) => {
    const model = makeModel();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const schedule = batchSizeSchedule({ phases: [{ epochs: 2, batchSize }] });
    const tensorsBefore = tf.memory().numTensors;
    const result = await fitWithBatchSchedule(model, generatorDataset(samples), { schedule, shuffle: false });
    expect(result.epochRecords.map((row) => [row.batchSize, row.updates, row.samples])).toEqual([
      [samples, 1, samples],
      [samples, 1, samples],
    ]);
    expect(result.summary.phases.map((phase) => phase.batchSize)).toEqual([samples]);
    expect(warn).toHaveBeenCalledWith(
      `fitWithBatchSchedule: phase 0 asked for batch size ${batchSize}, but an epoch of the data holds only ${samples} samples: it trained at batch size ${samples}`,
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    warn.mockRestore();
    log.mockRestore();
    model.dispose();
  });
});

describe('classes 2 and 3: bad arrays and counts are one clear error', () => {
  it.each([
    [() => batchSizeSchedule({ phases: [{ epochs: 1, batchSize: 4 }, , { batchSize: 8 }] as never }), /`phases\[1\]` is an empty slot of a sparse array/],
    [
      () => batchSizeMilestones({ initialBatchSize: 4, boundaries: [2, , 5] as number[], growthFactor: 2 }),
      /`boundaries\[1\]` is an empty slot of a sparse array/,
    ],
    [
      () => batchSizeMilestones({ initialBatchSize: 4, boundaries: Array.from({ length: 20_000 }, (_, index) => index + 1), growthFactor: 1 }),
      /`boundaries` must have at most 10000 entries \(limits\.maxArrayLength\)/,
    ],
    [() => batchSizeSchedule({ phases: Array.from({ length: 10_001 }, () => ({ epochs: 1, batchSize: 1 })) }), /`phases` must have at most 10000 entries/],
    [
      () => batchSizeSchedule({ phases: [{ epochs: '5' as never, batchSize: 4 }] }),
      /`phases\[0\]\.epochs` must be an integer in \[1, 9007199254740991\]; received "5"/,
    ],
    [
      () => batchSizeSchedule({ phases: [{ epochs: null as never, batchSize: 4 }] }),
      /^batchSizeSchedule \(phases\[0\]\): `epochs` must be left out \(for its default\) or given a value; received null$/,
    ],
    [
      () => batchSizeSchedule({ phases: [{ epochs: 1e300, batchSize: 4 }] }),
      /`phases\[0\]\.epochs` must be an integer in \[1, 9007199254740991\]; received 1e\+300/,
    ],
    [
      () =>
        batchSizeSchedule({
          phases: [
            { epochs: 2 ** 52, batchSize: 4 },
            { epochs: 2 ** 52, batchSize: 4 },
          ],
        }),
      /`phases\[1\]\.epochs` must be small enough that the phases end by epoch 9007199254740991/,
    ],
  ])('refuses %#', (build, pattern) => {
    let error: Error | undefined;
    try {
      build();
    } catch (caught) {
      error = caught as Error;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(pattern);
    expect(error!.message).not.toContain('\n');
    expect(error!.message.length).toBeLessThanOrEqual(600);
  });

  test.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: 300 })('any JSON value given as phases is a schedule or one clear error', (phases) => {
    try {
      const schedule = batchSizeSchedule({ phases } as never);
      for (const phase of schedule.phases) {
        expect(Number.isSafeInteger(phase.batchSize) && phase.batchSize >= 1).toBe(true);
        expect(phase.endEpoch === Infinity || Number.isSafeInteger(phase.endEpoch)).toBe(true);
      }
    } catch (error) {
      expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message.length).toBeLessThanOrEqual(1200);
    }
  });
});
