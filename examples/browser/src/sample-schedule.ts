/**
 * Local adapter standing in for `sampleSchedule` of `@lrkit/plot` until it lands on main:
 * every step of `0 … end - 1` when there are at most `points` of them, otherwise the
 * minimum and maximum of each of `points / 2` buckets (a min/max envelope) plus the ends.
 */
export function sampleSchedule(schedule: (step: number) => number, options: { end: number; points?: number }): { x: number; y: number }[] {
  const points = options.points ?? 1000;
  const end = options.end;
  if (end <= points) return Array.from({ length: end }, (_, step) => ({ x: step, y: schedule(step) }));
  const buckets = Math.floor(points / 2) - 1;
  const result: { x: number; y: number }[] = [{ x: 0, y: schedule(0) }];
  for (let bucket = 0; bucket < buckets; bucket += 1) {
    const from = 1 + Math.floor(((end - 2) * bucket) / buckets);
    const to = 1 + Math.floor(((end - 2) * (bucket + 1)) / buckets);
    let low = { x: from, y: Number.POSITIVE_INFINITY };
    let high = { x: from, y: Number.NEGATIVE_INFINITY };
    for (let step = from; step < to; step += 1) {
      const y = schedule(step);
      if (y < low.y) low = { x: step, y };
      if (y > high.y) high = { x: step, y };
    }
    if (from < to) result.push(...(low.x <= high.x ? [low, high] : [high, low]).filter((point, index, all) => index === 0 || point.x !== all[0]!.x));
  }
  result.push({ x: end - 1, y: schedule(end - 1) });
  return result;
}
