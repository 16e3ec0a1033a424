import { excerpt, limits } from '@lrkit/schedules';
import { Resvg } from '@resvg/resvg-js';
import type { Chart } from './chart.js';
import { renderSvgFor } from './render-svg.js';
import type { ChartSize } from './vega-lite-spec.js';

/** Options of {@link renderPng}. */
export interface PngOptions extends ChartSize {
  /** Pixel density: 2 draws every CSS pixel of the SVG as 2 x 2 pixels. Default 2. */
  readonly scale?: number;
}

/**
 * Renders a chart as a PNG image (Node only): the SVG of `renderSvg`, rasterised by
 * [`@resvg/resvg-js`](https://github.com/yisibl/resvg-js) (a prebuilt native binary shipped in
 * npm packages; no canvas, no browser). Text uses the system's sans-serif font.
 *
 * The image is `scale` times the SVG's size, rounded up: for the default 640 x 360 plotting area
 * the SVG is a little larger (axes, title, legend). `scale` is at most `limits.maxScale` (16) and
 * the image at most `limits.maxPixels` (4096²) pixels; past either a `RangeError` is thrown before
 * any rasterising.
 *
 * @returns the PNG file's bytes.
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { renderPng } from '@lrkit/plot/png';
 * await writeFile('schedule.png', await renderPng(chart, { scale: 2 }));
 * ```
 */
export async function renderPng(chart: Chart, options: PngOptions = {}): Promise<Uint8Array> {
  const scale = options.scale === undefined ? 2 : options.scale;
  if (!(typeof scale === 'number' && Number.isFinite(scale) && scale > 0 && scale <= limits.maxScale)) {
    throw new RangeError(`renderPng: \`scale\` must be a number in (0, ${limits.maxScale}]; received ${excerpt(scale)}`);
  }
  const { scale: _scale, ...size } = options;
  const svg = await renderSvgFor('renderPng', chart, size);
  // The image is the whole SVG document (axes, title and legend included) times the scale.
  const document = svgSize(svg);
  const pixels = Math.ceil(document.width * scale) * Math.ceil(document.height * scale);
  if (pixels > limits.maxPixels) {
    throw new RangeError(
      `renderPng: the image would have ${pixels} pixels (${document.width} × ${document.height} at scale ${scale}); ` +
        `at most ${limits.maxPixels} (limits.maxPixels): use a smaller size or scale`,
    );
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * The pixel size of the SVG document a chart renders to (its `width` and `height` attributes).
 *
 * @example
 * ```ts
 * svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"></svg>'); // { width: 640, height: 360 }
 * ```
 */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (match === null) throw new TypeError('svgSize: no width/height attributes on the <svg> element');
  return { width: Number(match[1]), height: Number(match[2]) };
}
