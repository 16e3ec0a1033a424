import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { fromKeras } from './presets/keras.js';
import { torchPreset } from './presets/torch.js';
import type { Schedule, ScheduleConfig } from './schedule.js';

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
  torch: torchPreset,
  keras: fromKeras,
};
