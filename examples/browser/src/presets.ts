import type { ScheduleConfig } from '@lrkit/schedules';

/** What a preset is built from: the optimizer's learning rate and the run's length in updates. */
export interface PresetContext {
  /** The optimizer's learning rate (the peak of the decaying presets). */
  readonly learningRate: number;
  /** Optimizer updates in the whole run (epochs x batches per epoch), an integer >= 1. */
  readonly totalSteps: number;
}

/** A named schedule recipe, resolved to a native config for the run's length. */
export interface Preset {
  readonly name: string;
  readonly description: string;
  readonly build: (context: PresetContext) => ScheduleConfig;
}

const atLeastOne = (value: number): number => Math.max(1, Math.round(value));

/** The presets offered in the page's list (the first is the default). */
export const presets: readonly Preset[] = [
  {
    name: 'warmup-cosine',
    description: 'linear warm-up over the first 10% of the updates, then cosine decay to 0',
    build: ({ learningRate, totalSteps }) => {
      const warmupSteps = atLeastOne(totalSteps * 0.1);
      return {
        type: 'warmup',
        warmupSteps,
        schedule: { type: 'cosine', initialValue: learningRate, decaySteps: atLeastOne(totalSteps - warmupSteps) },
      };
    },
  },
  {
    name: 'constant',
    description: 'the same learning rate at every update',
    build: ({ learningRate }) => ({ type: 'constant', value: learningRate }),
  },
  {
    name: 'cosine',
    description: 'cosine decay from the learning rate to 0 over the run',
    build: ({ learningRate, totalSteps }) => ({ type: 'cosine', initialValue: learningRate, decaySteps: totalSteps }),
  },
  {
    name: 'one-cycle',
    description: 'one-cycle: up to the learning rate over 30% of the run, then cosine annealing far below it',
    build: ({ learningRate, totalSteps }) => ({ type: 'one-cycle', peakValue: learningRate, totalSteps }),
  },
  {
    name: 'step-decay',
    description: 'divide the learning rate by 10 at 50% and again at 75% of the run',
    build: ({ learningRate, totalSteps }) => ({
      type: 'multi-step',
      initialValue: learningRate,
      boundaries: [...new Set([atLeastOne(totalSteps * 0.5), atLeastOne(totalSteps * 0.75)])],
      factor: 0.1,
    }),
  },
  {
    name: 'exponential',
    description: 'smooth exponential decay to a tenth of the learning rate at the end of the run',
    build: ({ learningRate, totalSteps }) => ({
      type: 'exponential',
      initialValue: learningRate,
      decayRate: 0.1,
      decaySteps: totalSteps,
    }),
  },
  {
    name: 'triangular2',
    description: 'cyclic between a tenth of the learning rate and the learning rate, halving each cycle (4 half-cycles)',
    build: ({ learningRate, totalSteps }) => ({
      type: 'cyclic',
      initialValue: learningRate / 10,
      peakValue: learningRate,
      riseSteps: atLeastOne(totalSteps / 4),
      mode: 'triangular2',
    }),
  },
  {
    name: 'warmup-stable-decay',
    description: 'warm-up over 10%, hold for 60%, linear decay to 0 over the last 30%',
    build: ({ learningRate, totalSteps }) => {
      const warmupSteps = atLeastOne(totalSteps * 0.1);
      const stableSteps = atLeastOne(totalSteps * 0.6);
      return {
        type: 'warmup-stable-decay',
        peakValue: learningRate,
        warmupSteps,
        stableSteps,
        decaySteps: atLeastOne(totalSteps - warmupSteps - stableSteps),
      };
    },
  },
];

/** Looks a preset up by name (exact, case-sensitive). */
export function findPreset(name: string): Preset | undefined {
  return presets.find((preset) => preset.name === name);
}
