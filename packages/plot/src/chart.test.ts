import { describe, expect, it } from 'vitest';
import { prepareChart } from './chart.js';

describe('prepareChart', () => {
  it('computes the data extent over every series and marker', () => {
    const chart = prepareChart({
      series: [
        {
          name: 'a',
          points: [
            { x: 0, y: 1 },
            { x: 4, y: 3 },
          ],
        },
        { name: 'b', points: [{ x: 2, y: -1 }] },
      ],
      markers: [{ x: 6, y: 0, label: 'm' }],
    });
    expect(chart.xDomain).toEqual([0, 6]);
    expect(chart.yDomain).toEqual([-1, 3]);
  });

  it('drops non-finite points and points <= 0 on a log axis', () => {
    const chart = prepareChart({
      xScale: 'log',
      series: [
        {
          name: 'a',
          points: [
            { x: 0, y: 1 },
            { x: 1e-3, y: NaN },
            { x: 1e-2, y: 2 },
            { x: 1e-1, y: 4 },
          ],
        },
      ],
    });
    expect(chart.series[0]!.points).toEqual([
      { x: 1e-2, y: 2 },
      { x: 1e-1, y: 4 },
    ]);
  });

  it('widens a flat axis around its value', () => {
    const chart = prepareChart({
      series: [
        {
          name: 'a',
          points: [
            { x: 0, y: 0.5 },
            { x: 1, y: 0.5 },
          ],
        },
      ],
    });
    expect(chart.yDomain).toEqual([0.25, 0.75]);
  });

  it('rejects a series without points naming the series', () => {
    expect(() => prepareChart({ series: [{ name: 'a' } as never] })).toThrow('prepareChart: `series[0]` must be { name: string, points: { x, y }[] }');
  });

  it('rejects an unknown scale', () => {
    expect(() => prepareChart({ yScale: 'ln' as never, series: [{ name: 'a', points: [{ x: 0, y: 1 }] }] })).toThrow(
      "prepareChart: `yScale` must be one of 'linear', 'log'; received \"ln\"",
    );
  });

  it('rejects a chart with no drawable point', () => {
    expect(() => prepareChart({ yScale: 'log', series: [{ name: 'a', points: [{ x: 0, y: 0 }] }] })).toThrow('prepareChart: no drawable point');
  });
});
