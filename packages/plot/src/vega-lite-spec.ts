import { excerpt, limits } from '@lrkit/schedules';
import { type Chart, type PreparedChart, prepareChart } from './chart.js';

/** Size of the plotting area in CSS pixels (axes, title and legend are added around it). */
export interface ChartSize {
  /** Default 640. */
  readonly width?: number;
  /** Default 360. */
  readonly height?: number;
}

/** A Vega-Lite v5 specification (a plain JSON object). */
export type VegaLiteSpec = Record<string, unknown>;

/** The colours of the series, in order (Vega's `tableau10`). */
export const seriesColors: readonly string[] = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

export function checkSize(
  owner: string,
  size: ChartSize | undefined,
  defaults: { width: number; height: number },
): {
  width: number;
  height: number;
} {
  const width = size?.width === undefined ? defaults.width : size.width;
  const height = size?.height === undefined ? defaults.height : size.height;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 2 && value <= limits.maxImageSide)) {
      throw new RangeError(`${owner}: \`${name}\` must be an integer in [2, ${limits.maxImageSide}] (limits.maxImageSide); received ${excerpt(value)}`);
    }
  }
  return { width, height };
}

/**
 * The Vega-Lite specification of a chart: one line per series (in the given point order),
 * markers as labelled points, explicit axis domains (the data extent, not rounded), white
 * background and a generic `sans-serif` font, so the same picture renders in Node
 * ({@link renderSvg}) and in a browser (`vegaEmbed('#plot', spec)`).
 *
 * The line of series `i` maps a point to plot coordinates (origin at the top-left of the
 * plotting area) `px = width * (x - xMin) / (xMax - xMin)`, `py = height * (1 - (y - yMin) / (yMax - yMin))`,
 * with `log10` of the values on log axes.
 *
 * @example
 * ```ts
 * const spec = toVegaLite({ series: [{ name: 'a', points: [{ x: 0, y: 1 }, { x: 1, y: 0 }] }] });
 * // in a page: vegaEmbed('#plot', spec)
 * ```
 */
export function toVegaLite(chart: Chart, size?: ChartSize): VegaLiteSpec {
  return vegaLiteSpecFor('toVegaLite', chart, size);
}

/** {@link toVegaLite} with the name of the function the user called (`renderSvg`, `renderPng`) for its error messages. */
export function vegaLiteSpecFor(owner: string, chart: Chart, size: ChartSize | undefined): VegaLiteSpec {
  const prepared = prepareChart(chart, owner);
  const { width, height } = checkSize(owner, size, { width: 640, height: 360 });
  return buildSpec(prepared, width, height);
}

function axisScale(scale: 'linear' | 'log', domain: readonly [number, number]): Record<string, unknown> {
  return scale === 'log' ? { type: 'log', domain: [...domain], nice: false } : { type: 'linear', domain: [...domain], nice: false, zero: false };
}

/** On a log axis: ticks at the powers of ten inside the domain (when two or more fit), labelled 1e-3. */
function logAxis(scale: 'linear' | 'log', domain: readonly [number, number]): Record<string, unknown> {
  if (scale !== 'log') return {};
  const values: number[] = [];
  for (let exponent = Math.ceil(Math.log10(domain[0]) - 1e-9); exponent <= Math.floor(Math.log10(domain[1]) + 1e-9); exponent += 1) {
    values.push(Number(`1e${exponent}`));
  }
  return values.length >= 2 ? { axis: { values, format: '~e' } } : { axis: { format: '~g' } };
}

function buildSpec(chart: PreparedChart, width: number, height: number): VegaLiteSpec {
  const names = chart.series.map((series) => series.name);
  const values = chart.series.flatMap((series) => series.points.map((point, index) => ({ series: series.name, index, x: point.x, y: point.y })));
  const x = {
    field: 'x',
    type: 'quantitative',
    title: chart.xLabel ?? null,
    scale: axisScale(chart.xScale, chart.xDomain),
    ...logAxis(chart.xScale, chart.xDomain),
  };
  const y = {
    field: 'y',
    type: 'quantitative',
    title: chart.yLabel ?? null,
    scale: axisScale(chart.yScale, chart.yDomain),
    ...logAxis(chart.yScale, chart.yDomain),
  };
  const layers: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 1.75, clip: true },
      encoding: {
        x,
        y,
        order: { field: 'index', type: 'quantitative' },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: names, range: names.map((_, index) => seriesColors[index % seriesColors.length]) },
          legend: { title: null, orient: 'top', labelLimit: 400 },
        },
      },
    },
  ];
  if (chart.markers.length > 0) {
    const markerValues = chart.markers.map((marker) => ({ x: marker.x, y: marker.y, label: marker.label }));
    layers.push(
      {
        data: { values: markerValues },
        mark: { type: 'point', filled: true, size: 60, color: '#d62728', shape: 'circle' },
        encoding: { x, y },
      },
      {
        data: { values: markerValues },
        mark: { type: 'text', align: 'left', dx: 6, dy: -8, fontSize: 11, color: '#d62728' },
        encoding: { x, y, text: { field: 'label', type: 'nominal' } },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(chart.title === undefined ? {} : { title: chart.title }),
    width,
    height,
    background: 'white',
    padding: 8,
    config: { font: 'sans-serif', view: { stroke: '#ccc' }, axis: { grid: true, gridColor: '#eee' } },
    layer: layers,
  };
}
