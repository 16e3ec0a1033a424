import { noiseLimit } from '../noise.js';
import { defineSchedule, type JsonValue, type Schedule } from '../schedule.js';
import {
  booleanOption,
  closestName,
  describeValue,
  finiteNumber,
  knownKeys,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  optionKeys,
  positiveNumber,
  required,
} from '../validation.js';
import { argument, calledAs, integerArray, isNone } from './framework-arguments.js';
import { pythonFloorDivide } from './python-numbers.js';
import { type TimmClassArguments, type TimmNoiseRange, timmLearningRate, withTimmNoise } from './timm-schedulers.js';

/** The `sched` names `fromTimm` reproduces (`plateau` depends on a metric: see `torchPlateau`). */
export const timmSchedulerNames: readonly string[] = ['cosine', 'tanh', 'poly', 'step', 'multistep'];

/** The keyword arguments of `timm.scheduler.create_scheduler_v2` (without the optimizer), timm's spelling. */
export interface TimmArguments {
  readonly sched?: string;
  readonly num_epochs?: number;
  readonly decay_epochs?: number;
  readonly decay_milestones?: readonly number[];
  readonly cooldown_epochs?: number;
  readonly patience_epochs?: number;
  readonly decay_rate?: number;
  readonly min_lr?: number;
  readonly warmup_lr?: number;
  readonly warmup_epochs?: number;
  readonly warmup_prefix?: boolean;
  readonly noise?: number | readonly number[] | null;
  readonly noise_pct?: number;
  readonly noise_std?: number;
  readonly noise_seed?: number;
  readonly cycle_mul?: number;
  readonly cycle_decay?: number;
  readonly cycle_limit?: number;
  readonly k_decay?: number;
  readonly plateau_mode?: 'min' | 'max';
  readonly step_on_epochs?: boolean;
  readonly updates_per_epoch?: number;
}

/** The second argument of {@link fromTimm}. */
export interface TimmOptions {
  /** The optimizer's learning rate (`lr=`), which timm's schedulers scale. Required. */
  readonly learningRate: number;
}

/** The JSON config of a timm preset; `fromConfig` rebuilds it through the registry key `'timm'`. */
export interface TimmConfig {
  readonly type: 'timm';
  /** `create_scheduler_v2`'s arguments with timm's defaults filled in. */
  readonly args: { readonly [key: string]: JsonValue };
  readonly learningRate: number;
}

/** The options `fromConfig` passes for a `'timm'` config. */
export interface TimmPresetOptions extends TimmOptions {
  readonly args?: TimmArguments;
}

const argumentNames = optionKeys<TimmArguments>({
  sched: true,
  num_epochs: true,
  decay_epochs: true,
  decay_milestones: true,
  cooldown_epochs: true,
  patience_epochs: true,
  decay_rate: true,
  min_lr: true,
  warmup_lr: true,
  warmup_epochs: true,
  warmup_prefix: true,
  noise: true,
  noise_pct: true,
  noise_std: true,
  noise_seed: true,
  cycle_mul: true,
  cycle_decay: true,
  cycle_limit: true,
  k_decay: true,
  plateau_mode: true,
  step_on_epochs: true,
  updates_per_epoch: true,
});

interface TimmModel {
  readonly args: { readonly [key: string]: JsonValue };
  readonly formula: (t: number) => number;
  readonly numEpochs: number;
}

function noiseArgument(owner: string, value: unknown): number | number[] | null {
  if (isNone(value)) return null;
  if (Array.isArray(value)) {
    if (value.length === 0) throw new RangeError(`${owner}: \`noise\` must be a number, a non-empty list of numbers or null; received []`);
    return value.map((item, index) => finiteNumber(owner, `noise[${index}]`, item));
  }
  return finiteNumber(owner, 'noise', value);
}

