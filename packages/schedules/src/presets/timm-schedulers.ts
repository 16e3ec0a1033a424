/**
 * Models of timm's schedulers (huggingface/pytorch-image-models `timm/scheduler/`, timm
 * 1.0.29): `_get_lr(t)` of `CosineLRScheduler`, `TanhLRScheduler`, `PolyLRScheduler`,
 * `StepLRScheduler` and `MultiStepLRScheduler`, and `Scheduler._add_noise`, ported line by line.
 *
 * Boundaries and off-by-ones kept from timm:
 * - warm-up: `warmup_lr_init + t * (target - warmup_lr_init) / warmup_t` for `t < warmup_t`;
 *   the target is the base lr, except for tanh without `warmup_prefix`, which ramps to its own
 *   value at `warmup_t`. Without `warmup_prefix` the warm-up overlaps the start of the
 *   schedule (cosine jumps from its warm-up to its value at `warmup_t`); with it the schedule
 *   starts after the warm-up.
 * - cycles: cycle `i = floor(log(1 - t / t_initial * (1 - cycle_mul), cycle_mul))` (or
 *   `t // t_initial`); cycle `i` peaks at `base_lr * cycle_decay ** i` and only the first
 *   `cycle_limit` cycles run, then `lr_min` holds (timm raises a math domain error where
 *   `cycle_mul < 1` runs out of cycles; lrkit holds `lr_min` there too).
 * - `k_decay`: cosine and poly use `t_curr ** k / t_i ** k`.
 * - multistep switches at `bisect_right(milestones, t + 1)`: one step BEFORE PyTorch's MultiStepLR.
 * - noise: from `noise_range_t` on (or inside `[start, end)`), `lr + lr * noise`, with noise a
 *   standard normal redrawn until `|noise| < noise_pct` from a generator seeded with
 *   `noise_seed + t` (`noise_std` is accepted and, as in timm, unused).
 */
import { timmCycle } from '../annealing-cycles.js';
import { bisectRight } from '../bisect-right.js';
import { timmNoise } from '../noise.js';
import { pythonFloorDivide } from './python-numbers.js';

/** The arguments a timm scheduler class receives (after `create_scheduler_v2` scaled them to steps). */
export interface TimmClassArguments {
  readonly learningRate: number;
  readonly t_initial: number;
  readonly lr_min: number;
  readonly cycle_mul: number;
  readonly cycle_decay: number;
  readonly cycle_limit: number;
  readonly warmup_t: number;
  readonly warmup_lr_init: number;
  readonly warmup_prefix: boolean;
  readonly k_decay: number;
  /** Tanh bounds (`lb`, `ub`): timm's defaults -7 and 3. */
  readonly lb: number;
  readonly ub: number;
  /** Poly power (`create_scheduler_v2` passes `decay_rate`). */
  readonly power: number;
  /** Step: `decay_t`; multistep: the milestones. */
  readonly decay_t: number;
  readonly milestones: readonly number[];
  readonly decay_rate: number;
}

type Curve = (a: TimmClassArguments, t: number) => number;

const cosineCurve: Curve = (a, t) => {
  const [i, tI, tCurrent] = timmCycle(t, a.t_initial, a.cycle_mul);
  const lrMax = a.learningRate * a.cycle_decay ** i;
  const k = a.k_decay;
  if (!(i < a.cycle_limit)) return a.lr_min;
  return a.lr_min + 0.5 * (lrMax - a.lr_min) * (1 + Math.cos((Math.PI * tCurrent ** k) / tI ** k));
};

const tanhCurve: Curve = (a, t) => {
  const [i, tI, tCurrent] = timmCycle(t, a.t_initial, a.cycle_mul);
  if (!(i < a.cycle_limit)) return a.lr_min;
  const lrMax = a.learningRate * a.cycle_decay ** i;
  const tr = tCurrent / tI;
  return a.lr_min + 0.5 * (lrMax - a.lr_min) * (1 - Math.tanh(a.lb * (1 - tr) + a.ub * tr));
};

const polyCurve: Curve = (a, t) => {
  const [i, tI, tCurrent] = timmCycle(t, a.t_initial, a.cycle_mul);
  const lrMax = a.learningRate * a.cycle_decay ** i;
  const k = a.k_decay;
  if (!(i < a.cycle_limit)) return a.lr_min;
  return a.lr_min + (lrMax - a.lr_min) * (1 - tCurrent ** k / tI ** k) ** a.power;
};

const stepCurve: Curve = (a, t) => a.learningRate * a.decay_rate ** pythonFloorDivide(t, a.decay_t);

const multistepCurve: Curve = (a, t) => a.learningRate * a.decay_rate ** bisectRight(a.milestones, t + 1);

/** The timm schedulers `create_scheduler_v2` builds from a step, by `sched` name. */
export const timmCurves: Readonly<Record<'cosine' | 'tanh' | 'poly' | 'step' | 'multistep', Curve>> = {
  cosine: cosineCurve,
  tanh: tanhCurve,
  poly: polyCurve,
  step: stepCurve,
  multistep: multistepCurve,
};

/** `_get_lr(t)` of scheduler `sched`: the warm-up, then the curve at `t` (or `t - warmup_t` with `warmup_prefix`). */
export function timmLearningRate(sched: keyof typeof timmCurves, a: TimmClassArguments): (t: number) => number {
  const curve = timmCurves[sched];
  let warmupIncrement = 1;
  if (a.warmup_t) {
    const target = sched === 'tanh' && !a.warmup_prefix ? curve(a, a.warmup_t) : a.learningRate;
    warmupIncrement = (target - a.warmup_lr_init) / a.warmup_t;
  }
  return (t) => {
    if (t < a.warmup_t) return a.warmup_lr_init + t * warmupIncrement;
    return curve(a, a.warmup_prefix ? t - a.warmup_t : t);
  };
}

/** Where noise applies: `t >= start` (timm's scalar `noise_range_t`) or `start <= t < end` (a pair). */
export interface TimmNoiseRange {
  readonly start: number;
  readonly end: number;
}

/** `_add_noise`: `lr + lr * noise` inside the range. */
export function withTimmNoise(formula: (t: number) => number, range: TimmNoiseRange | null, seed: number, limit: number): (t: number) => number {
  if (range === null) return formula;
  return (t) => {
    const value = formula(t);
    if (!(range.start <= t && t < range.end)) return value;
    return value + value * timmNoise(seed, limit, t);
  };
}
