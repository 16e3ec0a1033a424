import { describe, expect, it } from 'vitest';
import { plateau } from './plateau.js';

function run(reducer: ReturnType<typeof plateau>, metrics: number[], baseValue = 1): number[] {
  let state = reducer.init();
  return metrics.map((metric) => {
    state = reducer.update(state, metric, baseValue);
    return reducer.apply(state, baseValue);
  });
}

describe('plateau', () => {
  const metrics = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];

  it('reduces when bad evaluations reach patience (the Keras golden sequence)', () => {
    const values = run(plateau({ factor: 0.1, patience: 2 }), metrics);
    [1, 1, 1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001].forEach((expected, index) => expect(values[index]).toBeCloseTo(expected, 12));
  });

  it('with patience + 1 and relative minDelta gives the PyTorch golden sequence', () => {
    const values = run(plateau({ factor: 0.1, patience: 3, minDeltaMode: 'relative' }), metrics);
    [1, 1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01].forEach((expected, index) => expect(values[index]).toBeCloseTo(expected, 12));
  });

  it('never counts NaN as an improvement and reports it', () => {
    const reducer = plateau({ patience: 2, factor: 0.5 });
    let state = reducer.init();
    for (const metric of [1, Number.NaN, Number.NaN]) state = reducer.update(state, metric);
    expect(state.best).toBe(1);
    expect(state.scale).toBe(0.5);
    expect(state.nonFiniteEvaluations).toBe(2);
    expect(state.lastMetricNonFinite).toBe(true);
  });

  it('ignores cooldown evaluations after a reduction', () => {
    const values = run(plateau({ factor: 0.5, patience: 1, cooldown: 2 }), [1, 2, 2, 2, 2, 2]);
    expect(values).toEqual([1, 0.5, 0.5, 0.5, 0.25, 0.25]);
  });

  it('floors the value at minValue', () => {
    const values = run(plateau({ factor: 0.1, patience: 1, minValue: 0.05 }), [1, 2, 2, 2], 1);
    expect(values).toEqual([1, 0.1, 0.05, 0.05]);
  });

  it('follows max mode for accuracy-like metrics', () => {
    const values = run(plateau({ mode: 'max', factor: 0.5, patience: 1 }), [0.5, 0.6, 0.6]);
    expect(values).toEqual([1, 1, 0.5]);
  });

  it('rejects a factor >= 1', () => {
    expect(() => plateau({ factor: 1 })).toThrow(new RangeError('plateau: `factor` must be a number in (0, 1); received 1'));
  });

  it('rejects a negative patience', () => {
    expect(() => plateau({ patience: -1 })).toThrow(/`patience` must be an integer >= 0; received -1/);
  });
});
