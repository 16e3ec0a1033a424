import { constant, cosine, defineSchedule, step } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { sampleSchedule } from './sample-schedule.js';

describe('sampleSchedule', () => {
  it('evaluates every step when the range fits in the point budget', () => {
    const schedule = cosine({ initialValue: 1, decaySteps: 10 });
    const points = sampleSchedule(schedule, { start: 2, end: 7, points: 10 });
    expect(points.map((point) => point.x)).toEqual([2, 3, 4, 5, 6]);
    points.forEach((point) => expect(point.y).toBe(schedule(point.x)));
  });

  it('downsamples 1,000,000 steps of a monotone schedule to the exact min/max envelope of each bucket', () => {
    const schedule = cosine({ initialValue: 0.1, decaySteps: 1_000_000 });
    const points = sampleSchedule(schedule, { end: 1_000_000, points: 200 });
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points[0]).toEqual({ x: 0, y: 0.1 });
    expect(points.at(-1)).toEqual({ x: 999_999, y: schedule(999_999) });
    // 99 buckets; each contributes its first step (max) and its last step (min).
    const buckets = 99;
    expect(points.length).toBe(2 * buckets);
    for (let bucket = 0; bucket < buckets; bucket += 1) {
      const first = Math.floor((bucket * 1_000_000) / buckets);
      const last = Math.floor(((bucket + 1) * 1_000_000) / buckets) - 1;
      expect(points[2 * bucket]).toEqual({ x: first, y: schedule(first) });
      expect(points[2 * bucket + 1]).toEqual({ x: last, y: schedule(last) });
    }
  });

  it('keeps a one-step drop inside a long range (both sides of the jump)', () => {
    const schedule = defineSchedule({ type: 'drop' }, (step) => (step < 500_001 ? 1 : 0.1));
    const points = sampleSchedule(schedule, { end: 1_000_000, points: 100 });
    const values = new Set(points.map((point) => point.y));
    expect([...values].sort()).toEqual([0.1, 1]);
    const crossing = points.findIndex((point) => point.y === 0.1);
    expect(points[crossing - 1]!.y).toBe(1);
  });

  it('returns strictly increasing steps for a constant schedule (one point per bucket)', () => {
    const points = sampleSchedule(constant({ value: 3 }), { end: 10_000, points: 10 });
    expect(points.map((point) => point.x)).toEqual([0, 2500, 5000, 7500, 9999]);
    points.forEach((point) => expect(point.y).toBe(3));
  });

  it('starts at `start` and ends at `end - 1` with an offset range', () => {
    const schedule = cosine({ initialValue: 1, decaySteps: 100_000 });
    const points = sampleSchedule(schedule, { start: 50_000, end: 60_000, points: 20 });
    expect(points[0]!.x).toBe(50_000);
    expect(points.at(-1)!.x).toBe(59_999);
  });

  it('rejects an empty or reversed range naming `end`', () => {
    const schedule = constant({ value: 1 });
    expect(() => sampleSchedule(schedule, { start: 5, end: 5 })).toThrow('sampleSchedule: `end` must be an integer in [6, 9007199254740991]; received 5');
    expect(() => sampleSchedule(schedule, { start: 5, end: 2 })).toThrow(RangeError);
  });

  it('rejects a fractional or negative start and a tiny point budget', () => {
    const schedule = constant({ value: 1 });
    expect(() => sampleSchedule(schedule, { start: -1, end: 2 })).toThrow('`start` must be an integer in [0, 9007199254740991]; received -1');
    expect(() => sampleSchedule(schedule, { start: 0.5, end: 2 })).toThrow('`start` must be an integer in [0, 9007199254740991]; received 0.5');
    expect(() => sampleSchedule(schedule, { end: 2, points: 3 })).toThrow('`points` must be an integer in [4, 100000]; received 3');
  });
});

describe('sampleSchedule with step decay', () => {
  it('keeps every drop of a step schedule over 1,000,000 steps exactly', () => {
    const schedule = step({ initialValue: 1, periodSteps: 100_000, factor: 0.5 });
    const points = sampleSchedule(schedule, { end: 1_000_000, points: 64 });
    const values = [...new Set(points.map((point) => point.y))];
    expect(values).toEqual(Array.from({ length: 10 }, (_, index) => 0.5 ** index));
    points.forEach((point) => expect(point.y).toBe(schedule(point.x)));
  });
});
