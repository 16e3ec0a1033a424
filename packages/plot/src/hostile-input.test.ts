/**
 * Hostile and careless input to the plot package (issue 17): every size is bounded by the
 * shared `limits` of `@lrkit/schedules`, refused with one clear line before any drawing.
 */
import { fc, test } from '@fast-check/vitest';
import { constant, cosine, limits } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import type { Chart } from './chart.js';
import { renderPng } from './png.js';
import { renderSvg } from './render-svg.js';
import { renderTerminal } from './render-terminal.js';
import { sampleSchedule } from './sample-schedule.js';
import { scheduleChart } from './schedule-chart.js';
import { toVegaLite } from './vega-lite-spec.js';

const schedule = cosine({ initialValue: 0.1, decaySteps: 1000 });
const chart: Chart = scheduleChart([{ name: 'cosine', schedule }], { end: 1000, points: 50 });

function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function expectOneLine(error: Error, kind: typeof TypeError | typeof RangeError, pattern: RegExp): void {
  expect(error).toBeInstanceOf(kind);
  expect(error.message).toMatch(pattern);
  expect(error.message).not.toContain('\n');
  expect(error.message.length).toBeLessThanOrEqual(400);
}

describe('class 1: bounded sizes', () => {
  it.each([
    [{ end: 10, points: 1e9 }, /^sampleSchedule: `points` must be an integer in \[4, 100000\]; received 1000000000$/],
    [{ end: 10, probesPerBucket: 1e9 }, /^sampleSchedule: `probesPerBucket` must be an integer in \[2, 1024\]; received 1000000000$/],
    [{ end: 2 ** 53 }, /^sampleSchedule: `end` must be an integer in \[1, 9007199254740991\]; received 9007199254740992$/],
  ])('sampleSchedule refuses %j', (options, pattern) => {
    expectOneLine(
      thrownBy(() => sampleSchedule(schedule, options)),
      RangeError,
      pattern,
    );
  });

  it('samples the whole step domain in bounded time and points', () => {
    const start = performance.now();
    const points = sampleSchedule(schedule, { end: limits.maxStep, points: limits.maxPoints });
    expect(points.length).toBeLessThanOrEqual(limits.maxPoints);
    expect(points[0]).toEqual({ x: 0, y: 0.1 });
    expect(points.at(-1)).toEqual({ x: limits.maxStep - 1, y: 0 });
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it.each([
    [{ width: 1_000_000 }, /^renderTerminal: `width` must be an integer in \[10, 1000\]; received 1000000$/],
    [{ height: 10_000 }, /^renderTerminal: `height` must be an integer in \[3, 500\]; received 10000$/],
    [{ xTicks: 1e9 }, /^renderTerminal: `xTicks` must be an integer in \[2, 1000\]; received 1000000000$/],
  ])('renderTerminal refuses %j', (options, pattern) => {
    expectOneLine(
      thrownBy(() => renderTerminal(chart, options)),
      RangeError,
      pattern,
    );
  });

  it.each([
    [{ width: 10_000 }, /^toVegaLite: `width` must be an integer in \[2, 4096\] \(limits\.maxImageSide\); received 10000$/],
    [{ height: 1e300 }, /^toVegaLite: `height` must be an integer in \[2, 4096\] \(limits\.maxImageSide\); received 1e\+300$/],
  ])('toVegaLite refuses %j', (size, pattern) => {
    expectOneLine(
      thrownBy(() => toVegaLite(chart, size)),
      RangeError,
      pattern,
    );
  });

  it('renderSvg and renderPng name themselves when the chart or the size is refused', async () => {
    const rejection = (promise: Promise<unknown>): Promise<unknown> =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    const wide = await rejection(renderSvg(chart, { width: 10_000 }));
    expect(wide).toBeInstanceOf(RangeError);
    expect((wide as Error).message).toBe('renderSvg: `width` must be an integer in [2, 4096] (limits.maxImageSide); received 10000');
    const flat = await rejection(renderPng(chart, { height: 1 }));
    expect(flat).toBeInstanceOf(RangeError);
    expect((flat as Error).message).toBe('renderPng: `height` must be an integer in [2, 4096] (limits.maxImageSide); received 1');
    const empty = await rejection(renderSvg({ series: [] }));
    expect(empty).toBeInstanceOf(TypeError);
    expect((empty as Error).message).toBe('renderSvg: `series` must be a non-empty array of { name, points }; received []');
  });

  it('renderPng refuses a scale or an image past limits.maxScale and limits.maxPixels, before rasterising', async () => {
    await expect(renderPng(chart, { scale: 100 })).rejects.toThrow(/^renderPng: `scale` must be a number in \(0, 16\]; received 100$/);
    const start = performance.now();
    await expect(renderPng(chart, { width: 4096, height: 4096, scale: 4 })).rejects.toThrow(
      /^renderPng: the image would have \d+ pixels \(\d+ × \d+ at scale 4\); at most 16777216 \(limits\.maxPixels\): use a smaller size or scale$/,
    );
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('scheduleChart refuses more than limits.maxSeries schedules', () => {
    const many = Array.from({ length: 65 }, (_, index) => ({ name: `s${index}`, schedule: constant({ value: index }) }));
    expectOneLine(
      thrownBy(() => scheduleChart(many, { end: 10 })),
      RangeError,
      /^scheduleChart: `schedules` must hold at most 64 schedules \(limits\.maxSeries\); received 65$/,
    );
  });

  it('scheduleChart names itself when a schedule or the sampling options are refused', () => {
    expectOneLine(
      thrownBy(() => scheduleChart([{ name: 'a', schedule }], { end: 10, points: 1e9 })),
      RangeError,
      /^scheduleChart: `points` must be an integer in \[4, 100000\]; received 1000000000$/,
    );
    expectOneLine(
      thrownBy(() => scheduleChart([{ name: 'a', schedule: 0.1 as never }], { end: 10 })),
      TypeError,
      /^scheduleChart: `schedule` must be a function of the step; received 0\.1$/,
    );
  });
});

describe('class 2: no coercion', () => {
  it.each([null, '5', true, [5]])('sampleSchedule refuses start %j', (start) => {
    expectOneLine(
      thrownBy(() => sampleSchedule(schedule, { start: start as never, end: 10 })),
      TypeError,
      /^sampleSchedule: `start` must be an integer in \[0, 9007199254740991\]; received /,
    );
  });
});

describe('property', () => {
  const wild = fc.oneof(fc.constantFrom(null, '5', true, NaN, Infinity, -1, 0, 1, 3, 4, 1e9, 1e300, 2 ** 53, 0.5), fc.integer({ min: -10, max: 5000 }));
  test.prop([wild, wild, wild, wild], { numRuns: 300 })(
    'any sampling options end in points or one clear error, quickly',
    (start, end, points, probesPerBucket) => {
      const began = performance.now();
      try {
        const result = sampleSchedule(schedule, { start, end, points, probesPerBucket } as never);
        expect(result.length).toBeLessThanOrEqual(limits.maxPoints);
        expect(result.every((point) => Number.isFinite(point.y))).toBe(true);
      } catch (error) {
        expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
        expect((error as Error).message).not.toContain('\n');
      }
      expect(performance.now() - began).toBeLessThan(2000);
    },
  );
});
