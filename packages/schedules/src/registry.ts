import { annealingCycles } from './annealing-cycles.js';
import { clamp } from './clamp.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { cosineRestarts } from './cosine-restarts.js';
import { cyclic } from './cyclic.js';
import { exponential } from './exponential.js';
import { inverseSqrt } from './inverse-sqrt.js';
import { inverseTime } from './inverse-time.js';
import { join } from './join.js';
import { linear } from './linear.js';
import { multiStep } from './multi-step.js';
import { multiply } from './multiply.js';
import { noise } from './noise.js';
import { offset } from './offset.js';
import { oneCycle } from './one-cycle.js';
import { overlappingWarmup } from './overlapping-warmup.js';
import { piecewiseConstant } from './piecewise-constant.js';
import { piecewiseInterpolate } from './piecewise-interpolate.js';
import { polynomial } from './polynomial.js';
import { huggingFacePreset } from './presets/hugging-face.js';
import { fromKeras } from './presets/keras.js';
import { optaxPreset } from './presets/optax.js';
import { timmPreset } from './presets/timm.js';
import { torchPreset } from './presets/torch.js';
import type { Schedule, ScheduleConfig } from './schedule.js';
import { step } from './step.js';
import { tanhDecay } from './tanh.js';
import { warmup } from './warmup.js';
import { warmupStableDecay } from './warmup-stable-decay.js';

/**
 * A factory as `fromConfig` calls it: the config's options (without `type`), with nested
 * schedule configs already turned into schedules.
 */
export type ScheduleFactory = (options: never) => Schedule<ScheduleConfig>;

/**
 * Every built-in schedule by its config `type`. `fromConfig` looks names up here; add a
 * new schedule by adding one line.
 */
export const scheduleFactories: Readonly<Record<string, ScheduleFactory>> = {
  constant,
  cosine,
  linear,
  polynomial,
  step,
  'multi-step': multiStep,
  'piecewise-constant': piecewiseConstant,
  exponential,
  'inverse-time': inverseTime,
  'inverse-sqrt': inverseSqrt,
  'cosine-restarts': cosineRestarts,
  cyclic,
  'one-cycle': oneCycle,
  warmup,
  'warmup-stable-decay': warmupStableDecay,
  join,
  multiply,
  clamp,
  offset,
  tanh: tanhDecay,
  'annealing-cycles': annealingCycles,
  'overlapping-warmup': overlappingWarmup,
  noise,
  'piecewise-interpolate': piecewiseInterpolate,
  torch: torchPreset,
  keras: fromKeras,
  optax: optaxPreset,
  'hugging-face': huggingFacePreset,
  timm: timmPreset,
};
