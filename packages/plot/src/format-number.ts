/**
 * A short label for an axis tick or a legend: up to 3 significant digits, exponential notation
 * for very small or very large magnitudes (`0.1`, `0.00125` → `1.25e-3`, `250000` → `2.5e+5`).
 *
 * @example
 * ```ts
 * formatNumber(0.1);      // '0.1'
 * formatNumber(0.000125); // '1.25e-4'
 * ```
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) return Number(value.toPrecision(3)).toExponential();
  return String(Number(value.toPrecision(3)));
}
