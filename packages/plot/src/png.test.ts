import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Chart } from './chart.js';
import { renderPng, svgSize } from './png.js';
import { renderSvg } from './render-svg.js';

const chart: Chart = {
  title: 'PNG',
  series: [
    {
      name: 'line',
      points: [
        { x: 0, y: 0 },
        { x: 1, y: 1 },
      ],
    },
  ],
};

describe('renderPng', () => {
  it('decodes as a PNG whose size is the SVG size times the scale', async () => {
    const size = svgSize(await renderSvg(chart, { width: 300, height: 150 }));
    const bytes = await renderPng(chart, { width: 300, height: 150, scale: 2 });
    const image = PNG.sync.read(Buffer.from(bytes));
    expect(image.width).toBe(2 * size.width);
    expect(image.height).toBe(2 * size.height);
  });

  it('paints a white background and a coloured line', async () => {
    const bytes = await renderPng(chart, { width: 100, height: 100, scale: 1 });
    const image = PNG.sync.read(Buffer.from(bytes));
    expect([...image.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    let blue = 0;
    for (let offset = 0; offset < image.data.length; offset += 4) {
      if (image.data[offset] === 0x4c && image.data[offset + 1] === 0x78 && image.data[offset + 2] === 0xa8) blue += 1;
    }
    expect(blue).toBeGreaterThan(50);
  });

  it('rejects a non-positive scale', async () => {
    await expect(renderPng(chart, { scale: 0 })).rejects.toThrow('renderPng: `scale` must be a number in (0, 16]; received 0');
  });
});
