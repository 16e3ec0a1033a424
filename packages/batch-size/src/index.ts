export { BatchScheduleRun, type BatchScheduleRunEpoch } from './batch-schedule-run.js';
export { type BatchSizeMilestonesOptions, batchSizeMilestones } from './batch-size-milestones.js';
export {
  type BatchSizePhase,
  type BatchSizePhaseOptions,
  type BatchSizeSchedule,
  type BatchSizeScheduleConfig,
  type BatchSizeScheduleOptions,
  batchSizeSchedule,
} from './batch-size-schedule.js';
export type { CallbackParams, CallbacksOption, TrainingCallback } from './continuous-callbacks.js';
export type { FitWithBatchScheduleOptions } from './fit-options.js';
export { type BatchScheduleResult, fitWithBatchSchedule } from './fit-with-batch-schedule.js';
export {
  type FromLearningRateDecayOptions,
  fromLearningRateDecay,
  type LearningRateDecay,
} from './from-learning-rate-decay.js';
export {
  BatchSizeMemoryError,
  defaultMemoryBudget,
  defaultMemoryBudgets,
  estimateBytesPerSample,
} from './memory-guard.js';
export type { BatchScheduleEpoch } from './merge-histories.js';
export { type NoiseScaleOptions, noiseScale } from './noise-scale.js';
export type { BatchScheduleData, TensorInputs } from './phase-data.js';
export type { BatchSchedulePhaseSummary, BatchScheduleSummary } from './run-summary.js';
