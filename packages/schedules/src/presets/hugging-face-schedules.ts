/**
 * Models of the schedules `transformers.get_scheduler` builds (huggingface/transformers
 * `src/transformers/optimization.py`, transformers 5.17): each is `LambdaLR`, so the learning
 * rate after `n` calls of `scheduler.step()` is `base_lr * lr_lambda(n)`; the lambdas are
 * ported line by line, with their integer-versus-float handling:
 *
 * - warm-up: `float(step) / float(max(1, num_warmup_steps))` (0 at step 0, not 1/warmup);
 *   `constant_with_warmup` uses `max(1.0, …)`, the same for integers;
 * - `linear`: `max(0, (num_training_steps - step) / max(1, num_training_steps - num_warmup_steps))`;
 * - `cosine` clamps at 0 (`max(0.0, …)`) and, with the default `num_cycles=0.5`, rises again
 *   past `num_training_steps` only when `num_cycles` > 0.5 makes the cosine positive again;
 * - `cosine_with_restarts` returns exactly 0 from `progress >= 1` on;
 * - `polynomial` divides by the optimizer's lr (`lr_init`) and LambdaLR multiplies back, holds
 *   `lr_end` after `num_training_steps` (`step > num_training_steps`) and needs `lr_init > lr_end`;
 * - `inverse_sqrt`: `timescale` defaults to `num_warmup_steps or 10_000`;
 * - `cosine_warmup_with_min_lr` converts everything to float and counts one step ahead:
 *   warm-up `(step + 1) / max(1, num_warmup_steps)` (or from `warmup_lr_rate`), decay progress
 *   `(step - num_warmup_steps + 1) / max(1, num_training_steps - num_warmup_steps)`;
 * - `warmup_stable_decay`: warm-up from `min_lr_ratio`, stable at 1, decay to `min_lr_ratio`,
 *   then `min_lr_ratio`; `num_stable_steps` defaults to `num_training_steps - num_warmup_steps - num_decay_steps`.
 */
import type { JsonValue } from '../schedule.js';
import { describeValue, finiteNumber, knownKeys, oneOf, required } from '../validation.js';
import { argument, isNone, pythonModulo } from './framework-arguments.js';

/** The arguments of one `get_scheduler` call. */
export interface HuggingFaceArguments {
  readonly learningRate: number;
  readonly num_warmup_steps: number | null;
  readonly num_training_steps: number | null;
  readonly specific: Record<string, unknown>;
}

/** A model: the arguments the function really used (defaults filled in) and `lr_lambda`. */
export interface HuggingFaceModel {
  readonly num_warmup_steps: number | null;
  readonly num_training_steps: number | null;
  readonly scheduler_specific_kwargs: { readonly [key: string]: JsonValue };
  readonly lambda: (step: number) => number;
}

type Builder = (name: string, args: HuggingFaceArguments) => HuggingFaceModel;

function warmupRatio(step: number, warmup: number): number {
  return step / Math.max(1, warmup);
}

function number(owner: string, specific: Record<string, unknown>, name: string, fallback: number): number {
  return finiteNumber(owner, name, argument(specific, name, fallback));
}

function needTraining(name: string, value: number | null): number {
  if (value === null) throw new TypeError(`${name} requires \`num_training_steps\`, please provide that argument; received None`);
  return value;
}

function needWarmup(name: string, value: number | null): number {
  if (value === null) throw new TypeError(`${name} requires \`num_warmup_steps\`, please provide that argument; received None`);
  return value;
}

const linear: Builder = (name, args) => {
  knownKeys(name, args.specific, []);
  const warmup = needWarmup(name, args.num_warmup_steps);
  const training = needTraining(name, args.num_training_steps);
  return {
    num_warmup_steps: warmup,
    num_training_steps: training,
    scheduler_specific_kwargs: {},
    lambda: (step) => {
      if (step < warmup) return warmupRatio(step, warmup);
      return Math.max(0, (training - step) / Math.max(1, training - warmup));
    },
  };
};

/**
 * transformers' cosine schedules after the warm-up: `curve(progress, num_cycles)`, with
 * `progress` = the fraction of the steps after the warm-up, and `num_cycles` defaulting to
 * `defaultCycles` (0.5 for `cosine`, 1 for `cosine_with_restarts`).
 */
const cosineFamily =
  (defaultCycles: number, curve: (progress: number, cycles: number) => number): Builder =>
  (name, args) => {
    const s = knownKeys(name, args.specific, ['num_cycles']);
    const warmup = needWarmup(name, args.num_warmup_steps);
    const training = needTraining(name, args.num_training_steps);
    const cycles = number(name, s, 'num_cycles', defaultCycles);
    return {
      num_warmup_steps: warmup,
      num_training_steps: training,
      scheduler_specific_kwargs: { num_cycles: cycles },
      lambda: (step) => {
        if (step < warmup) return warmupRatio(step, warmup);
        return curve((step - warmup) / Math.max(1, training - warmup), cycles);
      },
    };
  };

