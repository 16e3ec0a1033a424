/**
 * fastai's `minimum` rule: the point of the lowest smoothed loss (the first one on ties);
 * the suggestion is its learning rate divided by 10, a rate that is still safely below the
 * region where the loss turns up.
 *
 * @param losses - the smoothed losses, all finite.
 * @returns the index of the lowest loss, or undefined for an empty curve.
 * @example
 * ```ts
 * minimumIndex([3, 1, 2]); // 1 → suggestion learningRates[1] / 10
 * ```
 */
export function minimumIndex(losses: readonly number[]): number | undefined {
  let best: number | undefined;
  losses.forEach((loss, index) => {
    if (best === undefined || loss < (losses[best] as number)) best = index;
  });
  return best;
}