function timmModel(given: unknown, learningRate: number): TimmModel {
  const owner = 'create_scheduler_v2';
  const a = knownKeys(owner, given, argumentNames);
  const sched = a.sched ?? 'cosine';
  if (typeof sched !== 'string' || !timmSchedulerNames.includes(sched)) {
    if (sched === 'plateau') {
      throw new TypeError(`${owner}: sched 'plateau' depends on a metric, not on the step; use torchPlateau (timm wraps PyTorch's ReduceLROnPlateau)`);
    }
    const suggestion = typeof sched === 'string' ? closestName(sched, timmSchedulerNames) : undefined;
    throw new TypeError(
      `${owner}: \`sched\` must be one of ${timmSchedulerNames.map((name) => `'${name}'`).join(', ')}` +
        (suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`) +
        `; received ${describeValue(sched)}`,
    );
  }
  const numEpochs = positiveNumber(owner, 'num_epochs', argument(a, 'num_epochs', 300));
  const decayEpochs = positiveNumber(owner, 'decay_epochs', argument(a, 'decay_epochs', 90));
  const decayMilestones = integerArray(owner, 'decay_milestones', argument(a, 'decay_milestones', [90, 180, 270]), 0);
  const cooldownEpochs = nonNegativeNumber(owner, 'cooldown_epochs', argument(a, 'cooldown_epochs', 0));
  const patienceEpochs = nonNegativeInteger(owner, 'patience_epochs', argument(a, 'patience_epochs', 10));
  const decayRate = finiteNumber(owner, 'decay_rate', argument(a, 'decay_rate', 0.1));
  const minLr = nonNegativeNumber(owner, 'min_lr', argument(a, 'min_lr', 0));
  const warmupLr = nonNegativeNumber(owner, 'warmup_lr', argument(a, 'warmup_lr', 1e-5));
  const warmupEpochs = nonNegativeNumber(owner, 'warmup_epochs', argument(a, 'warmup_epochs', 0));
  const warmupPrefix = booleanOption(owner, 'warmup_prefix', argument(a, 'warmup_prefix', false));
  const noise = noiseArgument(owner, a.noise);
  const noisePct = noiseLimit(owner, 'noise_pct', argument(a, 'noise_pct', 0.67));
  const noiseStd = finiteNumber(owner, 'noise_std', argument(a, 'noise_std', 1));
  const noiseSeed = nonNegativeInteger(owner, 'noise_seed', argument(a, 'noise_seed', 42));
  const cycleMul = positiveNumber(owner, 'cycle_mul', argument(a, 'cycle_mul', 1));
  const cycleDecay = finiteNumber(owner, 'cycle_decay', argument(a, 'cycle_decay', 0.1));
  const cycleLimit = nonNegativeInteger(owner, 'cycle_limit', argument(a, 'cycle_limit', 1));
  const kDecay = positiveNumber(owner, 'k_decay', argument(a, 'k_decay', 1));
  const plateauMode = oneOf(owner, 'plateau_mode', argument(a, 'plateau_mode', 'max'), ['min', 'max'] as const);
  const stepOnEpochs = booleanOption(owner, 'step_on_epochs', argument(a, 'step_on_epochs', true));
  const updatesPerEpoch = nonNegativeInteger(owner, 'updates_per_epoch', argument(a, 'updates_per_epoch', 0));

  let tInitial = numEpochs;
  let warmupT = warmupEpochs;
  let decayT = decayEpochs;
  let milestones = decayMilestones;
  let cooldownT = cooldownEpochs;
  if (!stepOnEpochs) {
    if (!(updatesPerEpoch > 0)) {
      throw new RangeError(`${owner}: \`updates_per_epoch\` must be set to the number of batches per epoch when step_on_epochs is false; received 0`);
    }
    tInitial *= updatesPerEpoch;
    warmupT *= updatesPerEpoch;
    decayT *= updatesPerEpoch;
    milestones = milestones.map((milestone) => milestone * updatesPerEpoch);
    cooldownT *= updatesPerEpoch;
  }
  let range: TimmNoiseRange | null = null;
  if (noise !== null) {
    if (Array.isArray(noise)) {
      const scaled = noise.map((fraction) => fraction * tInitial);
      range = scaled.length === 1 ? { start: scaled[0]!, end: Infinity } : { start: scaled[0]!, end: scaled[1]! };
    } else {
      range = { start: noise * tInitial, end: Infinity };
    }
  }
  const classArguments: TimmClassArguments = {
    learningRate,
    t_initial: tInitial,
    lr_min: minLr,
    cycle_mul: cycleMul,
    cycle_decay: cycleDecay,
    cycle_limit: cycleLimit,
    warmup_t: warmupT,
    warmup_lr_init: warmupLr,
    warmup_prefix: warmupPrefix,
    k_decay: sched === 'cosine' || sched === 'poly' ? kDecay : 1,
    lb: -7,
    ub: 3,
    power: decayRate,
    decay_t: decayT,
    milestones,
    decay_rate: decayRate,
  };
  const formula = withTimmNoise(timmLearningRate(sched as 'cosine', classArguments), range, noiseSeed, noisePct);
  let total = numEpochs;
  if (sched === 'cosine' || sched === 'tanh' || sched === 'poly') {
    // get_cycle_length() + cooldown: cycles = max(1, cycle_limit), the warm-up added with warmup_prefix.
    const cycles = Math.max(1, cycleLimit);
    let length = cycleMul === 1 ? tInitial * cycles : Math.floor((-tInitial * (cycleMul ** cycles - 1)) / (1 - cycleMul));
    if (warmupPrefix) length += warmupT;
    total = stepOnEpochs ? length + cooldownT : pythonFloorDivide(length + cooldownT, updatesPerEpoch);
  } else if (warmupPrefix) {
    total += warmupEpochs;
  }
  return {
    args: {
      sched,
      num_epochs: numEpochs,
      decay_epochs: decayEpochs,
      decay_milestones: decayMilestones,
      cooldown_epochs: cooldownEpochs,
      patience_epochs: patienceEpochs,
      decay_rate: decayRate,
      min_lr: minLr,
      warmup_lr: warmupLr,
      warmup_epochs: warmupEpochs,
      warmup_prefix: warmupPrefix,
      noise,
      noise_pct: noisePct,
      noise_std: noiseStd,
      noise_seed: noiseSeed,
      cycle_mul: cycleMul,
      cycle_decay: cycleDecay,
      cycle_limit: cycleLimit,
      k_decay: kDecay,
      plateau_mode: plateauMode,
      step_on_epochs: stepOnEpochs,
      updates_per_epoch: updatesPerEpoch,
    },
    formula,
    numEpochs: total,
  };
}

