/**
 * Python's number semantics where they differ from JavaScript's, for the framework presets
 * (`int(x)` truncation, float floor division `//`, `math.log(x, base)`).
 */

/** Python `int(x)` of a float: truncation toward zero. */
export function pythonInt(value: number): number {
  return Math.trunc(value);
}

/**
 * Python's float floor division `a // b`, ported from CPython `float_floor_div` (fmod, then a
 * correction), which can differ from `Math.floor(a / b)` by one when `a / b` rounds up to an integer.
 */
export function pythonFloorDivide(a: number, b: number): number {
  let modulo = a % b;
  let division = (a - modulo) / b;
  if (modulo !== 0) {
    if (b < 0 !== modulo < 0) {
      modulo += b;
      division -= 1;
    }
  }
  if (division === 0) return 0 * Math.sign(a / b);
  let floored = Math.floor(division);
  if (division - floored > 0.5) floored += 1;
  return floored;
}

/** Python `math.log(x, base)`: `log(x) / log(base)`. */
export function pythonLog(value: number, base: number): number {
  return Math.log(value) / Math.log(base);
}
