/**
 * PyTorch's composite schedulers, `SequentialLR` and `ChainedScheduler`, stepped exactly
 * as PyTorch steps them: each child's chainable `get_lr` acts on the learning rate the
 * previous one left in the parameter group. Values are computed once and remembered, so
 * evaluating steps in order costs O(1) each.
 *
 * Source: pytorch/pytorch `torch/optim/lr_scheduler.py`.
 */

import { bisectRight } from '../bisect-right.js';
import { limits } from '../limits.js';
import { arrayOption, describeValue, knownKeys } from '../validation.js';
import { defaultLastEpoch, integerArray } from './framework-arguments.js';
import { standaloneOnly, type TorchModel, torchSchedulers } from './torch-schedulers.js';

/** A child scheduler: its class name and arguments, as PyTorch spells them. */
export interface TorchSchedulerDescriptor {
  readonly name: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

/** Resolves a child given as a schedule made by `fromTorch` to its descriptor (with functions). */
export type DescriptorLookup = (value: unknown) => TorchSchedulerDescriptor | undefined;

const composites = ['SequentialLR', 'ChainedScheduler'];

function childModels(owner: string, value: unknown, learningRate: number, lookup: DescriptorLookup): TorchModel[] {
  const rule = 'a non-empty array of { name, args } or fromTorch schedules';
  const items = arrayOption(owner, 'schedulers', value, rule);
  if (items.length === 0) {
    throw new TypeError(`${owner}: \`schedulers\` must be ${rule}; received ${describeValue(value)}`);
  }
  return items.map((item: unknown, index) => {
    const where = `${owner}: \`schedulers[${index}]\``;
    const descriptor = lookup(item) ?? (item as TorchSchedulerDescriptor);
    if (descriptor === null || typeof descriptor !== 'object' || typeof descriptor.name !== 'string') {
      throw new TypeError(`${where} must be { name, args } or a fromTorch schedule; received ${describeValue(item)}`);
    }
    knownKeys(`${owner} schedulers[${index}]`, descriptor, ['name', 'args']);
    if (composites.includes(descriptor.name) || standaloneOnly.includes(descriptor.name)) {
      throw new TypeError(
        `${where} is a ${descriptor.name}, which is not supported inside ${owner}: ` +
          (standaloneOnly.includes(descriptor.name)
            ? `${descriptor.name} overwrites the optimizer's learning rate (and initial_lr) when constructed, which changes the other schedulers' base; compose with lrkit's join instead`
            : 'nested composites are not modelled; flatten the schedulers into one list'),
      );
    }
    const build = Object.hasOwn(torchSchedulers, descriptor.name) ? torchSchedulers[descriptor.name] : undefined;
    if (build === undefined) {
      throw new TypeError(`${where} has the unknown scheduler name ${describeValue(descriptor.name)}`);
    }
    return build({ ...(descriptor.args ?? {}) }, learningRate, {});
  });
}

function notComposable(name: string): () => never {
  return () => {
    throw new TypeError(`${name} cannot be nested inside SequentialLR or ChainedScheduler`);
  };
}

/**
 * A memo of the values of a stepped process: `next(t)` gives the value after step t >= 1. The
 * process is simulated step by step, so its memory and time grow with the step: steps past
 * `limits.maxSimulatedSteps` (1,000,000) throw a `RangeError` instead.
 */
function memo(owner: string, first: number, next: (step: number, previous: number) => number): (step: number) => number {
  const values = [first];
  return (step) => {
    const whole = Math.floor(step);
    if (whole > limits.maxSimulatedSteps) {
      throw new RangeError(
        `${owner}: \`step\` must be <= ${limits.maxSimulatedSteps} (limits.maxSimulatedSteps: PyTorch's ${owner} is simulated step by step); received ${step}`,
      );
    }
    for (let t = values.length; t <= whole; t += 1) values.push(next(t, values[t - 1] as number));
    return values[whole] as number;
  };
}

/**
 * `SequentialLR(schedulers, milestones)`: child `i` is active from `milestones[i - 1]`. At a
 * milestone PyTorch calls the new child's `_update_lr(0)` (its closed form at 0 where the
 * class has one), then steps it normally; the first child is re-initialised.
 */
export function sequentialLR(args: Record<string, unknown>, learningRate: number, lookup: DescriptorLookup): TorchModel {
  const name = 'SequentialLR';
  const a = knownKeys(name, args, ['schedulers', 'milestones', 'last_epoch']);
  defaultLastEpoch(name, a.last_epoch);
  const children = childModels(name, a.schedulers, learningRate, lookup);
  const milestones = children.length === 1 && Array.isArray(a.milestones) && a.milestones.length === 0 ? [] : integerArray(name, 'milestones', a.milestones, 1);
  milestones.forEach((milestone, index) => {
    if (index > 0 && !(milestone > (milestones[index - 1] as number))) {
      throw new RangeError(`${name}: \`milestones\` must be strictly increasing; received ${describeValue(milestones)}`);
    }
  });
  if (milestones.length !== children.length - 1) {
    throw new RangeError(
      `${name}: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, ` +
        `but got number of schedulers ${children.length} and the number of milestones to be equal to ${milestones.length}`,
    );
  }
  const epochs = children.map(() => -1);
  epochs[0] = 0;
  const first = (children[0] as TorchModel).transition(learningRate, 0, true);
  const lr = memo(name, first, (step, previous) => {
    const index = bisectRight(milestones, step);
    const child = children[index] as TorchModel;
    if (index > 0 && milestones[index - 1] === step) {
      epochs[index] = 0;
      return child.milestone(previous);
    }
    epochs[index] = (epochs[index] as number) + 1;
    return child.transition(previous, epochs[index] as number, false);
  });
  return {
    name,
    args: { schedulers: children.map((child) => ({ name: child.name, args: child.args })), milestones },
    lr,
    transition: notComposable(name),
    milestone: notComposable(name),
  };
}

/**
 * `ChainedScheduler(schedulers)`: every `step()` steps each child in order, each acting on
 * the learning rate the previous child left. The children's constructors already took
 * their first step, in list order.
 */
export function chainedScheduler(args: Record<string, unknown>, learningRate: number, lookup: DescriptorLookup): TorchModel {
  const name = 'ChainedScheduler';
  const a = knownKeys(name, args, ['schedulers']);
  const children = childModels(name, a.schedulers, learningRate, lookup);
  const first = children.reduce((lr, child) => child.transition(lr, 0, true), learningRate);
  const lr = memo(name, first, (step, previous) => children.reduce((value, child) => child.transition(value, step, false), previous));
  return {
    name,
    args: { schedulers: children.map((child) => ({ name: child.name, args: child.args })) },
    lr,
    transition: notComposable(name),
    milestone: notComposable(name),
  };
}
