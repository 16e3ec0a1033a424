import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArgument } from './schedule-argument.js';
import { finiteNumber, knownKeys, nonNegativeNumber, oneOf, optionKeys, required } from './validation.js';

/** Options of {@link overlappingWarmup}. */
export interface OverlappingWarmupOptions {
  /** The schedule; it keeps counting from step 0 (the warm-up replaces its first steps). */
  readonly schedule: Schedule;
  /** Length of the warm-up in steps (timm `warmup_t`). */
  readonly warmupSteps: number;
  /** The value at step 0 (timm `warmup_lr_init`). Default 0. */
  readonly initialValue?: number;
  /** Ramp to `schedule(0)` (`'start'`, timm's cosine, poly and step) or to `schedule(warmupSteps)` (`'end'`, timm's tanh). Default `'start'`. */
  readonly target?: 'start' | 'end';
}

/** The JSON config of an {@link overlappingWarmup} schedule. */
export interface OverlappingWarmupConfig {
  readonly type: 'overlapping-warmup';
  readonly schedule: ScheduleConfig;
  readonly warmupSteps: number;
  readonly initialValue: number;
  readonly target: 'start' | 'end';
}

/** The option keys of {@link overlappingWarmup}. */
const overlappingWarmupKeys = optionKeys<OverlappingWarmupOptions>({ schedule: true, warmupSteps: true, initialValue: true, target: true });

/**
 * A linear warm-up laid OVER the first `warmupSteps` steps of a schedule instead of before it:
 * timm's default (`warmup_prefix=False`), where `--epochs` counts the warm-up. For
 * `t < warmupSteps`: `initialValue + t * (target - initialValue) / warmupSteps`, with `target`
 * `schedule(0)` or `schedule(warmupSteps)`; from `warmupSteps` on: `schedule(t)`, so the
 * schedule continues where it would have been (with target `'start'` that is a jump down
 * at `warmupSteps`, as in timm). `warmup` delays the schedule instead (timm's `warmup_prefix=True`).
 *
 * @param options - see {@link OverlappingWarmupOptions}.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = overlappingWarmup({ schedule: cosine({ initialValue: 1, decaySteps: 10 }), warmupSteps: 2 });
 * s(1);  // 0.5 (half-way to schedule(0) = 1)
 * s(2);  // 0.904508… (= cosine at step 2)
 * ```
 */
export function overlappingWarmup(options: OverlappingWarmupOptions): Schedule<OverlappingWarmupConfig> {
  const name = 'overlappingWarmup';
  const checked = knownKeys(name, options, overlappingWarmupKeys);
  const schedule = scheduleArgument(name, 'schedule', required(name, 'schedule', checked.schedule));
  const warmupSteps = nonNegativeNumber(name, 'warmupSteps', required(name, 'warmupSteps', checked.warmupSteps));
  const initialValue = finiteNumber(name, 'initialValue', checked.initialValue ?? 0);
  const target = oneOf(name, 'target', checked.target ?? 'start', ['start', 'end'] as const);
  const targetValue = target === 'start' ? schedule(0) : schedule(warmupSteps);
  const increment = warmupSteps > 0 ? (targetValue - initialValue) / warmupSteps : 0;
  const config: OverlappingWarmupConfig = { type: 'overlapping-warmup', schedule: schedule.config, warmupSteps, initialValue, target };
  return defineSchedule(config, (step) => (step < warmupSteps ? initialValue + step * increment : schedule(step)));
}