/**
 * Reproduces the scheduler `timm.scheduler.create_scheduler_v2(optimizer, **args)` returns
 * (timm 1.0.29), exactly: the value at step `t` is the optimizer's learning rate after
 * `scheduler.step(t)` (per epoch, the default) or `scheduler.step_update(t)` (with
 * `step_on_epochs=False`, where every length is multiplied by `updates_per_epoch`).
 *
 * `sched`: `'cosine'` (with `cycle_mul`, `cycle_decay`, `cycle_limit`, `k_decay`), `'tanh'`
 * (the same cycles), `'poly'` (`decay_rate` is the power, `k_decay`), `'step'` (`decay_epochs`,
 * `decay_rate`), `'multistep'` (`decay_milestones`, one step earlier than PyTorch). Every one
 * takes the warm-up (`warmup_lr`, `warmup_epochs`, `warmup_prefix`) and the learning-rate noise
 * (`noise` as a fraction of `num_epochs` or a `[start, end]` pair, `noise_pct`, `noise_seed`).
 * The noise is pure in the step: step `t` draws from a generator seeded with `noise_seed + t`,
 * a port of PyTorch's CPU generator, so the values are PyTorch's own. See
 * `timm-schedulers.ts` for the formulas and off-by-ones; {@link timmNumEpochs} gives the
 * epoch count create_scheduler_v2 returns beside the scheduler.
 *
 * @param args - create_scheduler_v2's keyword arguments, timm's spelling and defaults.
 * @param options - `learningRate`, the optimizer's learning rate.
 * @returns a schedule with config `{ type: 'timm', args, learningRate }`.
 * @example
 * ```ts
 * const s = fromTimm({ sched: 'cosine', num_epochs: 100, warmup_epochs: 5, warmup_lr: 1e-4, min_lr: 1e-5 }, { learningRate: 0.1 });
 * s(0);   // 1e-4 (warmup_lr)
 * s(5);   // the cosine at epoch 5 (the warm-up overlaps the first epochs: warmup_prefix=False)
 * s(100); // 1e-5
 * ```
 */
export function fromTimm(args: TimmArguments, options: TimmOptions): Schedule<TimmConfig> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`fromTimm: options must be a plain object with \`learningRate\`; received ${describeValue(options)}`);
  }
  return timmPreset({ ...options, args });
}

const timmPresetOptionKeys = optionKeys<TimmPresetOptions>({ args: true, learningRate: true });

/**
 * The registry factory of `'timm'` configs: `fromTimm` with every input in one object.
 *
 * @example
 * ```ts
 * const s = timmPreset({ args: { sched: 'step', decay_epochs: 10, decay_rate: 0.5 }, learningRate: 0.1 });
 * s(10); // 0.05
 * ```
 */
export function timmPreset(options: TimmPresetOptions): Schedule<TimmConfig> {
  return calledAs('fromTimm', () => buildTimmPreset(options));
}

function buildTimmPreset(options: TimmPresetOptions): Schedule<TimmConfig> {
  const checked = knownKeys('fromTimm', options, timmPresetOptionKeys, { renamed: { baseLr: 'learningRate' } });
  const learningRate = finiteNumber('fromTimm', 'learningRate', required('fromTimm', 'learningRate', checked.learningRate));
  const model = timmModel(checked.args ?? {}, learningRate);
  return defineSchedule({ type: 'timm', args: model.args, learningRate }, model.formula);
}

/**
 * The `num_epochs` that `create_scheduler_v2` returns beside the scheduler: for cosine, tanh
 * and poly the cycles' length (`max(1, cycle_limit)` cycles, plus the warm-up with
 * `warmup_prefix`) plus `cooldown_epochs`; for step and multistep `num_epochs`, plus
 * `warmup_epochs` with `warmup_prefix`.
 *
 * @example
 * ```ts
 * timmNumEpochs({ sched: 'cosine', num_epochs: 10, cycle_limit: 3, cycle_mul: 2 }); // 70
 * ```
 */
export function timmNumEpochs(args: TimmArguments): number {
  return calledAs('timmNumEpochs', () => buildTimmNumEpochs(args));
}

function buildTimmNumEpochs(args: TimmArguments): number {
  return timmModel(args, 1).numEpochs;
}
