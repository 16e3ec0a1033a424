import { fromHuggingFace, fromKeras, fromOptax, fromTimm, fromTorch, toKeras, toOptax, toTorch } from '@lrkit/schedules';

/**
 * The PyTorch/Keras presets of `@lrkit/schedules` the CLI uses, in one place:
 * `fromTorch(name, args, { learningRate, totalSteps })`, `fromKeras({ class_name, config })`,
 * `toTorch(schedule)`, `toKeras(schedule)`, and the optax, Hugging Face and timm presets
 * (`fromOptax`, `fromHuggingFace`, `fromTimm`, `toOptax`).
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
  /** `fromOptax` of `@lrkit/schedules`. */
  fromOptax,
  /** `fromHuggingFace` of `@lrkit/schedules`. */
  fromHuggingFace,
  /** `fromTimm` of `@lrkit/schedules`. */
  fromTimm,
  /** `toOptax` of `@lrkit/schedules`. */
  toOptax,
} as const;