const cosine = cosineFamily(0.5, (progress, cycles) => Math.max(0, 0.5 * (1 + Math.cos(Math.PI * cycles * 2 * progress))));

const cosineWithRestarts = cosineFamily(1, (progress, cycles) => {
  if (progress >= 1) return 0;
  return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * pythonModulo(cycles * progress, 1))));
});

const polynomial: Builder = (name, args) => {
  const s = knownKeys(name, args.specific, ['lr_end', 'power']);
  const warmup = needWarmup(name, args.num_warmup_steps);
  const training = needTraining(name, args.num_training_steps);
  const lrEnd = number(name, s, 'lr_end', 1e-7);
  const power = number(name, s, 'power', 1);
  const lrInit = args.learningRate;
  if (!(lrInit > lrEnd)) {
    throw new RangeError(`${name}: lr_end (${lrEnd}) must be smaller than initial lr (${lrInit}); received lr_end=${lrEnd}`);
  }
  return {
    num_warmup_steps: warmup,
    num_training_steps: training,
    scheduler_specific_kwargs: { lr_end: lrEnd, power },
    lambda: (step) => {
      if (step < warmup) return warmupRatio(step, warmup);
      if (step > training) return lrEnd / lrInit;
      const lrRange = lrInit - lrEnd;
      const decaySteps = training - warmup;
      const pctRemaining = 1 - (step - warmup) / decaySteps;
      const decay = lrRange * pctRemaining ** power + lrEnd;
      return decay / lrInit;
    },
  };
};

const constant: Builder = () => ({
  num_warmup_steps: null,
  num_training_steps: null,
  scheduler_specific_kwargs: {},
  lambda: () => 1,
});

const constantWithWarmup: Builder = (name, args) => {
  const warmup = needWarmup(name, args.num_warmup_steps);
  return {
    num_warmup_steps: warmup,
    num_training_steps: null,
    scheduler_specific_kwargs: {},
    lambda: (step) => (step < warmup ? step / Math.max(1, warmup) : 1),
  };
};

const inverseSqrt: Builder = (name, args) => {
  const s = knownKeys(name, args.specific, ['timescale']);
  const warmup = needWarmup(name, args.num_warmup_steps);
  const timescale = isNone(s.timescale) ? warmup || 10_000 : finiteNumber(name, 'timescale', s.timescale);
  if (timescale === 0) throw new RangeError(`${name}: \`timescale\` must not be 0 (Python divides by it); received 0`);
  return {
    num_warmup_steps: warmup,
    num_training_steps: null,
    scheduler_specific_kwargs: { timescale },
    lambda: (step) => {
      if (step < warmup) return warmupRatio(step, warmup);
      const shift = timescale - warmup;
      return 1 / Math.sqrt((step + shift) / timescale);
    },
  };
};

function minLrRate(name: string, s: Record<string, unknown>, learningRate: number): number {
  const minLr = isNone(s.min_lr) ? null : finiteNumber(name, 'min_lr', s.min_lr);
  const rate = isNone(s.min_lr_rate) ? null : finiteNumber(name, 'min_lr_rate', s.min_lr_rate);
  if (minLr !== null && rate !== null) {
    throw new TypeError(`${name}: Only one of min_lr or min_lr_rate should be set; received min_lr=${minLr}, min_lr_rate=${rate}`);
  }
  if (minLr !== null) return minLr / learningRate;
  if (rate === null) {
    throw new TypeError(`${name}: One of min_lr or min_lr_rate should be set through the \`lr_scheduler_kwargs\`; received neither`);
  }
  return rate;
}

function minLrKwargs(s: Record<string, unknown>, rate: number): Record<string, JsonValue> {
  return isNone(s.min_lr) ? { min_lr_rate: rate } : { min_lr: s.min_lr as number };
}

const cosineWithMinLr: Builder = (name, args) => {
  const s = knownKeys(name, args.specific, ['num_cycles', 'min_lr', 'min_lr_rate']);
  const warmup = needWarmup(name, args.num_warmup_steps);
  const training = needTraining(name, args.num_training_steps);
  const cycles = number(name, s, 'num_cycles', 0.5);
  const rate = minLrRate(name, s, args.learningRate);
  return {
    num_warmup_steps: warmup,
    num_training_steps: training,
    scheduler_specific_kwargs: { num_cycles: cycles, ...minLrKwargs(s, rate) },
    lambda: (step) => {
      if (step < warmup) return warmupRatio(step, warmup);
      const progress = (step - warmup) / Math.max(1, training - warmup);
      const factor = 0.5 * (1 + Math.cos(Math.PI * cycles * 2 * progress));
      return Math.max(0, factor * (1 - rate) + rate);
    },
  };
};

