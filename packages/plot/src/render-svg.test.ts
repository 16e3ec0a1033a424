import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Chart } from './chart.js';
import { learningRateFinderChart } from './lr-finder-chart.js';
import { renderSvg } from './render-svg.js';

type Node = Record<string, unknown>;

/** Every element named `name` in a parsed (preserveOrder: false) XML tree. */
function findAll(node: unknown, name: string, found: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((child) => findAll(child, name, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === name) (Array.isArray(value) ? value : [value]).forEach((item) => found.push(item as Node));
      findAll(value, name, found);
    }
  }
  return found;
}

function linePaths(svg: string): Node[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const tree = parser.parse(svg, true) as Node;
  return findAll(tree, 'path').filter((path) => path['aria-roledescription'] === 'line mark');
}

function coordinates(path: Node): number[][] {
  const d = String(path.d);
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);
}

const chart: Chart = {
  title: 'Two series',
  xLabel: 'step',
  yLabel: 'learning rate',
  series: [
    {
      name: 'down',
      points: [
        { x: 0, y: 1 },
        { x: 50, y: 0.5 },
        { x: 100, y: 0 },
      ],
    },
    {
      name: 'up',
      points: [
        { x: 0, y: 0.25 },
        { x: 100, y: 0.75 },
      ],
    },
  ],
};

describe('renderSvg', () => {
  it('produces well-formed XML with an svg root of explicit size', async () => {
    const svg = await renderSvg(chart, { width: 400, height: 200 });
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const tree = parser.parse(svg, true) as { svg: Node };
    expect(tree.svg.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(Number(tree.svg.width)).toBeGreaterThan(400);
    expect(String(tree.svg.viewBox)).toMatch(/^0 0 \d+ \d+$/);
  });

  it('draws one path per series with the points at the expected plot coordinates', async () => {
    const svg = await renderSvg(chart, { width: 400, height: 200 });
    const paths = linePaths(svg);
    expect(paths).toHaveLength(2);
    // x: 0..100 -> 0..400; y: 0..1 -> 200..0
    expect(coordinates(paths[0]!)).toEqual([
      [0, 0],
      [200, 100],
      [400, 200],
    ]);
    expect(coordinates(paths[1]!)).toEqual([
      [0, 150],
      [400, 50],
    ]);
    expect(paths[0]!.stroke).toBe('#4c78a8');
    expect(paths[1]!.stroke).toBe('#f58518');
  });

  it('writes the title, axis labels and legend names as text', async () => {
    const svg = await renderSvg(chart);
    for (const text of ['Two series', 'step', 'learning rate', 'down', 'up']) expect(svg).toContain(`>${text}</text>`);
  });

  it('uses only generic fonts and no external resources, so a browser shows it as is', async () => {
    const svg = await renderSvg(chart);
    const families = new Set([...svg.matchAll(/font-family="([^"]+)"/g)].map((match) => match[1]));
    expect([...families]).toEqual(['sans-serif']);
    expect(svg).not.toMatch(/<script|href="http/);
  });

  it('places points on a log x axis by log10 of the value', async () => {
    const svg = await renderSvg(
      learningRateFinderChart({ learningRates: [1e-4, 1e-3, 1e-2], losses: [2, 1, 3], suggestions: [{ name: 'steep', learningRate: 1e-3 }] }),
      {
        width: 300,
        height: 100,
      },
    );
    const paths = linePaths(svg);
    expect(paths).toHaveLength(1);
    // x: log10 -4..-2 -> 0..300; y: 1..3 -> 100..0
    expect(coordinates(paths[0]!)).toEqual([
      [0, 50],
      [150, 100],
      [300, 0],
    ]);
    expect(svg).toContain('>steep 1e-3</text>');
  });
});
