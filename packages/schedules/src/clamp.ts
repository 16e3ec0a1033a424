import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArgument } from './schedule-argument.js';
import { describeValue, finiteNumber, knownKeys, optionKeys, required } from './validation.js';

/** Options of {@link clamp}. */
export interface ClampOptions {
  /** The schedule to bound. */
  readonly schedule: Schedule;
  /** The floor (PyTorch `eta_min`/`min_lr` style). Omit for no floor. */
  readonly minValue?: number;
  /** The ceiling. Omit for no ceiling; must be >= `minValue`. */
  readonly maxValue?: number;
}

/** The JSON config of a {@link clamp} schedule; bounds are present only when given. */
export interface ClampConfig {
  readonly type: 'clamp';
  readonly schedule: ScheduleConfig;
  readonly minValue?: number;
  readonly maxValue?: number;
}

/** The option keys of {@link clamp}. */
const clampKeys = optionKeys<ClampOptions>({ schedule: true, minValue: true, maxValue: true });

/**
 * Bounds a schedule: `f(t) = min(max(schedule(t), minValue), maxValue)`, each bound
 * applied only when given.
 *
 * @param options - see {@link ClampOptions}.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = clamp({ schedule: cosine({ initialValue: 1, decaySteps: 100 }), minValue: 0.1 });
 * s(100); // 0.1
 * ```
 */
export function clamp(options: ClampOptions): Schedule<ClampConfig> {
  const name = 'clamp';
  const checked = knownKeys(name, options, clampKeys, { allowNull: false });
  const schedule = scheduleArgument(name, 'schedule', required(name, 'schedule', checked.schedule));
  const minValue = checked.minValue === undefined ? undefined : finiteNumber(name, 'minValue', checked.minValue);
  const maxValue = checked.maxValue === undefined ? undefined : finiteNumber(name, 'maxValue', checked.maxValue);
  if (minValue !== undefined && maxValue !== undefined && maxValue < minValue) {
    throw new RangeError(`${name}: \`maxValue\` must be >= \`minValue\` (${minValue}); received ${describeValue(maxValue)}`);
  }
  const low = minValue ?? -Infinity;
  const high = maxValue ?? Infinity;
  const config: ClampConfig = {
    type: name,
    schedule: schedule.config,
    ...(minValue === undefined ? {} : { minValue }),
    ...(maxValue === undefined ? {} : { maxValue }),
  };
  return defineSchedule(config, (step) => {
    const value = schedule(step);
    return value < low ? low : value > high ? high : value;
  });
}
