import type { RangeTestResult } from '@lrkit/lr-finder';

/** The example's name: its runs go to `<out>/lr-finder/<timestamp>/`. */
export const exampleName = 'lr-finder';

/**
 * The range test's curve and suggestions as plain JSON (for `summary.json`).
 *
 * @param result - the range test's result.
 * @param wallTimeSeconds - how long it took.
 * @returns a JSON-ready object.
 * @example
 * ```ts
 * JSON.stringify(rangeTestJson(result, 12.5));
 * ```
 */
export function rangeTestJson(result: RangeTestResult, wallTimeSeconds: number): Record<string, unknown> {
  return {
    mode: result.mode,
    initialLearningRate: result.initialLearningRate,
    finalLearningRate: result.finalLearningRate,
    totalSteps: result.totalSteps,
    smoothing: result.smoothing,
    divergeThreshold: result.divergeThreshold,
    lossSource: result.lossSource,
    stoppedEarly: result.stoppedEarly,
    stoppedAt: result.stoppedAt ?? null,
    stopReason: result.stopReason ?? null,
    stopMessage: result.stopMessage ?? null,
    bestLoss: result.bestLoss,
    window: result.window,
    confidence: result.confidence,
    suggestions: result.suggestions,
    wallTimeSeconds,
    learningRates: result.learningRates,
    losses: result.losses,
    smoothedLosses: result.smoothedLosses,
  };
}
