import { describe, expect, it } from 'vitest';
import { toVegaLite } from './vega-lite-spec.js';

describe('toVegaLite', () => {
  it('fixes the axis domains to the data extent and keeps the point order', () => {
    const spec = toVegaLite(
      {
        series: [
          {
            name: 'a',
            points: [
              { x: 2, y: 5 },
              { x: 10, y: 1 },
            ],
          },
        ],
      },
      { width: 100, height: 50 },
    );
    const [line] = spec.layer as Array<{ data: { values: unknown[] }; encoding: Record<string, { scale?: unknown }> }>;
    expect(line!.encoding.x!.scale).toEqual({ type: 'linear', domain: [2, 10], nice: false, zero: false });
    expect(line!.encoding.y!.scale).toEqual({ type: 'linear', domain: [1, 5], nice: false, zero: false });
    expect(line!.data.values).toEqual([
      { series: 'a', index: 0, x: 2, y: 5 },
      { series: 'a', index: 1, x: 10, y: 1 },
    ]);
    expect([spec.width, spec.height]).toEqual([100, 50]);
  });

  it('ticks a log axis at the powers of ten inside the domain', () => {
    const spec = toVegaLite({
      xScale: 'log',
      series: [
        {
          name: 'a',
          points: [
            { x: 3e-4, y: 1 },
            { x: 20, y: 2 },
          ],
        },
      ],
    });
    const [line] = spec.layer as Array<{ encoding: Record<string, { axis?: { values?: number[] } }> }>;
    expect(line!.encoding.x!.axis!.values).toEqual([1e-3, 1e-2, 1e-1, 1, 10]);
  });

  it('rejects a non-integer size', () => {
    expect(() => toVegaLite({ series: [{ name: 'a', points: [{ x: 0, y: 0 }] }] }, { width: 10.5 })).toThrow(
      'toVegaLite: `width` must be an integer in [2, 4096] (limits.maxImageSide); received 10.5',
    );
  });
});
