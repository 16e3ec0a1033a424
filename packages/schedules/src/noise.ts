import { limits } from './limits.js';
import { defineSchedule, type Schedule, type ScheduleConfig } from './schedule.js';
import { scheduleArgument } from './schedule-argument.js';
import { TorchGenerator } from './torch-generator.js';
import { describeValue, fail, knownKeys, nonNegativeInteger, nonNegativeNumber, optionKeys, required } from './validation.js';

/**
 * timm's `_calculate_noise(t)`: a generator seeded with `seed + t`, standard normal draws
 * repeated until one has `|noise| < limit`. `t` is floored to an integer for the seed.
 */
export function timmNoise(seed: number, limit: number, t: number): number {
  // PyTorch seeds MT19937 with the low 32 bits of `seed + t`: summing the low 32 bits of each
  // keeps that exact for every safe seed and step (their plain sum could pass 2^53).
  const generator = new TorchGenerator(((seed % 2 ** 32) + (Math.floor(t) % 2 ** 32)) % 2 ** 32);
  // Redrawing until |n| < limit takes about 1.25 / limit draws for a small limit: bounded by
  // noiseLimit's minimum (limits.minNoiseLimit), and by a hard cap so no option can spin forever.
  for (let draw = 0; draw < limits.maxNoiseDraws; draw += 1) {
    const noise = generator.randn();
    if (Math.abs(noise) < limit) return noise;
  }
  throw new RangeError(`noise: no standard normal draw fell inside (-${limit}, ${limit}) in ${limits.maxNoiseDraws} draws (limits.maxNoiseDraws) at step ${t}`);
}

/**
 * Requires a noise limit (timm `noise_pct`) in `[limits.minNoiseLimit, Infinity)`: a smaller one
 * would make every evaluation redraw thousands of normal numbers (about 1.25 / limit of them).
 *
 * @example
 * ```ts
 * noiseLimit('noise', 'limit', 0.67); // 0.67
 * noiseLimit('noise', 'limit', 1e-9); // RangeError: noise: `limit` must be a finite number >= 0.01 (limits.minNoiseLimit) …
 * ```
 */
export function noiseLimit(owner: string, name: string, value: unknown): number {
  const rule = `a finite number >= ${limits.minNoiseLimit} (limits.minNoiseLimit: each step redraws about 1.25 / ${name} normal numbers)`;
  if (typeof value !== 'number') fail(owner, name, rule, value, 'type');
  if (!(Number.isFinite(value) && value >= limits.minNoiseLimit)) fail(owner, name, rule, value, 'range');
  return value;
}

/** Options of {@link noise}. */
export interface NoiseOptions {
  /** The schedule to perturb. */
  readonly schedule: Schedule;
  /** First step with noise (timm `noise_range_t`, or its first entry). Default 0. */
  readonly start?: number;
  /** First step without noise again; `null` (default) for never. */
  readonly end?: number | null;
  /** The relative noise stays strictly inside `(-limit, limit)` (timm `noise_pct`). Default 0.67. */
  readonly limit?: number;
  /** Seed: step `t` draws from a generator seeded with `seed + floor(t)` (timm `noise_seed`). Default 42. */
  readonly seed?: number;
}

/** The JSON config of a {@link noise} schedule. */
export interface NoiseConfig {
  readonly type: 'noise';
  readonly schedule: ScheduleConfig;
  readonly start: number;
  readonly end: number | null;
  readonly limit: number;
  readonly seed: number;
}

/** The option keys of {@link noise}. */
const noiseKeys = optionKeys<NoiseOptions>({ schedule: true, start: true, end: true, limit: true, seed: true });

/**
 * Multiplicative learning-rate noise, as timm adds it: for `start <= t < end`,
 * `value = schedule(t) * (1 + n)`, where `n` is a standard normal draw redrawn until
 * `|n| < limit`. The draw for step `t` comes from a generator seeded with `seed + floor(t)`:
 * the noise is deterministic for a seed and pure in the step (any order, any number of
 * evaluations). The generator is a port of PyTorch's CPU generator (MT19937 with
 * Box-Muller), so the values are the ones timm draws with `torch.Generator().manual_seed(seed + t)`.
 *
 * @param options - see {@link NoiseOptions}.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = noise({ schedule: constant({ value: 0.1 }), limit: 0.1, seed: 7 });
 * s(3) === s(3);                 // true: pure in the step
 * Math.abs(s(3) / 0.1 - 1) < 0.1; // true
 * ```
 */
export function noise(options: NoiseOptions): Schedule<NoiseConfig> {
  const name = 'noise';
  const checked = knownKeys(name, options, noiseKeys);
  const schedule = scheduleArgument(name, 'schedule', required(name, 'schedule', checked.schedule));
  const start = nonNegativeNumber(name, 'start', checked.start ?? 0);
  const end = checked.end === undefined || checked.end === null ? null : nonNegativeNumber(name, 'end', checked.end);
  if (end !== null && !(end > start)) {
    throw new RangeError(`${name}: \`end\` must be greater than \`start\` (${start}) or null; received ${describeValue(end)}`);
  }
  const limit = noiseLimit(name, 'limit', checked.limit ?? 0.67);
  const seed = nonNegativeInteger(name, 'seed', checked.seed ?? 42);
  const stop = end ?? Infinity;
  return defineSchedule({ type: name, schedule: schedule.config, start, end, limit, seed }, (step) => {
    const value = schedule(step);
    if (!(start <= step && step < stop)) return value;
    return value + value * timmNoise(seed, limit, step);
  });
}
