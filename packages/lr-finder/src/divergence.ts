/** Why a range test stopped before its last batch. */
export type StopReason = 'diverged' | 'non-finite' | 'data-exhausted';

/** What {@link createDivergenceCheck}'s `update` concludes about one batch. */
export interface DivergenceVerdict {
  /** The lowest finite smoothed loss so far (including this batch). */
  readonly best: number;
  /** Set when the test must stop at this batch. */
  readonly stop?: 'diverged' | 'non-finite';
}

/** fastai `LRFinder` stops at 4 × the best smoothed loss (pytorch-lr-finder: 5 ×). */
export const defaultDivergeThreshold = 4;

/** A running divergence check of the range test. */
export interface DivergenceCheck {
  /** Feeds the raw and smoothed loss of the next batch. */
  update(loss: number, smoothedLoss: number): DivergenceVerdict;
}

/**
 * The divergence rule of the range test, evaluated after every batch:
 *
 * - `'non-finite'` when the raw or the smoothed loss is NaN or ±Infinity (always);
 * - `'diverged'` when `smoothedLoss > divergeThreshold × best`, where `best` is the lowest
 *   smoothed loss so far including this batch (fastai's `smooth_loss > 4 * best_loss`),
 *   unless `stopOnDivergence` is false.
 *
 * The rule assumes positive losses (as cross-entropy and squared errors are); with a loss
 * that can be ≤ 0 pass `stopOnDivergence: false` and rely on the non-finite stop.
 *
 * @param divergeThreshold - factor over the best smoothed loss (> 1). Default 4.
 * @param stopOnDivergence - whether the threshold stops the test. Default true.
 * @example
 * ```ts
 * const check = createDivergenceCheck(4);
 * check.update(1, 1); // { best: 1 }
 * check.update(9, 4.5); // { best: 1, stop: 'diverged' }
 * ```
 */
export function createDivergenceCheck(divergeThreshold = defaultDivergeThreshold, stopOnDivergence = true): DivergenceCheck {
  let best = Infinity;
  return {
    update(loss: number, smoothedLoss: number): DivergenceVerdict {
      if (!Number.isFinite(loss) || !Number.isFinite(smoothedLoss)) return { best, stop: 'non-finite' };
      if (smoothedLoss < best) best = smoothedLoss;
      if (stopOnDivergence && smoothedLoss > divergeThreshold * best) return { best, stop: 'diverged' };
      return { best };
    },
  };
}
