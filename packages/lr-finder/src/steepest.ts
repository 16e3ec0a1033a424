/**
 * fastai's `steep` rule: the point where the smoothed loss falls fastest against the
 * logarithm of the learning rate. With the forward differences
 * `gradient_k = (loss_(k+1) − loss_k) / (ln lr_(k+1) − ln lr_k)`, the pick is the `k` of the
 * most negative gradient and the suggestion is `lr_k` (the left point of the steepest step).
 *
 * For an exponential sweep `ln lr` grows by the same amount every batch, so this is also the
 * steepest step per batch (pytorch-lr-finder's `np.gradient(losses).argmin()`, which uses
 * central differences per index, can pick a neighbouring point). For a linear sweep the
 * gradient is still taken in `ln lr`, the axis the curve is plotted on.
 *
 * @param learningRates - increasing learning rates (at least 2).
 * @param losses - the smoothed losses, same length, all finite.
 * @returns the index of the pick and its gradient (loss per unit of ln lr), or undefined with fewer than 2 points.
 * @example
 * ```ts
 * steepestIndex([1e-3, 1e-2, 1e-1, 1], [2, 1.9, 1.0, 0.9]); // { index: 1, gradient: -0.39… }
 * ```
 */
export function steepestIndex(learningRates: readonly number[], losses: readonly number[]): { index: number; gradient: number } | undefined {
  let best: { index: number; gradient: number } | undefined;
  for (let index = 0; index + 1 < losses.length; index += 1) {
    const gradient =
      ((losses[index + 1] as number) - (losses[index] as number)) / (Math.log(learningRates[index + 1] as number) - Math.log(learningRates[index] as number));
    if (best === undefined || gradient < best.gradient) best = { index, gradient };
  }
  return best;
}
