import { defineSchedule, type Schedule } from './schedule.js';
import { finiteNumber, knownKeys, nonNegativeNumber, oneOf, optionKeys, positiveNumber, required } from './validation.js';

/** The curve of the final decay of {@link warmupStableDecay}. */
export type WarmupStableDecayShape = 'linear' | 'cosine' | 'sqrt';

/** Options of {@link warmupStableDecay}. */
export interface WarmupStableDecayOptions {
  /** The value held during the stable phase. */
  readonly peakValue: number;
  /** Steps of the linear warm-up from `initialValue` to `peakValue` (may be 0). */
  readonly warmupSteps: number;
  /** Steps held at `peakValue` after the warm-up (may be 0). */
  readonly stableSteps: number;
  /** Steps of the decay from `peakValue` to `finalValue`; the final value is held after. */
  readonly decaySteps: number;
  /** The value at step 0. Default 0. */
  readonly initialValue?: number;
  /** The value at the end of the decay and afterwards. Default 0. */
  readonly finalValue?: number;
  /** `'linear'`, `'cosine'` or `'sqrt'` (`1 - sqrt(p)`, as HF `warmup_stable_decay`). Default `'linear'`. */
  readonly decayShape?: WarmupStableDecayShape;
}

/** The JSON config of a {@link warmupStableDecay} schedule. */
export interface WarmupStableDecayConfig {
  readonly type: 'warmup-stable-decay';
  readonly peakValue: number;
  readonly warmupSteps: number;
  readonly stableSteps: number;
  readonly decaySteps: number;
  readonly initialValue: number;
  readonly finalValue: number;
  readonly decayShape: WarmupStableDecayShape;
}

/** The option keys of {@link warmupStableDecay}. */
const warmupStableDecayKeys = optionKeys<WarmupStableDecayOptions>({
  peakValue: true,
  warmupSteps: true,
  stableSteps: true,
  decaySteps: true,
  initialValue: true,
  finalValue: true,
  decayShape: true,
});

/**
 * Warm-up, stable, decay (WSD; Hu et al. 2024, "MiniCPM"): a linear warm-up to
 * `peakValue`, a plateau, then a decay to `finalValue`, held afterwards.
 *
 * With `W = warmupSteps`, `S = stableSteps`, `D = decaySteps`:
 * `t < W`: `initialValue + (peakValue - initialValue) * t / W`;
 * `W <= t < W + S`: `peakValue`;
 * else, with `p = min((t - W - S) / D, 1)`: `finalValue + (peakValue - finalValue) * d(p)`, where
 * `d(p) = 1 - p` (linear), `(1 + cos(pi * p)) / 2` (cosine) or `1 - sqrt(p)` (sqrt).
 *
 * @param options - see {@link WarmupStableDecayOptions}; phase lengths in steps.
 * @throws RangeError / TypeError for invalid options, naming the option, rule and value.
 * @example
 * ```ts
 * const s = warmupStableDecay({ peakValue: 1, warmupSteps: 10, stableSteps: 80, decaySteps: 10 });
 * s(5);   // 0.5
 * s(50);  // 1
 * s(95);  // 0.5
 * s(100); // 0
 * ```
 * @see https://arxiv.org/abs/2404.06395
 */
export function warmupStableDecay(options: WarmupStableDecayOptions): Schedule<WarmupStableDecayConfig> {
  const name = 'warmupStableDecay';
  const checked = knownKeys(name, options, warmupStableDecayKeys, {
    allowNull: false,
  });
  const peakValue = finiteNumber(name, 'peakValue', required(name, 'peakValue', checked.peakValue));
  const warmupSteps = nonNegativeNumber(name, 'warmupSteps', required(name, 'warmupSteps', checked.warmupSteps));
  const stableSteps = nonNegativeNumber(name, 'stableSteps', required(name, 'stableSteps', checked.stableSteps));
  const decaySteps = positiveNumber(name, 'decaySteps', required(name, 'decaySteps', checked.decaySteps));
  const initialValue = finiteNumber(name, 'initialValue', checked.initialValue ?? 0);
  const finalValue = finiteNumber(name, 'finalValue', checked.finalValue ?? 0);
  const decayShape = oneOf(name, 'decayShape', checked.decayShape ?? 'linear', ['linear', 'cosine', 'sqrt']);
  const decayStart = warmupSteps + stableSteps;
  const rise = peakValue - initialValue;
  const drop = peakValue - finalValue;
  const decay =
    decayShape === 'linear'
      ? (p: number): number => 1 - p
      : decayShape === 'cosine'
        ? (p: number): number => (1 + Math.cos(Math.PI * p)) / 2
        : (p: number): number => 1 - Math.sqrt(p);
  return defineSchedule({ type: 'warmup-stable-decay', peakValue, warmupSteps, stableSteps, decaySteps, initialValue, finalValue, decayShape }, (step) => {
    if (step < warmupSteps) return initialValue + (rise * step) / warmupSteps;
    if (step < decayStart) return peakValue;
    const progress = Math.min((step - decayStart) / decaySteps, 1);
    return finalValue + drop * decay(progress);
  });
}
