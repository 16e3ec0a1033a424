import type { Schedule } from '@lrkit/schedules';

/**
 * The PyTorch and Keras presets of `@lrkit/schedules`, as the recipe parser uses them.
 *
 * Local adapter: the presets (`fromTorch`, `fromKeras`) have not landed on main yet, so
 * PyTorch and Keras recipes report that they are unavailable. Replaced by the real
 * functions once `@lrkit/schedules` exports them.
 */
export interface FrameworkPresets {
  readonly fromTorch: (name: string, args: Record<string, unknown>, options: { baseLr: number; totalSteps: number }) => Schedule;
  readonly fromKeras: (serialized: { class_name: string; config: Record<string, unknown> }) => Schedule;
  readonly torchSchedulerNames: readonly string[];
  readonly kerasClassNames: readonly string[];
}

const unavailable = (): never => {
  throw new Error('PyTorch and Keras recipes need the @lrkit/schedules presets, which this build does not include yet');
};

/** The presets of the installed `@lrkit/schedules`. */
export const frameworkPresets: FrameworkPresets = {
  fromTorch: unavailable,
  fromKeras: unavailable,
  torchSchedulerNames: [],
  kerasClassNames: [
    'CosineDecay',
    'CosineDecayRestarts',
    'ExponentialDecay',
    'InverseTimeDecay',
    'PiecewiseConstantDecay',
    'PolynomialDecay',
  ],
};
