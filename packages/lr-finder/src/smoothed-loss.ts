import { numberBetween } from '@lrkit/schedules/validation';

/** fastai's `AvgSmoothLoss` default: β = 0.98. */
export const defaultSmoothing = 0.98;

/** An incremental bias-corrected exponential moving average of the loss. */
export interface LossSmoother {
  /** Adds the loss of the next batch and returns the smoothed loss after it. */
  update(loss: number): number;
  /** The number of losses added so far. */
  readonly count: number;
}

/**
 * A bias-corrected exponential moving average (fastai `AvgSmoothLoss`), batch `i` from 0:
 *
 * `average_i = β · average_(i−1) + (1 − β) · loss_i` with `average_(−1) = 0`, and
 * `smoothed_i = average_i / (1 − β^(i+1))`.
 *
 * The correction removes the pull towards 0 of the start, so `smoothed_0 = loss_0` for any β.
 * β = 0 turns smoothing off (`smoothed_i = loss_i`). A NaN or infinite loss makes every later
 * smoothed value non-finite too (the range test stops there).
 *
 * pytorch-lr-finder smooths without the correction (`smoothed = f · loss + (1 − f) · previous`,
 * first value unsmoothed, f = 0.05, i.e. β = 0.95).
 *
 * @param smoothing - β in [0, 1). Default 0.98.
 * @throws RangeError when β is outside [0, 1).
 * @example
 * ```ts
 * const smoother = createLossSmoother(0.5);
 * smoother.update(4); // 4
 * smoother.update(1); // (0.5·2 + 0.5) / (1 − 0.25) = 2
 * ```
 */
export function createLossSmoother(smoothing: number = defaultSmoothing): LossSmoother {
  const beta = checkSmoothing('createLossSmoother', smoothing);
  let average = 0;
  let count = 0;
  return {
    update(loss: number): number {
      average = beta * average + (1 - beta) * loss;
      count += 1;
      return beta === 0 ? loss : average / (1 - beta ** count);
    },
    get count() {
      return count;
    },
  };
}

/**
 * The bias-corrected smoothed losses of a whole curve (see {@link createLossSmoother}).
 *
 * @param losses - raw losses, batch 0 first.
 * @param smoothing - β in [0, 1). Default 0.98.
 * @example
 * ```ts
 * smoothLosses([4, 1], 0.5); // [4, 2]
 * ```
 */
export function smoothLosses(losses: readonly number[], smoothing: number = defaultSmoothing): number[] {
  const smoother = createLossSmoother(checkSmoothing('smoothLosses', smoothing));
  return losses.map((loss) => smoother.update(loss));
}

/** Checks β ∈ [0, 1) with the message of the library. */
export function checkSmoothing(owner: string, smoothing: unknown): number {
  const beta = numberBetween(owner, 'smoothing', smoothing, 0, 1);
  if (beta === 1) {
    throw new RangeError(`${owner}: \`smoothing\` must be a number in [0, 1); received 1`);
  }
  return beta;
}
