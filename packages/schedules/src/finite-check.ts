import { excerpt } from './excerpt.js';
import { limits } from './limits.js';
import { scheduleOwner } from './schedule-owner.js';

const maxConfigNumbers = 64;

/**
 * The steps at which {@link checkFiniteOverDomain} evaluates a schedule: the ends of the domain
 * (0 and `limits.maxStep`), every power of two in between (where a growth that overflows shows
 * first), and around each of the first 64 numbers of the config and their running sums (the
 * boundaries, periods and phase ends where a schedule turns).
 *
 * @example
 * ```ts
 * probeSteps({ type: 'step', initialValue: 0.1, periodSteps: 30, factor: 0.1 }).includes(30); // true
 * ```
 */
export function probeSteps(config: unknown): number[] {
  const steps = new Set<number>([0, 0.5, 1, limits.maxStep - 1, limits.maxStep]);
  for (let power = 1; power < 53; power += 1) steps.add(2 ** power);
  let sum = 0;
  for (const value of configNumbers(config)) {
    sum += value;
    for (const center of [value, sum]) {
      for (const step of [center - 1, center - 0.5, center, center + 0.5, center + 1]) {
        if (step >= 0 && step <= limits.maxStep) steps.add(step);
      }
    }
  }
  return [...steps].sort((a, b) => a - b);
}

/** The first finite non-negative numbers of a config, breadth first, iteratively. */
function configNumbers(config: unknown): number[] {
  const found: number[] = [];
  const queue: unknown[] = [config];
  let visited = 0;
  for (let head = 0; head < queue.length && found.length < maxConfigNumbers && visited < 10_000; head += 1) {
    visited += 1;
    const value = queue[head];
    if (typeof value === 'number') {
      if (value >= 0 && value <= limits.maxStep) found.push(value);
    } else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value as Record<string, unknown>)) queue.push(inner);
    }
  }
  return found;
}

/** Whether a config contains a user function (a `lambda` marker), whose values cannot be probed. */
function holdsFunction(config: unknown): boolean {
  const stack: unknown[] = [config];
  let visited = 0;
  while (stack.length > 0 && visited < 10_000) {
    visited += 1;
    const value = stack.pop();
    if (value !== null && typeof value === 'object') {
      if ((value as { type?: unknown }).type === 'lambda') return true;
      for (const inner of Object.values(value as Record<string, unknown>)) stack.push(inner);
    }
  }
  return false;
}

/**
 * The one finite-value check every schedule goes through (`defineSchedule` calls it): the
 * formula is evaluated at {@link probeSteps} and a `RangeError` is thrown at construction when
 * one of them is not a finite number, so that options whose values overflow a float64 anywhere
 * in the domain `0 … limits.maxStep` (a growth rate > 1 without a ceiling, a stride so large that
 * `a + b` overflows, a product of huge values) are refused with one clear line instead of
 * returning `Infinity` or `NaN` later. A formula that throws at a probe is left to throw at that
 * step when called. Configs holding a user function (`lambda`) are not probed (the function may
 * be expensive or impure); the evaluation guard of `defineSchedule` still throws on a
 * non-finite value.
 *
 * @example
 * ```ts
 * checkFiniteOverDomain({ type: 'exponential', initialValue: 1, decayRate: 2 }, (t) => 2 ** t);
 * // RangeError: exponential: these options give a non-finite value (Infinity) at step 1024; …
 * ```
 */
export function checkFiniteOverDomain(config: { readonly type: string }, formula: (step: number) => number): void {
  if (holdsFunction(config)) return;
  for (const step of probeSteps(config)) {
    let value: number;
    try {
      value = formula(step);
    } catch {
      continue;
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `${scheduleLabel(config)}: these options give a non-finite value (${String(value)}) at step ${step}; a schedule must ` +
          `stay finite over steps 0 … ${limits.maxStep} (use smaller values, a growth rate <= 1 or a ceiling); ` +
          `received ${excerpt(config, 120)}`,
      );
    }
  }
}

/** The builder (`cosine`, `oneCycle`), or the framework class of a preset (`torch StepLR`, `keras ExponentialDecay`). */
function scheduleLabel(config: { readonly type: string }): string {
  const record = config as { readonly name?: unknown; readonly class_name?: unknown };
  const inner = typeof record.name === 'string' ? record.name : typeof record.class_name === 'string' ? record.class_name : undefined;
  return inner === undefined ? scheduleOwner(config.type) : `${config.type} ${inner}`;
}
