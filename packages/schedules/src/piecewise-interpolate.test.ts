import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { piecewiseInterpolate } from './piecewise-interpolate.js';
import { fromOptax } from './presets/optax.js';
import { expectSameValues } from './presets/reference/compare.js';
import traces from './presets/traces/optax.json' with { type: 'json' };

const onecycles = (traces as Array<{ name: string; kwargs: Record<string, number>; values: number[] }>).filter((trace) =>
  trace.name.endsWith('onecycle_schedule'),
);

describe('piecewiseInterpolate', () => {
  it('passes through its points, linear in between, holding the ends', () => {
    const s = piecewiseInterpolate({ boundaries: [10, 20, 40], values: [1, 3, 2] });
    expect([s(0), s(10), s(15), s(20), s(30), s(40), s(99)]).toEqual([1, 1, 2, 3, 2.5, 2, 2]);
  });

  it('eases with a half cosine', () => {
    const s = piecewiseInterpolate({ boundaries: [0, 10], values: [1, 0], interpolation: 'cosine' });
    expect([s(0), s(10)]).toEqual([1, 0]);
    expect(s(5)).toBeCloseTo(0.5, 15);
    expect(s(2.5)).toBeCloseTo((1 + Math.cos(Math.PI / 4)) / 2, 15);
  });

  it.each(onecycles.map((trace) => [`${trace.name} ${JSON.stringify(trace.kwargs)}`, trace] as const))(
    'is the native form of optax %s (the three-phase pct_final one too), to the recorded trace',
    (_label, trace) => {
      const defaults = { pct_start: 0.3, pct_final: 0.85, div_factor: 25, final_div_factor: 1e4 };
      const {
        transition_steps: T,
        peak_value: peak,
        pct_start: pctStart,
        pct_final: pctFinal,
        div_factor: div,
        final_div_factor: finalDiv,
      } = {
        ...defaults,
        ...trace.kwargs,
      } as typeof defaults & { transition_steps: number; peak_value: number };
      const start = peak / div;
      const native =
        trace.name === 'linear_onecycle_schedule'
          ? piecewiseInterpolate({
              boundaries: [0, Math.trunc(pctStart * T), Math.trunc(pctFinal * T), T],
              values: [start, start * div, start * div * (1 / div), start * div * (1 / div) * (1 / finalDiv)],
            })
          : piecewiseInterpolate({
              boundaries: [0, Math.trunc(pctStart * T), T],
              values: [start, start * div, start * div * (1 / (div * finalDiv))],
              interpolation: 'cosine',
            });
      expectSameValues(
        trace.values.map((_, step) => native(step)),
        trace.values,
      );
      const preset = fromOptax(trace.name, trace.kwargs);
      trace.values.forEach((_, step) => expect(native(step)).toBe(preset(step)));
    },
  );

  it('round-trips through its config', () => {
    const s = piecewiseInterpolate({ boundaries: [0, 5, 9], values: [0.1, 1, 0.001], interpolation: 'cosine' });
    expect(toConfig(s)).toEqual({ type: 'piecewise-interpolate', boundaries: [0, 5, 9], values: [0.1, 1, 0.001], interpolation: 'cosine' });
    const loaded = fromConfig(toConfig(s));
    for (const step of [0, 2.5, 5, 7, 9, 12]) expect(loaded(step)).toBe(s(step));
  });

  it('rejects unsorted boundaries and a values/boundaries length mismatch', () => {
    expect(() => piecewiseInterpolate({ boundaries: [0, 5, 5], values: [1, 2, 3] })).toThrow(/`boundaries` must be strictly increasing/);
    expect(() => piecewiseInterpolate({ boundaries: [0, 5], values: [1] })).toThrow(
      'piecewiseInterpolate: `values` must have one value per boundary (2); received [1] of length 1',
    );
    expect(() => piecewiseInterpolate({ boundaries: [-1, 5], values: [1, 2] })).toThrow(/`boundaries\[0\]` must be >= 0/);
  });
});

describe('piecewiseInterpolate before 1.0', () => {
  it('refuses the old option `steps`, naming `boundaries`', () => {
    expect(() => piecewiseInterpolate({ steps: [0, 10], values: [1, 0] } as never)).toThrow(
      new TypeError('piecewiseInterpolate: option `steps` was renamed `boundaries` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });

  it('refuses an old config with `steps`, naming `boundaries`', () => {
    expect(() => fromConfig({ type: 'piecewise-interpolate', steps: [0, 10], values: [1, 0], interpolation: 'linear' })).toThrow(
      new TypeError('piecewiseInterpolate: option `steps` was renamed `boundaries` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
  });
});
