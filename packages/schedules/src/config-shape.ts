import { limits } from './limits.js';

/**
 * Walks a config iteratively (no recursion, so no stack overflow whatever its depth) and throws
 * a `RangeError` when it nests objects/arrays deeper than `limits.maxNestingDepth` (32) or holds
 * more than `limits.maxConfigNodes` (100,000) values; a cycle is reported as too deep.
 * `fromConfig` runs it before any other check, so that its recursive loading is bounded, and
 * `defineSchedule` runs it on every schedule's config, so that a schedule built in code nests no
 * deeper than one loaded from JSON (and `toConfig` always gives a config `fromConfig` accepts).
 *
 * @param config - any value.
 * @param owner - the function named in the error.
 * @example
 * ```ts
 * let deep: unknown = 1;
 * for (let level = 0; level < 100; level += 1) deep = [deep];
 * checkConfigShape(deep, 'fromConfig'); // RangeError: fromConfig: a config may nest objects and arrays at most 32 deep …
 * ```
 */
export function checkConfigShape(config: unknown, owner: string): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: config, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    nodes += 1;
    if (nodes > limits.maxConfigNodes) {
      throw new RangeError(`${owner}: a config may hold at most ${limits.maxConfigNodes} values (limits.maxConfigNodes); received a larger one`);
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxNestingDepth) {
      throw new RangeError(
        `${owner}: a config may nest objects and arrays at most ${limits.maxNestingDepth} deep (limits.maxNestingDepth); ` +
          'received a deeper one (or a cycle)',
      );
    }
    if (Array.isArray(value)) {
      // A longer array is refused, with its name, by the schedule's own array check.
      if (value.length > limits.maxArrayLength) continue;
      for (let index = 0; index < value.length; index += 1) stack.push({ value: value[index], depth: depth + 1 });
    } else {
      for (const key in value) {
        if (Object.hasOwn(value, key)) stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
      }
    }
  }
}
