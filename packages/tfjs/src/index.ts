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
export { scheduleOptimizer, type ScheduleOptimizerOptions, type ScheduledOptimizer } from './scheduled-optimizer.js';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export { BackupAndRestore, type BackupAndRestoreOptions } from './backup-and-restore.js';
export {
  encodeStateNumber,
  isStatefulCallback,
  readState,
  type CallbackState,
  type StateReader,
  type StatefulCallback,
} from './callback-state.js';
export {
  readOptimizerState,
  writeOptimizerState,
  type OptimizerField,
  type OptimizerState,
  type OptimizerStateDescription,
} from './optimizer-state.js';
export { snapshotTrainingState, type TrainingStateSnapshot } from './training-state.js';
export { metricDirection } from './metric-direction.js';
export { watchFitEnd } from './training-end.js';
export { AdadeltaOptimizer, adadelta } from './adadelta.js';
export { RMSPropOptimizer, rmsprop } from './centered-rmsprop.js';
