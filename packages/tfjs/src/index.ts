export { AdadeltaOptimizer, adadelta } from './adadelta.js';
export { BackupAndRestore, type BackupAndRestoreOptions } from './backup-and-restore.js';
export {
  type CallbackState,
  encodeStateNumber,
  isStatefulCallback,
  readState,
  type StatefulCallback,
  type StateReader,
} from './callback-state.js';
export { RMSPropOptimizer, rmsprop } from './centered-rmsprop.js';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export {
  LearningRateController,
  type LearningRateScaler,
  learningRateControllerFor,
} from './learning-rate-controller.js';
export {
  type KerasScheduleFunction,
  LearningRateScheduler,
  type LearningRateSchedulerOptions,
  type StepFunction,
} from './learning-rate-scheduler.js';
export { type HistoryRow, LossHistory, type LossHistoryOptions } from './loss-history.js';
export { metricDirection } from './metric-direction.js';
export { type CallbackLogs, type FitParams, ModelCallback, readScalars, resolveLogs } from './model-callback.js';
export {
  adaptOptimizer,
  type MomentumKnob,
  type OptimizerAdapter,
  type OptimizerName,
} from './optimizer-adapter.js';
export {
  type OptimizerField,
  type OptimizerState,
  type OptimizerStateDescription,
  readOptimizerState,
  writeOptimizerState,
} from './optimizer-state.js';
export { plateauReducerOptions, ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
export { type ScheduledOptimizer, type ScheduleOptimizerOptions, scheduleOptimizer } from './scheduled-optimizer.js';
export { watchFitEnd } from './training-end.js';
export { snapshotTrainingState, type TrainingStateSnapshot } from './training-state.js';
