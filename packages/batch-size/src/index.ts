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
export {
  fitWithBatchSchedule,
  type BatchScheduleEpoch,
  type BatchSchedulePhaseSummary,
  type BatchScheduleResult,
  type BatchScheduleSummary,
  type FitWithBatchScheduleOptions,
} from './fit-with-batch-schedule.js';
export type { BatchScheduleData, TensorInputs } from './phase-data.js';
export type { CallbacksOption, TrainingCallback, CallbackParams } from './continuous-callbacks.js';
export {
  BatchSizeMemoryError,
  defaultMemoryBudget,
  defaultMemoryBudgets,
  estimateBytesPerSample,
} from './memory-guard.js';
export { BatchScheduleRun, type BatchScheduleRunEpoch } from './batch-schedule-run.js';
