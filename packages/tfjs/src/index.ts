export {
  adaptOptimizer,
  type MomentumKnob,
  type OptimizerAdapter,
  type OptimizerName,
} from './optimizer-adapter.js';
export {
  LearningRateController,
  learningRateControllerFor,
  type LearningRateScaler,
} from './learning-rate-controller.js';
export { ModelCallback, readScalars, resolveLogs, type CallbackLogs, type FitParams } from './model-callback.js';
export {
  LearningRateScheduler,
  type KerasScheduleFunction,
  type LearningRateSchedulerOptions,
  type StepFunction,
} from './learning-rate-scheduler.js';
export { ReduceLROnPlateau, plateauReducerOptions, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
export { LossHistory, type HistoryRow, type LossHistoryOptions } from './loss-history.js';
export { AdadeltaOptimizer, adadelta } from './adadelta.js';
export { RMSPropOptimizer, rmsprop } from './centered-rmsprop.js';
