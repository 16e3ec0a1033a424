export {
  findLearningRate,
  type FindLearningRateOptions,
  type RangeTestBatch,
  type RangeTestResult,
} from './find-learning-rate.js';
export {
  defaultSweep,
  resolveSweep,
  sweepLearningRate,
  sweepLearningRates,
  type Sweep,
  type SweepMode,
  type SweepOptions,
} from './sweep.js';
export { createLossSmoother, defaultSmoothing, smoothLosses, type LossSmoother } from './smoothed-loss.js';
export {
  createDivergenceCheck,
  defaultDivergeThreshold,
  type DivergenceCheck,
  type DivergenceVerdict,
  type StopReason,
} from './divergence.js';
export type { LearningRateSuggestion, SuggestionMethod } from './suggestion.js';
export { steepestIndex } from './steepest.js';
export { minimumIndex } from './minimum.js';
export { valleyIndex } from './valley.js';
export { edgeDivisor, edgeIndex, edgeSmoothing } from './edge.js';
export {
  assessConfidence,
  minimumConfidentPoints,
  minimumSignalToNoise,
  type RangeTestConfidence,
} from './confidence.js';
export {
  suggestLearningRates,
  suggestionMethods,
  type RangeTestCurve,
  type SuggestOptions,
  type SuggestionReport,
} from './suggest.js';
// Moved to @lrkit/tfjs (one home); re-exported so existing imports keep working.
export { snapshotTrainingState, type TrainingStateSnapshot } from '@lrkit/tfjs';
export { releaseAbandonedTape } from './abandoned-tape.js';
export type { DatasetBatch, RangeTestData, TensorData, TensorOrTensors } from './batch-source.js';
export { toOneCycle, type ToOneCycleOptions } from './to-one-cycle.js';
export { toChartData, type LrFinderChartData } from './chart-data.js';
