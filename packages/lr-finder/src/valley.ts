/**
 * fastai's `valley` rule (fastai ≥ 2.5 default of `lr_find`), reproduced step by step:
 *
 * 1. `lengths[i]` = the length of the longest strictly decreasing subsequence of the smoothed
 *    losses ending at `i` (an O(n²) dynamic programme);
 * 2. `end` = the first index of the longest such subsequence, `start = end − lengths[end]`
 *    (fastai's own arithmetic: one before the first possible member);
 * 3. with `sections = (end − start) / 3`, the pick is
 *    `start + floor(sections) + floor(sections / 2)`: about half-way into the middle third
 *    of the valley, where the loss is still falling well before its minimum.
 *
 * One deviation: when the valley starts at the very first point, fastai's arithmetic can give
 * index −1 (which Python reads as the last point); here the pick is clamped to 0.
 *
 * @param losses - the smoothed losses, all finite.
 * @returns the index of the pick, or undefined for an empty curve.
 * @example
 * ```ts
 * valleyIndex([5, 4, 3, 2, 1, 2, 3]); // 0 (valley ends at 4: start −1, sections 5/3, pick −1 + 1 + 0)
 * ```
 */
export function valleyIndex(losses: readonly number[]): number | undefined {
  const count = losses.length;
  if (count === 0) return undefined;
  const lengths = new Array<number>(count).fill(1);
  let end = 0;
  for (let i = 1; i < count; i += 1) {
    const loss = losses[i] as number;
    let length = 1;
    for (let j = 0; j < i; j += 1) {
      const candidate = (lengths[j] as number) + 1;
      if (loss < (losses[j] as number) && length < candidate) length = candidate;
    }
    lengths[i] = length;
    if ((lengths[end] as number) < length) end = i;
  }
  const start = end - (lengths[end] as number);
  const sections = (end - start) / 3;
  return Math.max(0, start + Math.floor(sections) + Math.floor(sections / 2));
}
