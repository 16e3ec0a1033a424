import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArgument } from './schedule-argument.js';
import { describeValue, finiteNumber, knownKeys, nonNegativeNumber, oneOf, optionKeys, required } from './validation.js';

/** The curve of a {@link warmup} from `initialValue` to the wrapped schedule's start. */
export type WarmupShape = 'linear' | 'cosine' | 'exponential';

/** Options of {@link warmup}. */
export interface WarmupOptions {
  /** The schedule that follows the warm-up; it starts (at its own step 0) when the warm-up ends. */
  readonly schedule: Schedule;
  /** Length of the warm-up in steps; the value reaches `schedule(0)` exactly here. */
  readonly warmupSteps: number;
  /** The value at step 0 (HF: 0, timm `warmup_lr_init`). Default 0; must be > 0 for `'exponential'`. */
  readonly initialValue?: number;
  /** `'linear'`, `'cosine'` (half-cosine ease, as fastai) or `'exponential'` (geometric). Default `'linear'`. */
  readonly shape?: WarmupShape;
}

/** The JSON config of a {@link warmup} schedule. */
export interface WarmupConfig {
  readonly type: 'warmup';
  readonly schedule: ScheduleConfig;
  readonly warmupSteps: number;
  readonly initialValue: number;
  readonly shape: WarmupShape;
}

/** The option keys of {@link warmup}. */
const warmupKeys = optionKeys<WarmupOptions>({ schedule: true, warmupSteps: true, initialValue: true, shape: true });

/**
 * Prepends a warm-up to any schedule. The warm-up runs from `initialValue` to
 * `target = schedule(0)` over `warmupSteps` steps; the wrapped schedule then starts at
 * its own step 0, so its decay steps are counted after the warm-up (as Keras
 * `CosineDecay(warmup_steps=…)`; optax's `warmup_cosine_decay_schedule` counts them
 * from step 0 instead).
 *
 * With `p = t / warmupSteps`, for `t < warmupSteps`:
 * `'linear'`: `initialValue + (target - initialValue) * p`;
 * `'cosine'`: `initialValue + (target - initialValue) * (1 - cos(pi * p)) / 2`;
 * `'exponential'`: `initialValue * (target / initialValue) ** p`.
 * For `t >= warmupSteps`: `schedule(t - warmupSteps)`.
 *
 * @param options - see {@link WarmupOptions}; `warmupSteps` in steps (may be fractional or 0).
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = warmup({ schedule: cosine({ initialValue: 1, decaySteps: 15 }), warmupSteps: 5 });
 * s(0);  // 0
 * s(1);  // 0.2
 * s(5);  // 1
 * s(20); // 0
 * ```
 * @see https://arxiv.org/abs/1706.02677
 */
export function warmup(options: WarmupOptions): Schedule<WarmupConfig> {
  const name = 'warmup';
  const checked = knownKeys(name, options, warmupKeys, { allowNull: false });
  const schedule = scheduleArgument(name, 'schedule', required(name, 'schedule', checked.schedule));
  const warmupSteps = nonNegativeNumber(name, 'warmupSteps', required(name, 'warmupSteps', checked.warmupSteps));
  const initialValue = finiteNumber(name, 'initialValue', checked.initialValue ?? 0);
  const shape = oneOf(name, 'shape', checked.shape ?? 'linear', ['linear', 'cosine', 'exponential']);
  const target = schedule(0);
  if (shape === 'exponential') {
    if (!(initialValue > 0)) {
      throw new RangeError(`${name}: \`initialValue\` must be a positive finite number when shape is 'exponential'; received ${describeValue(initialValue)}`);
    }
    if (!(target > 0)) {
      throw new RangeError(`${name}: \`schedule\` must start at a positive value when shape is 'exponential'; received schedule(0) = ${describeValue(target)}`);
    }
  }
  const rise = target - initialValue;
  const ratio = target / initialValue;
  const config: WarmupConfig = { type: name, schedule: schedule.config, warmupSteps, initialValue, shape };
  const after = (step: number): number => schedule(step - warmupSteps);
  let formula: (step: number) => number;
  if (shape === 'linear') {
    formula = (step) => (step < warmupSteps ? initialValue + (rise * step) / warmupSteps : after(step));
  } else if (shape === 'cosine') {
    formula = (step) => (step < warmupSteps ? initialValue + (rise * (1 - Math.cos((Math.PI * step) / warmupSteps))) / 2 : after(step));
  } else {
    formula = (step) => (step < warmupSteps ? initialValue * ratio ** (step / warmupSteps) : after(step));
  }
  return defineSchedule(config, formula);
}
