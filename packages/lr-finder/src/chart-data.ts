import type { RangeTestResult } from './find-learning-rate.js';

/** The shape `learningRateFinderChart` of `@lrkit/plot` takes (declared here so lr-finder does not depend on plot). */
export interface LearningRateFinderChartData {
  readonly learningRates: readonly number[];
  readonly losses: readonly number[];
  readonly suggestions: readonly { readonly name: string; readonly learningRate: number }[];
  readonly title: string;
  readonly name: string;
}

/**
 * Turns a range-test result into the input of `learningRateFinderChart` of `@lrkit/plot` (log-x
 * curve with each suggestion marked): the smoothed losses (or the raw ones with
 * `raw: true`) against the learning rates, each suggestion named by its method.
 *
 * @example
 * ```ts
 * import { learningRateFinderChart, renderSvg, renderTerminal } from '@lrkit/plot';
 * const chart = learningRateFinderChart(toChartData(result));
 * console.log(renderTerminal(chart));
 * await writeFile('lr-finder.svg', await renderSvg(chart));
 * ```
 */
export function toChartData(result: RangeTestResult, options: { readonly raw?: boolean; readonly title?: string } = {}): LearningRateFinderChartData {
  const raw = options.raw ?? false;
  return {
    learningRates: result.learningRates,
    losses: raw ? result.losses : result.smoothedLosses,
    suggestions: result.suggestions.map((suggestion) => ({
      name: `${suggestion.method}${suggestion.confident ? '' : '?'}`,
      learningRate: suggestion.learningRate,
    })),
    title: options.title ?? `LR range test (${result.mode}, ${result.lossSource} loss)`,
    name: raw ? 'loss' : `smoothed loss (β ${result.smoothing})`,
  };
}
