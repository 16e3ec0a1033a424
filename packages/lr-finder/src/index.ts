// Moved to @lrkit/tfjs (one home); re-exported so existing imports keep working.
export { snapshotTrainingState, type TrainingStateSnapshot } from '@lrkit/tfjs';
export { releaseAbandonedTape } from './abandoned-tape.js';
export type { DatasetBatch, RangeTestData, TensorData, TensorOrTensors } from './batch-source.js';
export { type LrFinderChartData, toChartData } from './chart-data.js';
export {
  assessConfidence,
  minimumConfidentPoints,
  minimumSignalToNoise,
  type RangeTestConfidence,
} from './confidence.js';
export {
  createDivergenceCheck,
  type DivergenceCheck,
  type DivergenceVerdict,
  defaultDivergeThreshold,
  type StopReason,
} from './divergence.js';
export { edgeDivisor, edgeIndex, edgeSmoothing } from './edge.js';
export {
  type FindLearningRateOptions,
  findLearningRate,
  type RangeTestBatch,
  type RangeTestResult,
} from './find-learning-rate.js';
export { minimumIndex } from './minimum.js';
export { createLossSmoother, defaultSmoothing, type LossSmoother, smoothLosses } from './smoothed-loss.js';
export { steepestIndex } from './steepest.js';
export {
  type RangeTestCurve,
  type SuggestionReport,
  type SuggestOptions,
  suggestionMethods,
  suggestLearningRates,
} from './suggest.js';
export type { LearningRateSuggestion, SuggestionMethod } from './suggestion.js';
export {
  defaultSweep,
  resolveSweep,
  type Sweep,
  type SweepMode,
  type SweepOptions,
  sweepLearningRate,
  sweepLearningRates,
} from './sweep.js';
export { type ToOneCycleOptions, toOneCycle } from './to-one-cycle.js';
export { valleyIndex } from './valley.js';
