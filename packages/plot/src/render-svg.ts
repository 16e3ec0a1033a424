import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Chart } from './chart.js';
import { type ChartSize, vegaLiteSpecFor } from './vega-lite-spec.js';

/**
 * Renders a chart as a standalone SVG document with Vega-Lite + Vega (headless, no browser,
 * no canvas). The SVG carries its own `width`, `height` and `viewBox`, uses only the generic
 * `sans-serif` font and no scripts or external resources, so it can be written to a file,
 * inlined in an HTML page or converted to PNG with `renderPng` (`@lrkit/plot/png`).
 *
 * Each series is one `<path>` (`aria-roledescription="line mark"`); see {@link toVegaLite}
 * for the mapping from data to plot coordinates.
 *
 * @param chart - the series, markers and decorations.
 * @param size - the plotting area in pixels (default 640 x 360); the document adds axes,
 *   title and legend around it.
 * @returns the SVG markup.
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * const chart = scheduleChart([{ name: 'cosine', schedule: cosine({ initialValue: 0.1, decaySteps: 100 }) }], { end: 100 });
 * await writeFile('cosine.svg', await renderSvg(chart));
 * ```
 */
export async function renderSvg(chart: Chart, size?: ChartSize): Promise<string> {
  return renderSvgFor('renderSvg', chart, size);
}

/** {@link renderSvg} with the name of the function the user called (`renderPng`) for its error messages. */
export async function renderSvgFor(owner: string, chart: Chart, size: ChartSize | undefined): Promise<string> {
  const spec = vegaLiteSpecFor(owner, chart, size);
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.startsWith('<?xml') ? svg : `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
  } finally {
    view.finalize();
  }
}
