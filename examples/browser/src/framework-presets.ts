import { fromKeras, fromTorch, kerasClassNames, type Schedule, torchSchedulerNames } from '@lrkit/schedules';

/**
 * The PyTorch and Keras presets of `@lrkit/schedules` as the recipe parser uses them
 * (an interface, so tests can pass stand-ins).
 */
export interface FrameworkPresets {
  readonly fromTorch: (name: string, args: Record<string, unknown>, options: { learningRate: number; totalSteps: number }) => Schedule;
  readonly fromKeras: (serialized: { class_name: string; config: Record<string, unknown> }) => Schedule;
  readonly torchSchedulerNames: readonly string[];
  readonly kerasClassNames: readonly string[];
}

/** `fromTorch`, `fromKeras` and their name lists from `@lrkit/schedules`. */
export const frameworkPresets: FrameworkPresets = { fromTorch, fromKeras, torchSchedulerNames, kerasClassNames };
