import type { Chart, Point } from './chart.js';

/** A learning rate suggested by an LR range test, marked on its curve. */
export interface Suggestion {
  /** The rule that picked it: `'valley'`, `'steep'`, `'minimum'`, … */
  readonly name: string;
  readonly learningRate: number;
}

/** The data of an LR range test: the learning rates tried and the (smoothed) losses. */
export interface LearningRateFinderData {
  /** Learning rates in the order they were tried (increasing). */
  readonly learningRates: readonly number[];
  /** The loss after each learning rate; same length as `learningRates`. */
  readonly losses: readonly number[];
  readonly suggestions?: readonly Suggestion[];
  /** Default `'LR range test'`. */
  readonly title?: string;
  /** Legend name of the curve. Default `'loss'`. */
  readonly name?: string;
}

/**
 * Loss against learning rate on a log x axis, with each suggestion marked on the curve at the
 * loss interpolated (in log learning rate) between its two neighbours.
 *
 * @example
 * ```ts
 * const chart = learningRateFinderChart({
 *   learningRates: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1],
 *   losses: [2.3, 2.2, 1.6, 1.1, 4.0],
 *   suggestions: [{ name: 'steep', learningRate: 1e-3 }],
 * });
 * await renderSvg(chart);
 * ```
 */
export function learningRateFinderChart(data: LearningRateFinderData): Chart {
  const { learningRates, losses } = data;
  if (!Array.isArray(learningRates) || !Array.isArray(losses) || learningRates.length !== losses.length) {
    throw new TypeError(
      `learningRateFinderChart: \`learningRates\` and \`losses\` must be arrays of the same length; received lengths ` +
        `${Array.isArray(learningRates) ? learningRates.length : 'none'} and ${Array.isArray(losses) ? losses.length : 'none'}`,
    );
  }
  const points: Point[] = learningRates.map((learningRate, index) => ({ x: learningRate, y: losses[index] ?? NaN }));
  const markers = (data.suggestions ?? []).map((suggestion) => ({
    x: suggestion.learningRate,
    y: lossAt(points, suggestion.learningRate),
    label: `${suggestion.name} ${formatLearningRate(suggestion.learningRate)}`,
  }));
  return {
    title: data.title ?? 'LR range test',
    xLabel: 'learning rate (log)',
    yLabel: 'loss',
    xScale: 'log',
    series: [{ name: data.name ?? 'loss', points }],
    markers,
  };
}

function formatLearningRate(value: number): string {
  return Number(value.toPrecision(3)).toExponential();
}

/** The curve's y at `x`, interpolated linearly in log10(x); the nearest end outside the curve. */
function lossAt(points: readonly Point[], x: number): number {
  const usable = points.filter((point) => point.x > 0 && Number.isFinite(point.y));
  const first = usable[0];
  if (first === undefined) return NaN;
  if (x <= first.x) return first.y;
  for (let index = 1; index < usable.length; index += 1) {
    const left = usable[index - 1]!;
    const right = usable[index]!;
    if (x <= right.x) {
      const fraction = (Math.log10(x) - Math.log10(left.x)) / (Math.log10(right.x) - Math.log10(left.x));
      return left.y + fraction * (right.y - left.y);
    }
  }
  return usable.at(-1)!.y;
}
