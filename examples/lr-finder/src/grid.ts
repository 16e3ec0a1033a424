/**
 * `count` learning rates spaced evenly in log10 between `minimum` and `maximum`, both
 * included exactly: `10^(log10(minimum) + i · (log10(maximum) − log10(minimum)) / (count − 1))`.
 *
 * @param minimum - the smallest learning rate (> 0).
 * @param maximum - the largest learning rate (> minimum).
 * @param count - how many (integer ≥ 2).
 * @returns the learning rates, increasing.
 * @throws RangeError for non-positive bounds, `minimum >= maximum` or `count < 2`.
 * @example
 * ```ts
 * logSpacedGrid(1e-4, 1, 7); // [1e-4, 4.64e-4, 2.15e-3, 1e-2, 4.64e-2, 0.215, 1]
 * ```
 */
export function logSpacedGrid(minimum: number, maximum: number, count: number): number[] {
  if (!(Number.isFinite(minimum) && minimum > 0 && Number.isFinite(maximum) && maximum > minimum)) {
    throw new RangeError(
      `logSpacedGrid: \`minimum\` and \`maximum\` must be positive finite numbers with minimum < maximum; received ${minimum} and ${maximum}`,
    );
  }
  if (!(Number.isInteger(count) && count >= 2)) {
    throw new RangeError(`logSpacedGrid: \`count\` must be an integer >= 2; received ${count}`);
  }
  const low = Math.log10(minimum);
  const high = Math.log10(maximum);
  return Array.from({ length: count }, (_, index) => {
    if (index === 0) return minimum;
    if (index === count - 1) return maximum;
    return 10 ** (low + (index * (high - low)) / (count - 1));
  });
}
