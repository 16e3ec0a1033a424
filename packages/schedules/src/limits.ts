/**
 * The limits lrkit enforces on every size a user controls, in one place. Every package
 * (schedules, plot, the CLI, tfjs, lr-finder, batch-size) checks its input against these
 * numbers and throws a `RangeError` naming the limit past them, so that no single option,
 * config field or flag can make lrkit run out of memory, run for minutes or print a
 * megabyte-long error.
 *
 * | limit | bound | what it bounds |
 * | --- | --- | --- |
 * | `maxStep` | 2^53 - 1 | the steps a schedule accepts (`schedule(step)`), and so every step count |
 * | `maxArrayLength` | 10,000 | entries of any array option (`boundaries`, `values`, `schedules`, …) |
 * | `maxNestingDepth` | 32 | nesting of objects/arrays in a config given to `fromConfig` (`join` of `warmup` of …) |
 * | `maxConfigNodes` | 100,000 | values (numbers, strings, objects, …) in one config given to `fromConfig` |
 * | `maxExcerptLength` | 200 | characters of a received value quoted in an error message |
 * | `maxPoints` | 100,000 | points sampled for one picture or value dump, over all its series |
 * | `maxSeries` | 64 | schedules drawn in one picture |
 * | `maxPixels` | 16,777,216 (4096²) | pixels of a rendered image (width × height × scale²) |
 * | `maxImageSide` | 4,096 | width or height of a picture, in pixels |
 * | `maxTerminalWidth` / `maxTerminalHeight` | 1,000 / 500 | columns and rows of a terminal chart |
 * | `maxScale` | 16 | PNG pixel density |
 * | `maxDenseCheckedSteps` | 100,000 | steps compared one by one when checking two schedules agree (more are sampled) |
 * | `maxLabelLength` | 200 | characters of a chart title or a series name |
 * | `minNoiseLimit` / `maxNoiseDraws` | 0.01 / 100,000 | the relative bound of timm-style noise (`noise` `limit`, timm `noise_pct`), and the normal draws one step may redraw |
 * | `maxSimulatedSteps` | 1,000,000 | steps of a PyTorch `SequentialLR`/`ChainedScheduler`, which are simulated step by step |
 *
 * @example
 * ```ts
 * import { limits } from '@lrkit/schedules';
 * limits.maxArrayLength; // 10000
 * ```
 */
export const limits = Object.freeze({
  maxStep: Number.MAX_SAFE_INTEGER,
  maxArrayLength: 10_000,
  maxNestingDepth: 32,
  maxConfigNodes: 100_000,
  maxExcerptLength: 200,
  maxPoints: 100_000,
  maxSeries: 64,
  maxPixels: 4096 * 4096,
  maxImageSide: 4096,
  maxTerminalWidth: 1000,
  maxTerminalHeight: 500,
  maxScale: 16,
  maxDenseCheckedSteps: 100_000,
  maxSimulatedSteps: 1_000_000,
  maxLabelLength: 200,
  minNoiseLimit: 0.01,
  maxNoiseDraws: 100_000,
} as const);

/** The type of {@link limits}. */
export type Limits = typeof limits;
