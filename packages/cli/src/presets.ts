import { fromKeras, fromTorch, toKeras, toTorch } from '@lrkit/schedules';

/**
 * The PyTorch/Keras presets of `@lrkit/schedules` the CLI uses, in one place:
 * `fromTorch(name, args, { baseLr, totalSteps })`, `fromKeras({ class_name, config })`,
 * `toTorch(schedule)`, `toKeras(schedule)`.
 */
export const presets = {
  /** `fromTorch` of `@lrkit/schedules`. */
  fromTorch,
  /** `fromKeras` of `@lrkit/schedules`. */
  fromKeras,
  /** `toTorch` of `@lrkit/schedules`. */
  toTorch,
  /** `toKeras` of `@lrkit/schedules`. */
  toKeras,
} as const;
