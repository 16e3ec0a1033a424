/**
 * The number of entries of the ascending `sorted` that are <= `value`, by binary search
 * (Python's `bisect.bisect_right`): the index of the segment `value` falls in when the
 * entries are boundaries that apply AT their own step. Internal: shared by `multiStep`,
 * `piecewiseConstant`, `join` and the PyTorch and timm presets.
 *
 * @example
 * ```ts
 * bisectRight([0, 10, 10, 30], 10); // 3
 * bisectRight([30, 80], 29);        // 0
 * ```
 */
export function bisectRight(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value < (sorted[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}