const cosineWarmupWithMinLr: Builder = (name, args) => {
  const s = knownKeys(name, args.specific, ['num_cycles', 'min_lr', 'min_lr_rate', 'warmup_lr_rate']);
  const warmup = needWarmup(name, args.num_warmup_steps);
  const training = needTraining(name, args.num_training_steps);
  const cycles = number(name, s, 'num_cycles', 0.5);
  const rate = minLrRate(name, s, args.learningRate);
  const warmupRate = isNone(s.warmup_lr_rate) ? null : finiteNumber(name, 'warmup_lr_rate', s.warmup_lr_rate);
  return {
    num_warmup_steps: warmup,
    num_training_steps: training,
    scheduler_specific_kwargs: { num_cycles: cycles, ...minLrKwargs(s, rate), warmup_lr_rate: warmupRate },
    lambda: (step) => {
      if (step < warmup) {
        if (warmupRate === null) return (step + 1) / Math.max(1, warmup);
        return warmupRate + ((1 - warmupRate) * step) / Math.max(1, warmup - 1);
      }
      const progress = (step - warmup + 1) / Math.max(1, training - warmup);
      const factor = 0.5 * (1 + Math.cos(Math.PI * cycles * 2 * progress));
      return Math.max(0, factor * (1 - rate) + rate);
    },
  };
};

const wsdShapes = ['linear', 'cosine', '1-sqrt'] as const;

const warmupStableDecay: Builder = (name, args) => {
  const s = knownKeys(name, args.specific, ['num_decay_steps', 'num_stable_steps', 'warmup_type', 'decay_type', 'min_lr_ratio', 'num_cycles']);
  const warmup = needWarmup(name, args.num_warmup_steps);
  const decaySteps = finiteNumber(name, 'num_decay_steps', required(name, 'num_decay_steps', s.num_decay_steps));
  const training = args.num_training_steps;
  const givenStable = isNone(s.num_stable_steps) ? null : finiteNumber(name, 'num_stable_steps', s.num_stable_steps);
  if (training === null && givenStable === null) {
    throw new TypeError(`${name}: Either num_training_steps or num_stable_steps must be specified; received neither`);
  }
  const warmupType = oneOf(name, 'warmup_type', argument(s, 'warmup_type', 'linear'), wsdShapes);
  const decayType = oneOf(name, 'decay_type', argument(s, 'decay_type', 'cosine'), wsdShapes);
  const minRatio = number(name, s, 'min_lr_ratio', 0);
  const cycles = number(name, s, 'num_cycles', 0.5);
  const stable = givenStable ?? (training as number) - warmup - decaySteps;
  return {
    num_warmup_steps: warmup,
    num_training_steps: training,
    scheduler_specific_kwargs: {
      num_decay_steps: decaySteps,
      num_stable_steps: givenStable,
      warmup_type: warmupType,
      decay_type: decayType,
      min_lr_ratio: minRatio,
      num_cycles: cycles,
    },
    lambda: (step) => {
      if (step < warmup) {
        const progress = step / Math.max(1, warmup);
        let factor: number;
        if (warmupType === 'linear') factor = progress;
        else if (warmupType === 'cosine') factor = 0.5 * (1 - Math.cos(Math.PI * progress));
        else factor = 1 - Math.sqrt(1 - progress);
        return Math.max(0, factor * (1 - minRatio) + minRatio);
      }
      if (step < warmup + stable) return 1;
      if (step < warmup + stable + decaySteps) {
        const progress = (step - warmup - stable) / Math.max(1, decaySteps);
        let factor: number;
        if (decayType === 'linear') factor = 1 - progress;
        else if (decayType === 'cosine') factor = 0.5 * (1 + Math.cos(Math.PI * cycles * 2 * progress));
        else factor = 1 - Math.sqrt(progress);
        return Math.max(0, factor * (1 - minRatio) + minRatio);
      }
      return minRatio;
    },
  };
};

/** Every `get_scheduler` name with a step schedule, by name. */
export const huggingFaceBuilders: Readonly<Record<string, Builder>> = {
  linear,
  cosine,
  cosine_with_restarts: cosineWithRestarts,
  polynomial,
  constant,
  constant_with_warmup: constantWithWarmup,
  inverse_sqrt: inverseSqrt,
  cosine_with_min_lr: cosineWithMinLr,
  cosine_warmup_with_min_lr: cosineWarmupWithMinLr,
  warmup_stable_decay: warmupStableDecay,
};

/** `get_scheduler` names that depend on a metric rather than the step. */
export const huggingFaceMetricSchedulers: readonly string[] = ['reduce_lr_on_plateau', 'greedy'];

/** Requires `None` (null/absent) or a finite number for a step count. */
export function optionalSteps(owner: string, name: string, value: unknown): number | null {
  if (isNone(value)) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${owner}: \`${name}\` must be a finite number or null; received ${describeValue(value)}`);
  }
  return value;
}
