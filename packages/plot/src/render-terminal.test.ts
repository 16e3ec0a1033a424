import { constant, cosine } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { learningRateFinderChart } from './lr-finder-chart.js';
import { renderTerminal } from './render-terminal.js';
import { scheduleChart } from './schedule-chart.js';

const twoSchedules = scheduleChart(
  [
    { name: 'cosine', schedule: cosine({ initialValue: 0.1, decaySteps: 1000 }) },
    { name: 'constant', schedule: constant({ value: 0.05 }) },
  ],
  { end: 1001 },
);

describe('renderTerminal', () => {
  it('has a title row, `height` plot rows, the axis rows, the x label and one legend row per series', () => {
    const lines = renderTerminal(twoSchedules, { width: 50, height: 10 }).split('\n');
    expect(lines[0]).toBe('Learning-rate schedules');
    const plotRows = lines.filter((line) => /[┤│]/.test(line) && !line.includes('└'));
    expect(plotRows).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith('█ '))).toEqual(['█ cosine', '█ constant']);
    expect(lines.some((line) => line.trim() === 'step')).toBe(true);
    expect(lines[1]!.trim()).toBe('▲ learning rate');
    expect(lines).toHaveLength(1 + 1 + 10 + 2 + 1 + 2); // title, arrow + y label, rows, axis + ticks, x label, legend
  });

  it('labels the y axis with the extreme values and the x axis with the range ends', () => {
    const text = renderTerminal(twoSchedules, { width: 50, height: 10, xTicks: 3 });
    const lines = text.split('\n');
    const firstRow = lines.find((line) => line.includes('┤'))!;
    expect(firstRow).toMatch(/0\.1┤/);
    const tickLine = lines[lines.findIndex((line) => line.includes('└')) + 1]!;
    expect(tickLine.trim().split(/\s+/)).toEqual(['0', '500', '1000']);
  });

  it('writes no ANSI escapes unless colour is asked for', () => {
    expect(renderTerminal(twoSchedules)).not.toContain('\u001b[');
    expect(renderTerminal(twoSchedules, { color: true })).toContain('\u001b[');
  });

  it('labels a log x axis with powers of ten and lists markers in the legend', () => {
    const chart = learningRateFinderChart({
      learningRates: [1e-4, 1e-3, 1e-2, 1e-1],
      losses: [2, 1.5, 1, 3],
      suggestions: [{ name: 'steep', learningRate: 1e-2 }],
    });
    const lines = renderTerminal(chart, { width: 40, height: 6 }).split('\n');
    const tickLine = lines[lines.findIndex((line) => line.includes('└')) + 1]!;
    expect(tickLine.trim().split(/\s+/)).toEqual(['1e-4', '0.001', '0.01', '0.1']);
    expect(lines.some((line) => line.includes('steep 1e-2'))).toBe(true);
  });

  it('rejects a plot narrower than 10 columns', () => {
    expect(() => renderTerminal(twoSchedules, { width: 5 })).toThrow('renderTerminal: `width` must be an integer in [10, 1000]; received 5');
  });
});
