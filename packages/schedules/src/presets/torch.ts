import { checkConfigShape } from '../config-shape.js';
import { excerptText } from '../excerpt.js';
import { defineSchedule, type JsonValue, type Schedule } from '../schedule.js';
import { closestName, describeValue, finiteNumber, knownKeys, oneOf, optionKeys, positiveInteger } from '../validation.js';
import { calledAs } from './framework-arguments.js';
import { chainedScheduler, sequentialLR, type TorchSchedulerDescriptor } from './torch-composite.js';
import { type TorchModel, torchSchedulers } from './torch-schedulers.js';

/** Every PyTorch scheduler `fromTorch` reproduces. */
export const torchSchedulerNames: readonly string[] = [...Object.keys(torchSchedulers), 'SequentialLR', 'ChainedScheduler'];

/** The third argument of {@link fromTorch}. */
export interface TorchOptions {
  /**
   * The optimizer's learning rate (`lr=` of `torch.optim.SGD(...)`), which PyTorch schedulers
   * scale. Required, except for `CyclicLR` and `OneCycleLR`, which set it themselves.
   */
  readonly learningRate?: number;
  /** Used as `OneCycleLR`'s `total_steps` when neither it nor `epochs`/`steps_per_epoch` is given. */
  readonly totalSteps?: number;
  /** Which output the schedule returns: the learning rate (default) or the cycled momentum / Adam beta1. */
  readonly output?: 'lr' | 'momentum';
}

/** The JSON config of a PyTorch preset; `fromConfig` rebuilds it through the registry key `'torch'`. */
export interface TorchConfig {
  readonly type: 'torch';
  /** PyTorch class name, for example `'StepLR'`. */
  readonly name: string;
  /** The arguments with PyTorch's defaults filled in; functions are stored as `{ type: 'lambda' }`. */
  readonly args: { readonly [key: string]: JsonValue };
  readonly learningRate?: number;
  readonly totalSteps?: number;
  readonly output?: 'momentum';
}

/** The options `fromConfig` passes for a `'torch'` config. */
export interface TorchPresetOptions extends TorchOptions {
  readonly name: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

const torchOptionKeys = optionKeys<TorchOptions>({ learningRate: true, totalSteps: true, output: true });
const torchPresetOptionKeys = optionKeys<TorchPresetOptions>({ name: true, args: true, learningRate: true, totalSteps: true, output: true });
/** Options renamed before 1.0, refused with their new name (also in an old `'torch'` JSON config). */
const renamed = { baseLr: 'learningRate' };

/** Descriptors (with their original functions) of schedules made by `fromTorch`. */
const descriptors = new WeakMap<object, TorchSchedulerDescriptor>();
const lookup = (value: unknown): TorchSchedulerDescriptor | undefined => (typeof value === 'function' ? descriptors.get(value) : undefined);

/**
 * Reproduces a PyTorch `torch.optim.lr_scheduler` scheduler exactly: the schedule's value
 * at step `n` is the learning rate after `n` calls of `scheduler.step()` (step 0 = right
 * after construction). Argument names and defaults are PyTorch's (`step_size`, `T_max`,
 * `eta_min`, …); quirks are kept: `CosineAnnealingLR` rises again past `T_max`,
 * `OneCycleLR` peaks at step `pct_start * total_steps - 1`, reaches its minimum at
 * `total_steps - 1` and throws past `total_steps`, `SequentialLR` restarts each child
 * through its closed form at its milestone.
 *
 * Supported: LambdaLR, MultiplicativeLR (from a JavaScript function; such a schedule cannot
 * be saved as JSON), StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR,
 * CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, SequentialLR and
 * ChainedScheduler (children as `{ name, args }` or as `fromTorch` schedules; they share
 * this `learningRate`). `CyclicLR` and `OneCycleLR` (with `cycle_momentum`, the default) carry
 * the cycled momentum as `.momentum`; PyTorch writes the same values to Adam's `betas[0]`.
 * For `ReduceLROnPlateau` use `torchPlateau`.
 *
 * Steps are `scheduler.step()` counts. Fractional steps use the closed form where PyTorch
 * has one (and `CosineAnnealingWarmRestarts`' epoch form); `LambdaLR`, `MultiplicativeLR`,
 * `SequentialLR` and `ChainedScheduler` floor them.
 *
 * @param name - the PyTorch class name, for example `'StepLR'`.
 * @param args - the constructor's keyword arguments without the optimizer (`last_epoch` only -1).
 * @param options - `learningRate` (the optimizer's `lr`), `totalSteps`, `output`.
 * @returns a schedule with config `{ type: 'torch', name, args, learningRate }`.
 * @example
 * ```ts
 * const s = fromTorch('StepLR', { step_size: 10, gamma: 0.5 }, { learningRate: 0.1 });
 * s(9);  // 0.1
 * s(10); // 0.05
 * const one = fromTorch('OneCycleLR', { max_lr: 1, total_steps: 100 }, {});
 * one(29);          // 1 (the peak, at pct_start * total_steps - 1)
 * one.momentum?.(29); // 0.85
 * ```
 */
export function fromTorch(name: string, args: Readonly<Record<string, unknown>> = {}, options: TorchOptions = {}): Schedule<TorchConfig> {
  const checked = knownKeys('fromTorch', options, torchOptionKeys, { renamed });
  return torchPreset({ ...(checked as TorchOptions), name, args });
}

/**
 * The registry factory of `'torch'` configs: `fromTorch` with every input in one object.
 *
 * @example
 * ```ts
 * const s = torchPreset({ name: 'ExponentialLR', args: { gamma: 0.9 }, learningRate: 1 });
 * s(2); // 0.81
 * ```
 */
export function torchPreset(options: TorchPresetOptions): Schedule<TorchConfig> {
  return calledAs('fromTorch', () => buildTorchPreset(options));
}

function buildTorchPreset(options: TorchPresetOptions): Schedule<TorchConfig> {
  checkConfigShape(options, 'fromTorch');
  const checked = knownKeys('fromTorch', options, torchPresetOptionKeys, { renamed });
  const name = checked.name;
  if (typeof name !== 'string') {
    throw new TypeError(`fromTorch: \`name\` must be a PyTorch scheduler class name; received ${describeValue(name)}`);
  }
  const args = (checked.args ?? {}) as Record<string, unknown>;
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new TypeError(`${excerptText(name)}: arguments must be a plain object; received ${describeValue(args)}`);
  }
  const totalSteps = checked.totalSteps === undefined ? undefined : positiveInteger('fromTorch', 'totalSteps', checked.totalSteps);
  const output = oneOf('fromTorch', 'output', checked.output ?? 'lr', ['lr', 'momentum'] as const);
  const setsOwnLearningRate = name === 'CyclicLR' || name === 'OneCycleLR';
  const learningRate =
    checked.learningRate === undefined && setsOwnLearningRate
      ? undefined
      : finiteNumber('fromTorch', 'learningRate', requiredLearningRate(name, checked.learningRate));

