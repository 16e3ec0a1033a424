/**
 * Argument checks: the shared lrkit helpers from `@lrkit/schedules/validation`, plus the few
 * this package needs on top (momentum coefficients, budgets, epoch boundaries).
 */
import { arrayOption, fail } from '@lrkit/schedules/validation';

export {
  arrayOption,
  booleanOption,
  describeValue,
  fail,
  integerStep,
  knownKeys,
  optionKeys,
  positiveInteger,
  positiveNumber,
  required,
} from '@lrkit/schedules/validation';

/** Requires a number in the half-open interval [0, 1) (a momentum coefficient). */
export function momentumValue(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a number in [0, 1)', value, 'type');
  if (!(value >= 0 && value < 1)) fail(owner, name, 'a number in [0, 1)', value, 'range');
  return value;
}

/** Requires a number > 0 (`Infinity` allowed). */
export function positiveOrInfinite(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number') fail(owner, name, 'a number > 0 (Infinity allowed)', value, 'type');
  if (!(value > 0)) fail(owner, name, 'a number > 0 (Infinity allowed)', value, 'range');
  return value;
}

/** Requires a non-empty, dense array of strictly increasing integers >= 1 (epoch boundaries), at most `limits.maxArrayLength` long. */
export function increasingEpochs(owner: string, name: string, value: unknown): number[] {
  const rule = 'a non-empty array of strictly increasing integers >= 1 (epochs)';
  const items = arrayOption(owner, name, value, rule);
  if (items.length === 0) fail(owner, name, rule, value, 'range');
  items.forEach((item: unknown, index) => {
    if (typeof item !== 'number' || !Number.isSafeInteger(item) || item < 1) {
      fail(owner, `${name}[${index}]`, 'an integer >= 1 (an epoch)', item, typeof item === 'number' ? 'range' : 'type');
    }
    const previous = items[index - 1] as number | undefined;
    if (previous !== undefined && !(item > previous)) {
      fail(owner, name, `strictly increasing (${name}[${index}] = ${String(item)} follows ${previous})`, value, 'range');
    }
  });
  return items as number[];
}
