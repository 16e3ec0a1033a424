import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearData, linearModel, useCpu } from './test-support.js';
import { watchFitEnd } from './training-end.js';

/** tfjs keeps `isTraining` protected; the test reads it. */
const isTraining = (model: tf.LayersModel): boolean => (model as unknown as { isTraining: boolean }).isTraining;

beforeAll(useCpu);

describe('watchFitEnd', () => {
  it('calls the listener after a normal fit and after a fit that threw, until removed', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const { xs, ys } = linearData(4);
    const calls: boolean[] = [];
    const stop = watchFitEnd(model, () => calls.push(isTraining(model)));
    await model.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
    const failing = new tf.CustomCallback({
      onBatchEnd: () => {
        throw new Error('failed');
      },
    });
    await expect(model.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0, callbacks: [failing] })).rejects.toThrow('failed');
    expect(calls).toEqual([false, false]);
    stop();
    await model.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
    expect(calls).toHaveLength(2);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it("keeps tfjs's guard against a fit while a fit runs", async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const { xs, ys } = linearData(4);
    watchFitEnd(model, () => {});
    const running = model.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0 });
    await expect(model.fit(xs, ys, { epochs: 1, verbose: 0 })).rejects.toThrow(/Cannot start training because another fit/);
    await running;
    expect(isTraining(model)).toBe(false);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