  const model = buildModel(name, args, learningRate ?? Number.NaN, totalSteps);
  const config: TorchConfig = {
    type: 'torch',
    name,
    args: model.args,
    ...(learningRate === undefined ? {} : { learningRate }),
    ...(totalSteps === undefined ? {} : { totalSteps }),
  };
  const momentumFormula = model.momentum;
  const momentum = momentumFormula === undefined ? undefined : defineSchedule({ ...config, output: 'momentum' as const }, momentumFormula);
  let schedule: Schedule<TorchConfig>;
  if (output === 'momentum') {
    if (momentum === undefined) {
      throw new RangeError(
        `${name}: \`output\` 'momentum' needs a scheduler that cycles momentum (CyclicLR or OneCycleLR with cycle_momentum=True); received 'momentum'`,
      );
    }
    schedule = momentum;
  } else {
    schedule = defineSchedule(config, model.lr, momentum);
  }
  descriptors.set(schedule, { name, args: { ...args } });
  return schedule;
}

function requiredLearningRate(name: string, value: unknown): unknown {
  if (value === undefined) {
    throw new TypeError(`fromTorch: \`learningRate\` (the optimizer's learning rate) is required by ${excerptText(name)}; received undefined`);
  }
  return value;
}

function buildModel(name: string, args: Record<string, unknown>, learningRate: number, totalSteps: number | undefined): TorchModel {
  if (name === 'SequentialLR') return sequentialLR(args, learningRate, lookup);
  if (name === 'ChainedScheduler') return chainedScheduler(args, learningRate, lookup);
  const build = Object.hasOwn(torchSchedulers, name) ? torchSchedulers[name] : undefined;
  if (build === undefined) {
    if (name === 'ReduceLROnPlateau') {
      throw new TypeError('fromTorch: ReduceLROnPlateau depends on a metric, not on the step; use torchPlateau(options)');
    }
    const suggestion = closestName(name, torchSchedulerNames);
    throw new TypeError(
      `fromTorch: unknown scheduler ${describeValue(name)}` +
        (suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`) +
        `; known schedulers are ${torchSchedulerNames.join(', ')}`,
    );
  }
  return build(args, learningRate, totalSteps === undefined ? {} : { totalSteps });
}
