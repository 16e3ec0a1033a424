export type { JsonValue, Schedule, ScheduleConfig } from './schedule.js';
export { defineSchedule } from './schedule.js';
export { toConfig, fromConfig } from './config.js';
export { scheduleFactories, type ScheduleFactory } from './registry.js';
export { constant, type ConstantConfig, type ConstantOptions } from './constant.js';
export { cosine, type CosineConfig, type CosineOptions } from './cosine.js';
export {
  cosineRestarts,
  type CosineRestartsConfig,
  type CosineRestartsOptions,
} from './cosine-restarts.js';
export {
  cyclic,
  type CyclicConfig,
  type CyclicMode,
  type CyclicMomentumConfig,
  type CyclicOptions,
  type CyclicScaleMode,
} from './cyclic.js';
export {
  oneCycle,
  type OneCycleAnnealing,
  type OneCycleConfig,
  type OneCycleMomentumConfig,
  type OneCycleOptions,
} from './one-cycle.js';
export { warmup, type WarmupConfig, type WarmupOptions, type WarmupShape } from './warmup.js';
export {
  warmupStableDecay,
  type WarmupStableDecayConfig,
  type WarmupStableDecayOptions,
  type WarmupStableDecayShape,
} from './warmup-stable-decay.js';
export { join, type JoinConfig, type JoinOptions } from './join.js';
export { multiply, type MultiplyConfig, type MultiplyOptions } from './multiply.js';
export { clamp, type ClampConfig, type ClampOptions } from './clamp.js';
export { offset, type OffsetConfig, type OffsetOptions } from './offset.js';
export { lambda, type LambdaConfig, type LambdaOptions } from './lambda.js';
export { scheduleArgument, scheduleArray } from './schedule-argument.js';
export {
  plateau,
  type PlateauConfig,
  type PlateauOptions,
  type PlateauReducer,
  type PlateauState,
} from './plateau.js';
