import { fromKeras, fromTorch, toKeras, toTorch } from '@lrkit/schedules';

/**
 * The PyTorch/Keras presets of `@lrkit/schedules` the CLI uses, in one place:
 * `fromTorch(name, args, { baseLr, totalSteps })`, `fromKeras({ class_name, config })`,
 * `toTorch(schedule)`, `toKeras(schedule)`.
 */
export const presets = { fromTorch, fromKeras, toTorch, toKeras } as const;
