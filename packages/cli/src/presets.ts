import * as schedules from '@lrkit/schedules';
import type { JsonValue, Schedule } from '@lrkit/schedules';
import { CliError } from './cli-error.js';

/** A PyTorch scheduler recipe: class name, keyword arguments, and the optimizer's learning rate. */
export interface TorchRecipe {
  readonly name: string;
  readonly args: Record<string, JsonValue>;
  readonly baseLr: number;
}

/** A Keras schedule as `keras.optimizers.schedules.serialize` writes it. */
export interface KerasRecipe {
  readonly class_name: string;
  readonly config: Record<string, JsonValue>;
}

interface PresetFunctions {
  fromTorch(name: string, args: Record<string, JsonValue>, options: { baseLr: number; totalSteps?: number }): Schedule;
  fromKeras(recipe: KerasRecipe): Schedule;
  toTorch(schedule: Schedule): TorchRecipe;
  toKeras(schedule: Schedule): KerasRecipe;
}

/**
 * One of the PyTorch/Keras preset functions of `@lrkit/schedules`, looked up at run time so the
 * CLI keeps working (with a clear error) against a build of `@lrkit/schedules` without them.
 */
export function preset<Name extends keyof PresetFunctions>(name: Name): PresetFunctions[Name] {
  const found = (schedules as unknown as Record<string, unknown>)[name];
  if (typeof found !== 'function') {
    throw new CliError(`${name} is not available in this version of @lrkit/schedules (the PyTorch/Keras presets are missing)`);
  }
  return found as PresetFunctions[Name];
}
