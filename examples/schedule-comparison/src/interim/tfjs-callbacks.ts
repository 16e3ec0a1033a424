// TEMPORARY stand-ins for LearningRateScheduler and LossHistory of @lrkit/tfjs, which has
// not landed on main yet, with the constructor shapes of the project brief. Replaced by
// the real imports once it lands; nothing else imports this.
import { appendFileSync, writeFileSync } from 'node:fs';

import type { Schedule } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';

type ModelArgument = Parameters<tf.CustomCallback['setModel']>[0];

interface OptimizerWithRate {
  learningRate: number;
  setLearningRate?: (value: number) => void;
}

function optimizerOf(model: tf.LayersModel | undefined): OptimizerWithRate {
  const optimizer = model?.optimizer as unknown as OptimizerWithRate | undefined;
  if (optimizer === undefined) throw new Error('no optimizer');
  return optimizer;
}

function setRate(optimizer: OptimizerWithRate, value: number): void {
  if (optimizer.learningRate === value) return;
  if (typeof optimizer.setLearningRate === 'function') optimizer.setLearningRate(value);
  else optimizer.learningRate = value;
}

export class LearningRateScheduler extends tf.CustomCallback {
  private trainingModel: tf.LayersModel | undefined;
  private step = 0;

  constructor(options: { schedule: Schedule; unit: 'batch' | 'epoch' }) {
    let self: LearningRateScheduler | undefined;
    super(
      options.unit === 'batch'
        ? {
            onBatchBegin: () => {
              if (self === undefined) return;
              setRate(optimizerOf(self.trainingModel), options.schedule(self.step));
            },
            onBatchEnd: () => {
              if (self !== undefined) self.step += 1;
            },
          }
        : {
            onEpochBegin: (epoch) => {
              if (self === undefined) return;
              setRate(optimizerOf(self.trainingModel), options.schedule(epoch));
            },
          },
    );
    self = this;
  }

  override setModel(model: ModelArgument): void {
    this.trainingModel = model as unknown as tf.LayersModel;
  }
}

export class LossHistory extends tf.CustomCallback {
  readonly batches: { epoch: number; batch: number; step: number; loss: number; learningRate: number }[] = [];
  readonly epochs: ({ epoch: number; learningRate: number } & Record<string, number>)[] = [];
  private trainingModel: tf.LayersModel | undefined;
  private epoch = 0;

  constructor(options: { file?: string } = {}) {
    let self: LossHistory | undefined;
    super({
      onTrainBegin: () => {
        if (options.file !== undefined) writeFileSync(options.file, '');
      },
      onEpochBegin: (epoch) => {
        if (self !== undefined) self.epoch = epoch;
      },
      onBatchEnd: (batch, logs) => {
        if (self === undefined) return;
        const row = {
          epoch: self.epoch,
          batch,
          step: self.batches.length,
          loss: logs?.loss as number,
          learningRate: optimizerOf(self.trainingModel).learningRate,
        };
        self.batches.push(row);
        if (options.file !== undefined) appendFileSync(options.file, `${JSON.stringify({ kind: 'batch', ...row })}\n`);
      },
      onEpochEnd: (epoch, logs) => {
        if (self === undefined) return;
        const row = { epoch, ...(logs as Record<string, number>), learningRate: optimizerOf(self.trainingModel).learningRate };
        self.epochs.push(row);
        if (options.file !== undefined) appendFileSync(options.file, `${JSON.stringify({ kind: 'epoch', ...row })}\n`);
      },
    });
    self = this;
  }

  override setModel(model: ModelArgument): void {
    this.trainingModel = model as unknown as tf.LayersModel;
  }
}
