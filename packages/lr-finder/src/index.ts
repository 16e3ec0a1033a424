export type { DatasetBatch, RangeTestData, TensorData, TensorOrTensors } from './batch-source.js';
export { type LearningRateFinderChartData, toChartData } from './chart-data.js';
export type { RangeTestConfidence } from './confidence.js';
export type { StopReason } from './divergence.js';
export {
  type FindLearningRateOptions,
  findLearningRate,
  type RangeTestBatch,
  type RangeTestResult,
} from './find-learning-rate.js';
export {
  type RangeTestCurve,
  type SuggestionReport,
  type SuggestOptions,
  suggestionMethods,
  suggestLearningRates,
} from './suggest.js';
export type { LearningRateSuggestion, SuggestionMethod } from './suggestion.js';
export { type SweepMode, type SweepOptions, sweepLearningRates } from './sweep.js';
export { type ToOneCycleOptions, toOneCycle } from './to-one-cycle.js';
