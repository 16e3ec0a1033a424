import { excerpt, limits } from '@lrkit/schedules';
import { type Point as AsciiPoint, type Color, plot } from 'simple-ascii-chart';
import { type AxisScale, type Chart, prepareChart } from './chart.js';
import { formatNumber } from './format-number.js';

/** Options of {@link renderTerminal}. */
export interface TerminalOptions {
  /** Columns of the plotting area (the labels add about 12 more). Default 60. */
  readonly width?: number;
  /** Rows of the plotting area. Default 15. */
  readonly height?: number;
  /** ANSI colours per series. Default `false` (plain text); the CLI turns it on for a TTY. */
  readonly color?: boolean;
  /** Number of labelled ticks on the x axis (>= 2). Default 5. */
  readonly xTicks?: number;
}

const palette: readonly Color[] = ['ansiBlue', 'ansiYellow', 'ansiRed', 'ansiCyan', 'ansiGreen', 'ansiMagenta', 'ansiWhite'];

function forward(scale: AxisScale, value: number): number {
  return scale === 'log' ? Math.log10(value) : value;
}

function backward(scale: AxisScale, value: number): number {
  return scale === 'log' ? 10 ** value : value;
}

/**
 * Draws a chart as text for a terminal, with
 * [simple-ascii-chart](https://github.com/gtktsc/ascii-chart): a title row, the y label beside the
 * axis arrow, the plotting area
 * (`height` rows, round y tick values), the x axis with about `xTicks` round labelled ticks, the x
 * label, and a legend with one row per series and per marker. Several series share the axes;
 * log axes are drawn in log10 space with the tick labels in the original units.
 *
 * Long series should come from `sampleSchedule` (a min/max envelope): the line then covers the
 * same rows as the full curve would.
 *
 * @param chart - the series, markers and decorations.
 * @param options - size, colours and tick count.
 * @returns the chart as lines separated by `\n` (no trailing newline).
 * @example
 * ```ts
 * console.log(renderTerminal(scheduleChart([{ name: 'cosine', schedule }], { end: 1000 }), { width: 60, height: 12 }));
 * ```
 */
export function renderTerminal(chart: Chart, options: TerminalOptions = {}): string {
  const prepared = prepareChart(chart, 'renderTerminal');
  const width = options.width === undefined ? 60 : options.width;
  const height = options.height === undefined ? 15 : options.height;
  const xTicks = options.xTicks === undefined ? 5 : options.xTicks;
  for (const [name, value, minimum, maximum] of [
    ['width', width, 10, limits.maxTerminalWidth],
    ['height', height, 3, limits.maxTerminalHeight],
    ['xTicks', xTicks, 2, limits.maxTerminalWidth],
  ] as const) {
    if (!(Number.isInteger(value) && value >= minimum && value <= maximum)) {
      throw new RangeError(`renderTerminal: \`${name}\` must be an integer in [${minimum}, ${maximum}]; received ${excerpt(value)}`);
    }
  }
  const { xScale, yScale } = prepared;
  const toPlot = (x: number, y: number): AsciiPoint => [forward(xScale, x), forward(yScale, y)];
  const polylines = prepared.series.map((series) => series.points.map((point) => toPlot(point.x, point.y)));
  // simple-ascii-chart needs at least one point per line; an empty series is drawn as nothing.
  const drawn = polylines.map((line, index) => ({ line, index })).filter(({ line }) => line.length > 0);
  const [xLow, xHigh] = prepared.xDomain.map((value) => forward(xScale, value)) as [number, number];
  const [yLow, yHigh] = prepared.yDomain.map((value) => forward(yScale, value)) as [number, number];
  const ticks = xScale === 'log' ? axisTicks(xScale, xLow, xHigh, xTicks) : valueTicks('linear', xLow, xHigh, xTicks - 1);
  const yTicks = valueTicks(yScale, yLow, yHigh, Math.max(2, Math.floor(height / 2)));
  const legend = [...drawn.map(({ index }) => prepared.series[index]!.name)];
  const output = plot(
    drawn.map(({ line }) => line),
    {
      width,
      height,
      yRange: [yLow, yHigh],
      customXAxisTicks: ticks,
      customYAxisTicks: yTicks,
      ...(prepared.title === undefined ? {} : { title: prepared.title }),
      ...(prepared.xLabel === undefined ? {} : { xLabel: prepared.xLabel }),
      legend: {
        position: 'bottom',
        series: legend,
        ...(prepared.markers.length > 0 ? { points: prepared.markers.map((marker) => marker.label) } : {}),
      },
      ...(prepared.markers.length > 0
        ? {
            points: prepared.markers.map((marker) => {
              const [x, y] = toPlot(marker.x, marker.y);
              return options.color === true ? { x, y, color: 'ansiRed' as Color } : { x, y };
            }),
          }
        : {}),
      ...(options.color === true ? { color: drawn.map(({ index }) => palette[index % palette.length]!) } : {}),
      formatter: (value, { axis }) => formatNumber(backward(axis === 'x' ? xScale : yScale, Number(value))),
    },
  );
  const lines = output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line, index, all) => !(line === '' && (index === 0 || index === all.length - 1)));
  // The y label goes on the arrow row at the top of the y axis (a vertical label would not fit short charts).
  if (prepared.yLabel !== undefined) {
    const arrow = lines.findIndex((line) => line.trimStart() === '▲');
    if (arrow >= 0) lines[arrow] = `${lines[arrow]} ${prepared.yLabel}`;
  }
  return lines.join('\n');
}

/** Tick positions (in drawing space): powers of ten on a log axis when at least two fit, else evenly spaced. */
function axisTicks(scale: AxisScale, low: number, high: number, count: number): number[] {
  if (scale === 'log') {
    const first = Math.ceil(low - 1e-9);
    const last = Math.floor(high + 1e-9);
    if (last - first + 1 >= 2) {
      const stride = Math.ceil((last - first + 1) / count);
      const ticks: number[] = [];
      for (let exponent = first; exponent <= last; exponent += stride) ticks.push(exponent);
      return ticks;
    }
  }
  return Array.from({ length: count }, (_, index) => low + ((high - low) * index) / (count - 1));
}

/**
 * Round tick values (1, 2, 2.5 or 5 times a power of ten apart, about `count` of them),
 * or the powers of ten on a log axis when at least two fit.
 */
function valueTicks(scale: AxisScale, low: number, high: number, count: number): number[] {
  if (scale === 'log') {
    const ticks = axisTicks('log', low, high, count);
    if (ticks.length >= 2 && ticks.every((tick) => Number.isInteger(tick))) return ticks;
  }
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const spacing = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let index = Math.ceil(low / spacing - 1e-9); index * spacing <= high + spacing * 1e-9; index += 1) {
    ticks.push(Number((index * spacing).toPrecision(12)));
  }
  return ticks.length >= 2 ? ticks : [low, high];
}
