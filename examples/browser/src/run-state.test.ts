import { describe, expect, it } from 'vitest';
import { canStart, canStop, hasProgress, initialRun, nextSlice, type RunEvent, type RunState, reduceRun } from './run-state.js';

const shape = { totalEpochs: 2, trainCount: 100, batchSize: 32 };
const batch = (step: number): RunEvent => ({ type: 'batch', point: { step, epoch: 0, learningRate: 0.1, loss: 1, accuracy: 0.5 } });
const epochEnd = (epoch: number): RunEvent => ({
  type: 'epoch-end',
  point: { epoch, loss: 1, accuracy: 0.5, validationLoss: 0.9, validationAccuracy: 0.6 },
});

function play(state: RunState, events: RunEvent[]): RunState {
  return events.reduce(reduceRun, state);
}

describe('run state', () => {
  it('counts batches per epoch with a smaller last batch and the total updates', () => {
    const state = initialRun(shape);
    expect(state.batchesPerEpoch).toBe(4);
    expect(state.totalSteps).toBe(8);
  });

  it('starts from idle: training, one segment, Start disabled and Stop enabled', () => {
    const state = reduceRun(initialRun(shape), { type: 'start' });
    expect(state.status).toBe('training');
    expect(state.segments).toBe(1);
    expect(canStart(state)).toBe(false);
    expect(canStop(state)).toBe(true);
  });

  it('advances the global step to the step after the last batch', () => {
    const state = play(initialRun(shape), [{ type: 'start' }, batch(0), batch(1)]);
    expect(state.globalStep).toBe(2);
    expect(state.batchesDoneInEpoch).toBe(2);
    expect(hasProgress(state)).toBe(true);
  });

  it('closes a complete epoch and moves to the next', () => {
    const state = play(initialRun(shape), [{ type: 'start' }, batch(0), batch(1), batch(2), batch(3), epochEnd(0)]);
    expect(state.epoch).toBe(1);
    expect(state.batchesDoneInEpoch).toBe(0);
    expect(state.epochs).toEqual([{ epoch: 0, step: 4, complete: true, loss: 1, accuracy: 0.5, validationLoss: 0.9, validationAccuracy: 0.6 }]);
    expect(nextSlice(state)).toEqual({ epoch: 1, firstExample: 0 });
  });

  it('stops inside an epoch: the epoch is marked incomplete and the next slice starts at the next batch', () => {
    const state = play(initialRun(shape), [{ type: 'start' }, batch(0), { type: 'stop-requested' }, batch(1), epochEnd(0), { type: 'segment-ended' }]);
    expect(state.status).toBe('stopped');
    expect(state.epochs[0]?.complete).toBe(false);
    expect(state.epoch).toBe(0);
    expect(nextSlice(state)).toEqual({ epoch: 0, firstExample: 64 });
    expect(canStart(state)).toBe(true);
  });

  it('resumes a stopped run as a second segment keeping the global step', () => {
    const stopped = play(initialRun(shape), [{ type: 'start' }, batch(0), { type: 'stop-requested' }, epochEnd(0), { type: 'segment-ended' }]);
    const resumed = play(stopped, [{ type: 'start' }, batch(1)]);
    expect(resumed.segments).toBe(2);
    expect(resumed.globalStep).toBe(2);
    expect(resumed.batches.map((point) => point.step)).toEqual([0, 1]);
  });

  it('evaluates after the last epoch, then finishes with the test accuracy', () => {
    const events: RunEvent[] = [{ type: 'start' }];
    for (let epoch = 0; epoch < 2; epoch += 1) {
      for (let index = 0; index < 4; index += 1) events.push(batch(epoch * 4 + index));
      events.push(epochEnd(epoch));
    }
    const evaluating = play(initialRun(shape), [...events, { type: 'segment-ended' }]);
    expect(evaluating.status).toBe('evaluating');
    expect(nextSlice(evaluating)).toBeUndefined();
    const finished = reduceRun(evaluating, { type: 'evaluated', testAccuracy: 0.91 });
    expect(finished.status).toBe('finished');
    expect(finished.testAccuracy).toBe(0.91);
    expect(canStart(finished)).toBe(false);
  });

  it('records a failure message and ignores later batches', () => {
    const failed = play(initialRun(shape), [{ type: 'start' }, { type: 'failed', message: 'kernel not registered' }, batch(0)]);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('kernel not registered');
    expect(failed.batches).toEqual([]);
  });

  it('ignores a stop request when not training', () => {
    const state = initialRun(shape);
    expect(reduceRun(state, { type: 'stop-requested' })).toBe(state);
  });
});
