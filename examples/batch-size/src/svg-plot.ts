/**
 * A minimal SVG line chart (kept in this example until @lrkit/plot lands on main).
 */
export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logX?: boolean;
  readonly width?: number;
  readonly height?: number;
}

const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function ticks(low: number, high: number, count: number): number[] {
  if (high <= low) return [low];
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const values: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high + step * 1e-9; value += step) values.push(Number(value.toPrecision(12)));
  return values;
}

/** 1, 2, 5 × 10^k between 10^low and 10^high (log10 units). */
function logTicks(low: number, high: number): number[] {
  const values: number[] = [];
  for (let power = Math.floor(low); power <= Math.ceil(high); power += 1) {
    for (const mantissa of [1, 2, 5]) {
      const value = mantissa * 10 ** power;
      const position = Math.log10(value);
      if (position >= low - 1e-9 && position <= high + 1e-9) values.push(value);
    }
  }
  return values;
}

/** Renders the series as an SVG document. */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 400;
  const longestName = Math.max(0, ...options.series.map((series) => series.name.length));
  const margin = { left: 64, right: 48 + Math.ceil(longestName * 6.5), top: 36, bottom: 48 };
  const points = options.series.flatMap((series) => series.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const transformX = (x: number) => (options.logX === true ? Math.log10(Math.max(x, 1)) : x);
  const xs = points.map(([x]) => transformX(x));
  const ys = points.map(([, y]) => y);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMin = Math.min(...ys);
  const yMax = Math.max(...ys);
  const yPad = (yMax - yMin) * 0.05 || 0.01;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + ((transformX(x) - xMin) / (xMax - xMin || 1)) * plotWidth;
  const sy = (y: number) => margin.top + (1 - (y - (yMin - yPad)) / (yMax - yMin + 2 * yPad)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escape(options.title)}</text>`,
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
  ];
  for (const value of ticks(yMin - yPad, yMax + yPad, 6)) {
    const y = sy(value);
    parts.push(`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${y + 4}" text-anchor="end">${value}</text>`);
  }
  const xTicks = options.logX === true ? logTicks(xMin, xMax) : ticks(xMin, xMax, 8);
  for (const value of xTicks) {
    if (transformX(value) < xMin - 1e-9 || transformX(value) > xMax + 1e-9) continue;
    const x = sx(value);
    parts.push(`<line x1="${x}" x2="${x}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#eee"/>`);
    parts.push(`<text x="${x}" y="${margin.top + plotHeight + 16}" text-anchor="middle">${value}</text>`);
  }
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${height - 10}" text-anchor="middle">${escape(options.xLabel)}${options.logX === true ? ' (log scale)' : ''}</text>`);
  parts.push(
    `<text transform="translate(16 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escape(options.yLabel)}</text>`,
  );
  options.series.forEach((series, index) => {
    const colour = colours[index % colours.length] ?? '#000';
    const path = series.points
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .map(([x, y], point) => `${point === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
      .join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const [x, y] of series.points) {
      if (Number.isFinite(x) && Number.isFinite(y)) parts.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.5" fill="${colour}"/>`);
    }
    const legendY = margin.top + 16 + index * 18;
    parts.push(`<line x1="${width - margin.right + 12}" x2="${width - margin.right + 32}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${width - margin.right + 38}" y="${legendY}">${escape(series.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
