import { describe, expect, it } from 'vitest';
import { sampleSchedule } from './sample-schedule.js';

describe('sampleSchedule (local stand-in for @lrkit/plot)', () => {
  it('evaluates every step when the range fits the point budget', () => {
    expect(sampleSchedule((step) => step * 2, { end: 4, points: 10 })).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 2 },
      { x: 2, y: 4 },
      { x: 3, y: 6 },
    ]);
  });

  it('keeps the extremes of a long range: a spike inside a bucket survives', () => {
    const points = sampleSchedule((step) => (step === 5001 ? 1 : 0.1), { end: 10_000, points: 100 });
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points).toContainEqual({ x: 5001, y: 1 });
    expect(points[0]).toEqual({ x: 0, y: 0.1 });
    expect(points[points.length - 1]).toEqual({ x: 9999, y: 0.1 });
  });

  it('returns points in increasing step order', () => {
    const points = sampleSchedule((step) => Math.cos(step / 300), { end: 5000, points: 60 });
    for (let index = 1; index < points.length; index += 1) expect(points[index]!.x).toBeGreaterThan(points[index - 1]!.x);
  });
});
