import { smoothLosses } from './smoothed-loss.js';

/**
 * The smoothing of the `edge` rule: a bias-corrected moving average with β = 0.95 (an
 * effective window of about 20 batches; pytorch-lr-finder's `smooth_f = 0.05`). It is lighter
 * than the curve's default 0.98 (about 50 batches, half of a 100-batch sweep), so the minimum
 * it finds trails the raw loss's turn by fewer batches.
 */
export const edgeSmoothing = 0.95;

/**
 * The `edge` rule's margin: the suggestion is the edge's learning rate divided by 3. Smith's
 * range test (2017, "Cyclical Learning Rates for Training Neural Networks", §3.3) reads the
 * maximum usable rate off the curve and sets the lower bound 3 to 4 times below it; a
 * constant rate trained for a whole run needs that margin, not the tenfold one of
 * `minimum / 10`.
 */
export const edgeDivisor = 3;

/**
 * The `edge` rule: the point where training stops improving, found as the minimum of the raw
 * losses smoothed with {@link edgeSmoothing} (bias-corrected, from the first point of the
 * sweep), searched inside the analysed window. The suggestion is that point's learning rate
 * divided by {@link edgeDivisor}.
 *
 * Why this point: for (stochastic) gradient descent the loss falls while the learning rate
 * is below the edge of stability (about 2 / the largest curvature) and stops falling, or
 * rises, past it. The edge is the one sharp feature of a range test; the start of the descent
 * (`valley`) sits in the long flat part and moves with the batch noise, and the steepest
 * point of a heavily smoothed curve (`steepest`) lags towards the edge itself.
 *
 * @param rawLosses - the raw (unsmoothed) losses of the finite prefix of the sweep.
 * @param start - the first index of the analysed window.
 * @param end - one past its last index (`end > start`).
 * @returns the index (into the whole curve) of the edge, or undefined for an empty window.
 * @example
 * ```ts
 * edgeIndex([3, 2.5, 2, 1.5, 1, 2, 6, 9], 0, 8); // 4
 * ```
 */
export function edgeIndex(rawLosses: readonly number[], start: number, end: number): number | undefined {
  const smoothed = smoothLosses(rawLosses.slice(0, end), edgeSmoothing);
  let best: number | undefined;
  for (let index = start; index < end && index < smoothed.length; index += 1) {
    if (best === undefined || (smoothed[index] as number) < (smoothed[best] as number)) best = index;
  }
  return best;
}
