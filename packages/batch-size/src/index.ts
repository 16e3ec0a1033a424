export {
  batchSizeSchedule,
  type BatchSizePhase,
  type BatchSizePhaseOptions,
  type BatchSizeSchedule,
  type BatchSizeScheduleConfig,
  type BatchSizeScheduleOptions,
} from './batch-size-schedule.js';
export { batchSizeMilestones, type BatchSizeMilestonesOptions } from './batch-size-milestones.js';
export {
  fromLearningRateDecay,
  type FromLearningRateDecayOptions,
  type LearningRateDecay,
} from './from-learning-rate-decay.js';
export { noiseScale, type NoiseScaleOptions } from './noise-scale.js';
