/**
 * How far the suggestions of a range test can be trusted, and why not. Within the analysed
 * window, a curve is not confident when it has fewer than 10 points, when its smoothed loss
 * never falls, when the fall is less than 3 × the batch noise of the raw loss, or when its
 * lowest smoothed loss is its last point (the sweep ended before the loss turned up: raise
 * `finalLearningRate`).
 */
export interface RangeTestConfidence {
  /** True when none of the reasons below applies. */
  readonly confident: boolean;
  /** Human-readable reasons for distrust (empty when confident). */
  readonly reasons: readonly string[];
  /** Finite points in the analysed window. */
  readonly points: number;
  /** How far the smoothed loss fell inside the window: its highest value up to the minimum minus the minimum. */
  readonly drop: number;
  /** Batch-to-batch noise of the raw loss: 1.4826 · median |Δ raw loss| / √2 (a robust standard deviation). */
  readonly noise: number;
  /** `drop / noise` (Infinity when the raw loss has no noise). */
  readonly signalToNoise: number;
}

/** A curve with fewer analysed points than this is too short to trust. */
export const minimumConfidentPoints = 10;
/** The smoothed loss must fall by at least this many noise standard deviations. */
export const minimumSignalToNoise = 3;

/**
 * Decides whether a range-test curve is good enough for its suggestions to be trusted.
 * Within the analysed window (after the skipped start and end, cut at the first non-finite
 * value) it is not confident when:
 *
 * 1. it has fewer than 10 points (`minimumConfidentPoints`): the sweep stopped too early or
 *    `totalSteps` is too small;
 * 2. the smoothed loss never falls (`drop <= 0`): the sweep starts too high, or nothing is learnt;
 * 3. the fall is small against the batch noise: `drop < 3 · noise` (`minimumSignalToNoise`),
 *    where `noise` is a robust standard deviation of the raw loss per batch from the median
 *    of its successive differences (a trend contributes little to those);
 * 4. the lowest smoothed loss of the whole finite curve is its last point: the loss was still
 *    falling when the sweep ended, so the curve never showed where training breaks down
 *    (raise `finalLearningRate`).
 *
 * @param rawLosses - the raw losses of the window.
 * @param smoothedLosses - the smoothed losses of the window (finite).
 * @param curveSmoothedLosses - the smoothed losses of the whole curve up to its first
 *   non-finite value (for rule 4). Default `smoothedLosses`.
 * @example
 * ```ts
 * assessConfidence([2, 1.9, 1.6], [2, 1.95, 1.8]).confident; // false: 3 points
 * ```
 */
export function assessConfidence(
  rawLosses: readonly number[],
  smoothedLosses: readonly number[],
  curveSmoothedLosses: readonly number[] = smoothedLosses,
): RangeTestConfidence {
  const points = smoothedLosses.length;
  const reasons: string[] = [];
  let minimumAt = 0;
  smoothedLosses.forEach((loss, index) => {
    if (loss < (smoothedLosses[minimumAt] as number)) minimumAt = index;
  });
  const before = smoothedLosses.slice(0, minimumAt + 1);
  const drop = points === 0 ? 0 : Math.max(...before) - (smoothedLosses[minimumAt] as number);
  const differences: number[] = [];
  for (let index = 1; index < rawLosses.length; index += 1) {
    const difference = Math.abs((rawLosses[index] as number) - (rawLosses[index - 1] as number));
    if (Number.isFinite(difference)) differences.push(difference);
  }
  const noise = differences.length === 0 ? 0 : (1.4826 * median(differences)) / Math.SQRT2;
  const signalToNoise = noise === 0 ? (drop > 0 ? Infinity : 0) : drop / noise;

  if (points < minimumConfidentPoints) {
    reasons.push(`only ${points} point(s) to analyse (need ${minimumConfidentPoints}): the sweep stopped early or totalSteps is too small`);
  }
  if (points > 0 && !(drop > 0)) {
    reasons.push('the smoothed loss never decreased: start the sweep lower (initialLearningRate) or check the model and data');
  } else if (points > 0 && signalToNoise < minimumSignalToNoise) {
    reasons.push(
      `the loss fell by ${formatNumber(drop)}, less than ${minimumSignalToNoise} × its batch noise ${formatNumber(noise)}: ` +
        'use more iterations, larger batches or more smoothing',
    );
  }
  const curveMinimumAt = curveSmoothedLosses.reduce((best, loss, index) => (loss < (curveSmoothedLosses[best] as number) ? index : best), 0);
  if (points >= 2 && curveSmoothedLosses.length >= 2 && curveMinimumAt === curveSmoothedLosses.length - 1) {
    reasons.push('the loss was still decreasing at the end of the analysed window: raise finalLearningRate to see where training breaks down');
  }
  return { confident: reasons.length === 0, reasons, points, drop, noise, signalToNoise };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
