import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { batchSizeSchedule } from './batch-size-schedule.js';
import { fitWithBatchSchedule } from './fit-with-batch-schedule.js';
import { phaseStartLine, smallBatchWarning } from './phase-log.js';
import { planPhases } from './phase-plan.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  vi.restoreAllMocks();
});

const schedule = batchSizeSchedule({
  phases: [
    { epochs: 2, batchSize: 8, learningRate: 0.05 },
    { epochs: 2, batchSize: 20, learningRate: 0.0123456789 },
    { epochs: 1, batchSize: 50 },
  ],
});

describe('phaseStartLine', () => {
  it('names the phase, its epochs counted from 1, its batch size and its learning rate to 6 digits', () => {
    const [first, second] = planPhases(schedule, 0, 5);
    expect(phaseStartLine(first!, 3, 5, 0.05)).toBe('fitWithBatchSchedule: phase 1/3, epochs 1–2 of 5, batch size 8, learning rate 0.05');
    expect(phaseStartLine(second!, 3, 5, 0.0123456789)).toBe('fitWithBatchSchedule: phase 2/3, epochs 3–4 of 5, batch size 20, learning rate 0.0123457');
  });

  it('shows the epochs a resumed call runs of the phase', () => {
    const [resumed] = planPhases(schedule, 3, 5);
    expect(phaseStartLine(resumed!, 3, 5, 0.01)).toBe('fitWithBatchSchedule: phase 2/3, epochs 4–4 of 5, batch size 20, learning rate 0.01');
  });
});

describe('smallBatchWarning', () => {
  it('says which batch was asked for and which one the phase trained on', () => {
    const [first] = planPhases(schedule, 0, 5);
    expect(smallBatchWarning(first!, 3)).toBe(
      'fitWithBatchSchedule: phase 0 asked for batch size 8, but an epoch of the data holds only 3 samples: it trained at batch size 3',
    );
  });
});

describe('what fitWithBatchSchedule prints', () => {
  function setUp(): { model: tf.Sequential; x: tf.Tensor2D; y: tf.Tensor2D } {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const rows = Array.from({ length: 50 }, (_, index) => [Math.sin(index), Math.cos(index)]);
    return { model, x: tf.tensor2d(rows), y: tf.tensor2d(rows.map(([a]) => [a!])) };
  }

  it('prints a line per phase by default (verbose: true)', async () => {
    const { model, x, y } = setUp();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await fitWithBatchSchedule(model, { x, y }, { schedule, seed: 1 });
    expect(log.mock.calls).toEqual([
      ['fitWithBatchSchedule: phase 1/3, epochs 1–2 of 5, batch size 8, learning rate 0.05'],
      ['fitWithBatchSchedule: phase 2/3, epochs 3–4 of 5, batch size 20, learning rate 0.0123457'],
      // The last phase writes no learning rate: the optimizer keeps the previous phase's.
      ['fitWithBatchSchedule: phase 3/3, epochs 5–5 of 5, batch size 50, learning rate 0.0123457'],
    ]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('prints nothing with verbose: false', async () => {
    const { model, x, y } = setUp();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fitWithBatchSchedule(model, { x, y }, { schedule, seed: 1, verbose: false });
    expect([log.mock.calls, warn.mock.calls]).toEqual([[], []]);
    tf.dispose([x, y]);
    model.dispose();
  });
});
