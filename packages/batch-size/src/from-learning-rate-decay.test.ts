import { cosine, multiStep as nativeMultiStep, step as nativeStep, piecewiseConstant } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { fromLearningRateDecay } from './from-learning-rate-decay.js';
import { noiseScale } from './noise-scale.js';

const multiStep = (initialValue: number, milestones: number[], factor: number) => nativeMultiStep({ initialValue, milestones, factor });
const step = (initialValue: number, stepSize: number, factor: number) => nativeStep({ initialValue, stepSize, factor });

describe('fromLearningRateDecay', () => {
  it('turns each LR decay by k into a batch-size increase by k, keeping the learning rate', () => {
    const schedule = fromLearningRateDecay(multiStep(0.1, [60, 120, 160], 0.2), { initialBatchSize: 128, totalEpochs: 200 });
    expect(schedule.phases.map((phase) => [phase.startEpoch, phase.endEpoch, phase.batchSize])).toEqual([
      [0, 60, 128],
      [60, 120, 640],
      [120, 160, 3200],
      [160, 200, 16000],
    ]);
    expect(schedule.phases.map((phase) => phase.learningRate)).toEqual([0.1, 0.1, 0.1, 0.1]);
    expect(schedule.baselineBatchSize).toBe(128);
  });

  it('switches to LR decay once the batch reaches maxBatchSize (hybrid rule)', () => {
    const schedule = fromLearningRateDecay(multiStep(0.1, [60, 120, 160], 0.2), {
      initialBatchSize: 128,
      maxBatchSize: 3200,
      totalEpochs: 200,
    });
    expect(schedule.phases.map((phase) => phase.batchSize)).toEqual([128, 640, 3200, 3200]);
    const rates = schedule.phases.map((phase) => phase.learningRate ?? Number.NaN);
    expect(rates.slice(0, 3)).toEqual([0.1, 0.1, 0.1]);
    expect(rates[3]).toBeCloseTo(0.02, 12);
  });

  it('grows to the cap and gives the remainder of the factor to the learning rate when a milestone overshoots', () => {
    const schedule = fromLearningRateDecay(multiStep(0.1, [2, 4], 0.2), { initialBatchSize: 10, maxBatchSize: 100, totalEpochs: 6 });
    expect(schedule.phases.map((phase) => phase.batchSize)).toEqual([10, 50, 100]);
    // 250 wanted, 100 allowed: the learning rate takes the remaining factor 2.5.
    expect(schedule.phases[2]?.learningRate).toBeCloseTo(0.04, 12);
  });

  it('keeps the noise scale of the LR-decay run in every phase, capped or not', () => {
    const decay = multiStep(0.1, [2, 4, 6], 0.2);
    const datasetSize = 60_000;
    const schedule = fromLearningRateDecay(decay, { initialBatchSize: 32, maxBatchSize: 2000, totalEpochs: 8, momentum: 0.9 });
    for (const phase of schedule.phases) {
      const reference = noiseScale({ learningRate: decay(phase.startEpoch), datasetSize, batchSize: 32, momentum: 0.9 });
      const converted = noiseScale({
        learningRate: phase.learningRate ?? Number.NaN,
        datasetSize,
        batchSize: phase.batchSize,
        momentum: 0.9,
      });
      expect(converted).toBeCloseTo(reference, 9);
    }
  });

  it('defaults the cap to a tenth of the dataset', () => {
    const schedule = fromLearningRateDecay(multiStep(0.1, [1, 2], 0.1), { initialBatchSize: 10, datasetSize: 5000, totalEpochs: 3 });
    expect(schedule.phases.map((phase) => phase.batchSize)).toEqual([10, 100, 500]);
    expect(schedule.phases[2]?.learningRate).toBeCloseTo((0.1 * 500) / 1000, 12);
  });

  it('converts a step decay into milestones every stepSize epochs', () => {
    const schedule = fromLearningRateDecay(step(0.5, 3, 0.5), { initialBatchSize: 4, totalEpochs: 10 });
    expect(schedule.phases.map((phase) => [phase.startEpoch, phase.batchSize])).toEqual([
      [0, 4],
      [3, 8],
      [6, 16],
      [9, 32],
    ]);
    expect(schedule.totalEpochs).toBe(10);
  });

  it('converts a piecewise-constant decay by the ratios of its values', () => {
    const decay = piecewiseConstant({ boundaries: [5, 8], values: [0.3, 0.1, 0.025] });
    const schedule = fromLearningRateDecay(decay, { initialBatchSize: 20 });
    expect(schedule.phases.map((phase) => [phase.startEpoch, phase.endEpoch, phase.batchSize])).toEqual([
      [0, 5, 20],
      [5, 8, 60],
      [8, Infinity, 240],
    ]);
    expect(schedule.phases.map((phase) => phase.learningRate)).toEqual([0.3, 0.3, 0.3]);
  });

  it('drops milestones at or after totalEpochs', () => {
    const schedule = fromLearningRateDecay(multiStep(0.1, [2, 5], 0.1), { initialBatchSize: 8, totalEpochs: 5 });
    expect(schedule.phases.map((phase) => phase.batchSize)).toEqual([8, 80]);
    expect(schedule.totalEpochs).toBe(5);
  });

  it('scales the batch by (1 − m) / (1 − m′) and writes the new momentum with targetMomentum', () => {
    const schedule = fromLearningRateDecay(multiStep(0.1, [2], 0.2), {
      initialBatchSize: 100,
      momentum: 0.9,
      targetMomentum: 0.95,
      totalEpochs: 4,
    });
    expect(schedule.phases.map((phase) => [phase.batchSize, phase.momentum])).toEqual([
      [200, 0.95],
      [1000, 0.95],
    ]);
    expect(schedule.phases[0]?.learningRate).toBeCloseTo(0.1, 12);
    expect(schedule.baselineBatchSize).toBe(100);
  });

  it('adjusts the learning rate to keep the noise scale when momentum scaling hits the cap', () => {
    const schedule = fromLearningRateDecay(multiStep(0.1, [2], 0.2), {
      initialBatchSize: 100,
      momentum: 0.9,
      targetMomentum: 0.95,
      maxBatchSize: 500,
      totalEpochs: 4,
    });
    const reference = noiseScale({ learningRate: 0.02, datasetSize: 10_000, batchSize: 100, momentum: 0.9 });
    const last = schedule.phases[1];
    expect(last?.batchSize).toBe(500);
    expect(noiseScale({ learningRate: last?.learningRate ?? Number.NaN, datasetSize: 10_000, batchSize: 500, momentum: 0.95 })).toBeCloseTo(reference, 9);
  });

  it('rejects a maxBatchSize larger than the dataset', () => {
    expect(() => fromLearningRateDecay(multiStep(0.1, [2], 0.2), { initialBatchSize: 8, maxBatchSize: 2000, datasetSize: 1000 })).toThrow(
      'fromLearningRateDecay: `maxBatchSize` must be <= datasetSize (1000)',
    );
  });

  it('rejects a maxBatchSize below the initial batch size', () => {
    expect(() => fromLearningRateDecay(multiStep(0.1, [2], 0.2), { initialBatchSize: 64, maxBatchSize: 32 })).toThrow(
      '`maxBatchSize` must be >= the starting batch size (64); received 32',
    );
  });

  it('rejects a default cap below the initial batch size', () => {
    expect(() => fromLearningRateDecay(multiStep(0.1, [2], 0.2), { initialBatchSize: 64, datasetSize: 500 })).toThrow(
      'floor(datasetSize / 10) = 50 is below the starting batch size 64',
    );
  });

  it('rejects a schedule that is not a step-like decay', () => {
    expect(() => fromLearningRateDecay(cosine({ initialValue: 1, decaySteps: 10 }), { initialBatchSize: 8 })).toThrow(
      "`schedule` must be a 'step', 'multi-step', 'piecewise-constant' decay measured in epochs; received a \"cosine\" schedule",
    );
  });

  it('accepts a plain config in place of the schedule', () => {
    const schedule = fromLearningRateDecay({ type: 'multi-step', initialValue: 0.1, milestones: [2], factor: 0.5 }, { initialBatchSize: 8 });
    expect(schedule.phases.map((phase) => phase.batchSize)).toEqual([8, 16]);
  });

  it('rejects milestones that are not whole epochs', () => {
    expect(() => fromLearningRateDecay(multiStep(0.1, [2.5], 0.2), { initialBatchSize: 8 })).toThrow(
      '`schedule.config.milestones[0]` must be a whole number of epochs',
    );
  });

  it('rejects a step decay without totalEpochs', () => {
    expect(() => fromLearningRateDecay(step(0.1, 3, 0.5), { initialBatchSize: 8 })).toThrow("`totalEpochs` is required for a 'step' decay");
  });

  it('refuses the option renamed before 1.0 with its new name', () => {
    expect(() => fromLearningRateDecay(step(0.1, 3, 0.5), { initialBatchSize: 8, epochs: 9 } as never)).toThrow(
      new TypeError('fromLearningRateDecay: option `epochs` was renamed `totalEpochs` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('rejects a non-integer initial batch size', () => {
    expect(() => fromLearningRateDecay(multiStep(0.1, [2], 0.2), { initialBatchSize: 0 })).toThrow('`initialBatchSize` must be an integer >= 1; received 0');
  });
});
