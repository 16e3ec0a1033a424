/** One data point of a series: `x` (a step, an epoch, a learning rate) and `y` (a value, a loss). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A named line: a schedule sampled over steps, a loss or learning-rate history, an LR-finder curve. */
export interface Series {
  /** Shown in the legend. */
  readonly name: string;
  /** The points in drawing order (usually increasing `x`). Non-finite points are skipped. */
  readonly points: readonly Point[];
}

/** A labelled point drawn on top of the lines (for example an LR-finder suggestion). */
export interface Marker {
  readonly x: number;
  readonly y: number;
  /** Text drawn beside the marker and listed in the legend. */
  readonly label: string;
}

/** Scale of an axis. A `'log'` axis drops points whose coordinate is <= 0. */
export type AxisScale = 'linear' | 'log';

/**
 * Everything a renderer needs: the series, the optional markers and the decorations.
 * Every renderer (`renderTerminal`, `renderSvg`, `renderPng`, `toVegaLite`) takes a `Chart`.
 *
 * @example
 * ```ts
 * const chart: Chart = {
 *   title: 'Loss',
 *   xLabel: 'step',
 *   yLabel: 'loss',
 *   yScale: 'log',
 *   series: [{ name: 'train', points: [{ x: 0, y: 2.3 }, { x: 1, y: 1.9 }] }],
 * };
 * ```
 */
export interface Chart {
  readonly series: readonly Series[];
  readonly markers?: readonly Marker[];
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Default `'linear'`. */
  readonly xScale?: AxisScale;
  /** Default `'linear'`. */
  readonly yScale?: AxisScale;
}

/** A chart after checking: drawable points only, and the data extent of each axis. */
export interface PreparedChart {
  readonly series: readonly Series[];
  readonly markers: readonly Marker[];
  readonly title: string | undefined;
  readonly xLabel: string | undefined;
  readonly yLabel: string | undefined;
  readonly xScale: AxisScale;
  readonly yScale: AxisScale;
  /** `[min, max]` of the drawn x values (widened when all values are equal). */
  readonly xDomain: readonly [number, number];
  /** `[min, max]` of the drawn y values (widened when all values are equal). */
  readonly yDomain: readonly [number, number];
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value).slice(0, 200);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function checkScale(owner: string, name: string, value: unknown): AxisScale {
  if (value === undefined) return 'linear';
  if (value !== 'linear' && value !== 'log') {
    throw new RangeError(`${owner}: \`${name}\` must be one of 'linear', 'log'; received ${describe(value)}`);
  }
  return value;
}

function checkText(owner: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${owner}: \`${name}\` must be a string; received ${describe(value)}`);
  return value;
}

function drawable(point: Point, xScale: AxisScale, yScale: AxisScale): boolean {
  return Number.isFinite(point.x) && Number.isFinite(point.y) && (xScale === 'linear' || point.x > 0) && (yScale === 'linear' || point.y > 0);
}

function widen(min: number, max: number, scale: AxisScale): [number, number] {
  if (min < max) return [min, max];
  if (scale === 'log') return [min / 2, min * 2];
  const half = min === 0 ? 1 : Math.abs(min) / 2;
  return [min - half, min + half];
}

/**
 * Checks a chart and prepares it for drawing: validates the shapes (a `TypeError` naming the
 * field otherwise), drops points that cannot be drawn (non-finite, or <= 0 on a log axis) and
 * computes the data extent of both axes. Renderers call it; it is exported for custom renderers.
 *
 * @param chart - the chart to draw.
 * @param owner - the name of the function the user called, which starts every error message (default `'prepareChart'`).
 * @example
 * ```ts
 * prepareChart({ series: [{ name: 'a', points: [{ x: 0, y: 1 }, { x: 2, y: 3 }] }] }).xDomain; // [0, 2]
 * ```
 */
export function prepareChart(chart: Chart, owner = 'prepareChart'): PreparedChart {
  if (chart === null || typeof chart !== 'object') {
    throw new TypeError(`${owner}: \`chart\` must be an object with \`series\`; received ${describe(chart)}`);
  }
  const xScale = checkScale(owner, 'xScale', chart.xScale);
  const yScale = checkScale(owner, 'yScale', chart.yScale);
  if (!Array.isArray(chart.series) || chart.series.length === 0) {
    throw new TypeError(`${owner}: \`series\` must be a non-empty array of { name, points }; received ${describe(chart.series)}`);
  }
  const series = chart.series.map((item: Series, index) => {
    if (item === null || typeof item !== 'object' || typeof item.name !== 'string' || !Array.isArray(item.points)) {
      throw new TypeError(`${owner}: \`series[${index}]\` must be { name: string, points: { x, y }[] }; received ${describe(item)}`);
    }
    item.points.forEach((point, pointIndex) => {
      if (point === null || typeof point !== 'object' || typeof point.x !== 'number' || typeof point.y !== 'number') {
        throw new TypeError(`${owner}: \`series[${index}].points[${pointIndex}]\` must be { x: number, y: number }; received ${describe(point)}`);
      }
    });
    return { name: item.name, points: item.points.filter((point) => drawable(point, xScale, yScale)) };
  });
  const markers = (chart.markers ?? [])
    .map((marker, index) => {
      if (marker === null || typeof marker !== 'object' || typeof marker.x !== 'number' || typeof marker.y !== 'number' || typeof marker.label !== 'string') {
        throw new TypeError(`${owner}: \`markers[${index}]\` must be { x: number, y: number, label: string }; received ${describe(marker)}`);
      }
      return marker;
    })
    .filter((marker) => drawable(marker, xScale, yScale));
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const point of [...series.flatMap((item) => item.points), ...markers]) {
    xMin = Math.min(xMin, point.x);
    xMax = Math.max(xMax, point.x);
    yMin = Math.min(yMin, point.y);
    yMax = Math.max(yMax, point.y);
  }
  if (xMin === Infinity) {
    throw new RangeError(`${owner}: no drawable point (finite, and > 0 on a log axis) in any series; received ${series.length} series`);
  }
  return {
    series,
    markers,
    title: checkText(owner, 'title', chart.title),
    xLabel: checkText(owner, 'xLabel', chart.xLabel),
    yLabel: checkText(owner, 'yLabel', chart.yLabel),
    xScale,
    yScale,
    xDomain: widen(xMin, xMax, xScale),
    yDomain: widen(yMin, yMax, yScale),
  };
}
