export type { JsonValue, Schedule, ScheduleConfig } from './schedule.js';
export { defineSchedule } from './schedule.js';
export { toConfig, fromConfig } from './config.js';
export { scheduleFactories, type ScheduleFactory } from './registry.js';
export { constant, type ConstantConfig, type ConstantOptions } from './constant.js';
export { cosine, type CosineConfig, type CosineOptions } from './cosine.js';
export {
  plateau,
  type PlateauConfig,
  type PlateauOptions,
  type PlateauReducer,
  type PlateauState,
} from './plateau.js';
