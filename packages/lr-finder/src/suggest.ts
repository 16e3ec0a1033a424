import { excerpt } from '@lrkit/schedules';
import { knownKeys, nonNegativeInteger, oneOf, optionKeys } from '@lrkit/schedules/validation';
import { assessConfidence, type RangeTestConfidence } from './confidence.js';
import { edgeDivisor, edgeIndex } from './edge.js';
import { minimumIndex } from './minimum.js';
import { steepestIndex } from './steepest.js';
import type { LearningRateSuggestion, SuggestionMethod } from './suggestion.js';
import { valleyIndex } from './valley.js';

/** The curve of a range test, as recorded. */
export interface RangeTestCurve {
  /** The learning rate of each batch (increasing). */
  readonly learningRates: readonly number[];
  /** The raw loss after each batch. */
  readonly losses: readonly number[];
  /** The smoothed loss after each batch. */
  readonly smoothedLosses: readonly number[];
}

/** Options of {@link suggestLearningRates}. */
export interface SuggestOptions {
  /** Points skipped at the start before analysing. Default `floor(totalSteps / 10)` (fastai `num_it // 10`). */
  readonly skipStart?: number;
  /** Points skipped at the end (the divergence itself). Default 5 (fastai, pytorch-lr-finder). */
  readonly skipEnd?: number;
  /** The planned number of batches of the sweep (its `totalSteps`), for the default `skipStart`. Default the curve's length. */
  readonly totalSteps?: number;
  /** The rules to apply, in this order. Default `['edge', 'valley', 'steepest', 'minimum']`. */
  readonly methods?: readonly SuggestionMethod[];
}

/** The suggestions, the analysed window and the confidence verdict. */
export interface SuggestionReport {
  /** One suggestion per requested method that could be computed (none when fewer than 2 points are usable). */
  readonly suggestions: readonly LearningRateSuggestion[];
  /** The analysed window of the curve: indexes `start` (inclusive) to `end` (exclusive). */
  readonly window: { readonly start: number; readonly end: number };
  /** Whether the curve can be trusted, with the reasons when not. */
  readonly confidence: RangeTestConfidence;
}

const suggestOptionKeys = optionKeys<SuggestOptions>({ skipStart: true, skipEnd: true, totalSteps: true, methods: true });

/**
 * The suggestion methods in their default order: `edge` first (the default suggestion), then
 * fastai's three rules (`valley`, fastai's own default, then `steepest` and `minimum`).
 */
export const suggestionMethods: readonly SuggestionMethod[] = Object.freeze(['edge', 'valley', 'steepest', 'minimum']);

/**
 * Applies the suggestion rules to a range-test curve, as fastai's `lr_find` does:
 *
 * 1. the window is the smoothed curve without its first `skipStart` and last `skipEnd`
 *    points, cut before its first non-finite value (when that leaves fewer than 2 points the
 *    whole finite prefix of the curve is used, and the verdict is "not confident");
 * 2. `'edge'` (the minimum of the raw losses smoothed with β 0.95, suggesting its learning
 *    rate / 3) runs on the raw losses; `'valley'` (fastai's: about half-way into the middle
 *    third of the longest decreasing stretch), `'steepest'` (the most negative gradient in
 *    ln lr) and `'minimum'` (suggesting the minimum's learning rate / 10) run on the smoothed
 *    losses of the window;
 * 3. the window is judged (see {@link RangeTestConfidence}); a suggestion is confident when the curve is
 *    and its pick is not the first point of the window (where the loss may have been falling
 *    even faster before the window).
 *
 * @param curve - learning rates, raw and smoothed losses of equal length.
 * @param options - `skipStart`, `skipEnd`, `totalSteps`, `methods`.
 * @throws TypeError for arrays of different lengths or unknown options; RangeError for negative skips.
 * @example
 * ```ts
 * const { suggestions, confidence } = suggestLearningRates(result); // a findLearningRate result
 * ```
 */
export function suggestLearningRates(curve: RangeTestCurve, options: SuggestOptions = {}): SuggestionReport {
  const owner = 'suggestLearningRates';
  knownKeys(owner, options, suggestOptionKeys, { allowNull: false, renamed: { plannedIterations: 'totalSteps' } });
  const given = curve as unknown as { learningRates?: unknown; lrs?: unknown } | null;
  if (given === null || typeof given !== 'object' || !Array.isArray(given.learningRates)) {
    const renamed = given !== null && typeof given === 'object' && 'lrs' in given ? ' (`lrs` was renamed `learningRates` before 1.0)' : '';
    throw new TypeError(`${owner}: \`curve.learningRates\` must be an array of learning rates${renamed}; received ${excerpt(given?.learningRates)}`);
  }
  const { learningRates, losses, smoothedLosses } = curve;
  if (learningRates.length !== losses.length || learningRates.length !== smoothedLosses.length) {
    throw new TypeError(
      `${owner}: \`learningRates\`, \`losses\` and \`smoothedLosses\` must have the same length; received ` +
        `${learningRates.length}, ${losses.length} and ${smoothedLosses.length}`,
    );
  }
  const planned = nonNegativeInteger(owner, 'totalSteps', options.totalSteps ?? learningRates.length);
  const skipStart = nonNegativeInteger(owner, 'skipStart', options.skipStart ?? Math.floor(planned / 10));
  const skipEnd = nonNegativeInteger(owner, 'skipEnd', options.skipEnd ?? 5);
  const methods = (options.methods ?? suggestionMethods).map((method, index) =>
    oneOf(owner, `methods[${index}]`, method, ['edge', 'valley', 'steepest', 'minimum'] as const),
  );

  let finiteEnd = smoothedLosses.findIndex((loss, index) => !Number.isFinite(loss) || !Number.isFinite(losses[index]));
  if (finiteEnd === -1) finiteEnd = smoothedLosses.length;
  let start = Math.min(skipStart, finiteEnd);
  let end = Math.min(Math.max(smoothedLosses.length - skipEnd, start), finiteEnd);
  if (end - start < 2) {
    start = 0;
    end = finiteEnd;
  }
  const windowRates = learningRates.slice(start, end);
  const windowSmoothed = smoothedLosses.slice(start, end);
  const confidence = assessConfidence(losses.slice(start, end), windowSmoothed, smoothedLosses.slice(0, finiteEnd));
  const suggestions: LearningRateSuggestion[] = [];
  if (end - start >= 2) {
    for (const method of methods) {
      const picked = method === 'edge' ? edgeWindowIndex(losses.slice(0, finiteEnd), start, end) : pick(method, windowRates, windowSmoothed);
      if (picked === undefined) continue;
      const index = start + picked;
      const onEdge = picked === 0;
      const learningRate = learningRates[index] as number;
      suggestions.push({
        method,
        learningRate: method === 'minimum' ? learningRate / 10 : method === 'edge' ? learningRate / edgeDivisor : learningRate,
        index,
        loss: smoothedLosses[index] as number,
        confident: confidence.confident && !onEdge,
      });
    }
  }
  return { suggestions, window: { start, end }, confidence };
}

function edgeWindowIndex(rawLosses: readonly number[], start: number, end: number): number | undefined {
  const index = edgeIndex(rawLosses, start, end);
  return index === undefined ? undefined : index - start;
}

function pick(method: Exclude<SuggestionMethod, 'edge'>, learningRates: readonly number[], losses: readonly number[]): number | undefined {
  if (method === 'valley') return valleyIndex(losses);
  if (method === 'minimum') return minimumIndex(losses);
  return steepestIndex(learningRates, losses)?.index;
}
