/** One line of a chart (the shape of `@lrkit/plot`'s `Series`). */
export interface ChartSeries {
  /** The legend entry. */
  readonly name: string;
  /** Points in order of x; non-finite values are skipped. */
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** What a chart shows (the subset of `@lrkit/plot`'s `Chart` the report uses). */
export interface LineChart {
  /** Title above the chart. */
  readonly title: string;
  /** Label of the x axis. */
  readonly xLabel: string;
  /** Label of the y axis. */
  readonly yLabel: string;
  /** The lines, overlaid. */
  readonly series: readonly ChartSeries[];
  /** `'log'` for learning rates spanning decades; default linear. */
  readonly yScale?: 'linear' | 'log';
}

/** Draws overlaid lines as an SVG document (the report's charts: loss, accuracy, learning rate). */
export type LineChartRenderer = (chart: LineChart) => string | Promise<string>;

const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tickLabel(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
}

function linearTicks(minimum: number, maximum: number, count: number): number[] {
  const span = maximum - minimum || 1;
  const rough = span / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough);
  const ticks: number[] = [];
  for (let tick = Math.ceil(minimum / step) * step; tick <= maximum + step * 1e-9; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

/**
 * A small dependency-free SVG line chart: axes with ticks, one coloured line per series,
 * a legend, an optional logarithmic y axis.
 *
 * @param chart - title, axis labels, series.
 * @returns the SVG document.
 * @example
 * ```ts
 * writeFileSync('lr.svg', svgLineChart({ title: 'LR', xLabel: 'step', yLabel: 'lr', series: [{ name: 'a', points: [[0, 1], [1, 0.5]] }] }));
 * ```
 */
export const svgLineChart: LineChartRenderer = (chart) => {
  const width = 860;
  const height = 480;
  const left = 70;
  const right = 190;
  const top = 40;
  const bottom = 50;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const transform = (y: number): number => (chart.yScale === 'log' ? Math.log10(y) : y);
  const usable = chart.series.map((series) => ({
    name: series.name,
    points: series.points
      .map(({ x, y }) => [x, y] as const)
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (chart.yScale !== 'log' || y > 0)),
  }));
  const xs = usable.flatMap((series) => series.points.map(([x]) => x));
  const ys = usable.flatMap((series) => series.points.map(([, y]) => transform(y)));
  let xMin = xs.length === 0 ? 0 : Math.min(...xs);
  let xMax = xs.length === 0 ? 1 : Math.max(...xs);
  let yMin = ys.length === 0 ? 0 : Math.min(...ys);
  let yMax = ys.length === 0 ? 1 : Math.max(...ys);
  if (xMax === xMin) xMax = xMin + 1;
  if (yMax === yMin) {
    yMin -= chart.yScale === 'log' ? 0.5 : Math.abs(yMin) * 0.1 || 1;
    yMax += chart.yScale === 'log' ? 0.5 : Math.abs(yMax) * 0.1 || 1;
  } else if (chart.yScale !== 'log') {
    const pad = (yMax - yMin) * 0.05;
    yMin -= pad;
    yMax += pad;
  }
  const px = (x: number): number => left + ((x - xMin) / (xMax - xMin)) * plotWidth;
  const py = (y: number): number => top + (1 - (y - yMin) / (yMax - yMin)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left + plotWidth / 2}" y="24" text-anchor="middle" font-size="16">${escapeXml(chart.title)}</text>`,
    `<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#444"/>`,
  ];
  for (const tick of linearTicks(xMin, xMax, 8)) {
    const x = px(tick).toFixed(1);
    parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + plotHeight}" stroke="#eee"/>`);
    parts.push(`<text x="${x}" y="${top + plotHeight + 16}" text-anchor="middle">${tickLabel(tick)}</text>`);
  }
  const yTicks =
    chart.yScale === 'log'
      ? linearTicks(Math.floor(yMin), Math.ceil(yMax), 8).filter((tick) => Number.isInteger(tick) && tick >= yMin && tick <= yMax)
      : linearTicks(yMin, yMax, 6);
  for (const tick of yTicks) {
    const y = py(tick).toFixed(1);
    parts.push(`<line x1="${left}" y1="${y}" x2="${left + plotWidth}" y2="${y}" stroke="#eee"/>`);
    parts.push(
      `<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(chart.yScale === 'log' ? 10 ** tick : tick)}</text>`,
    );
  }
  parts.push(`<text x="${left + plotWidth / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`);
  parts.push(
    `<text x="16" y="${top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 16 ${top + plotHeight / 2})">${escapeXml(
      chart.yLabel + (chart.yScale === 'log' ? ' (log scale)' : ''),
    )}</text>`,
  );
  usable.forEach((series, index) => {
    const colour = palette[index % palette.length] as string;
    if (series.points.length > 0) {
      const path = series.points
        .map(([x, y], point) => `${point === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(transform(y)).toFixed(1)}`)
        .join('');
      parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.6"/>`);
    }
    const legendY = top + 10 + index * 20;
    parts.push(`<line x1="${width - right + 14}" y1="${legendY}" x2="${width - right + 38}" y2="${legendY}" stroke="${colour}" stroke-width="3"/>`);
    parts.push(`<text x="${width - right + 44}" y="${legendY}" dominant-baseline="middle">${escapeXml(series.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
};
