import { excerpt, limits, type Schedule } from '@lrkit/schedules';
import type { Point } from './chart.js';

/** Options of {@link sampleSchedule}. */
export interface SampleOptions {
  /** First step drawn (an integer >= 0). Default 0. */
  readonly start?: number;
  /** End of the range, exclusive, like Python's `range(start, end)`: the last step drawn is `end - 1`. */
  readonly end: number;
  /**
   * The most points returned (an integer in [4, `limits.maxPoints`], 100,000). A range of at most this many steps is
   * evaluated at every step; a longer one is cut into `floor(points / 2) - 1` buckets that each
   * contribute their minimum and maximum (a min/max envelope), plus the range's two end steps.
   * Default 1000.
   */
  readonly points?: number;
  /**
   * Steps evaluated per bucket when downsampling (an integer in [2, 1024]), always including the
   * bucket's first and last step. Default 16.
   */
  readonly probesPerBucket?: number;
}

function integerOption(owner: string, name: string, value: unknown, minimum: number, maximum: number = limits.maxStep): number {
  const rule = `an integer in [${minimum}, ${maximum}]`;
  if (typeof value !== 'number') {
    throw new TypeError(`${owner}: \`${name}\` must be ${rule}; received ${excerpt(value)}`);
  }
  if (!(Number.isInteger(value) && value >= minimum && value <= maximum)) {
    throw new RangeError(`${owner}: \`${name}\` must be ${rule}; received ${excerpt(value)}`);
  }
  return value;
}

/**
 * Samples a schedule over the integer steps `start … end - 1` for drawing, in bounded time
 * whatever the length of the range.
 *
 * - When the range holds at most `points` steps, every step is evaluated: the result is exact.
 * - Otherwise the range is cut into `B = floor(points / 2) - 1` contiguous buckets of (nearly) equal
 *   size. In each bucket the schedule is evaluated at `probesPerBucket` evenly spaced steps that
 *   always include the bucket's first and last step; the bucket contributes the probe with the
 *   smallest value and the one with the largest value, in step order (one point when they
 *   coincide). Drawn as one polyline, these points form the min/max envelope of the curve, so a
 *   one-step drop or a restart is never lost between two pixels.
 *
 * Cost: at most `B * probesPerBucket` evaluations plus two (7,986 with the defaults), independent of
 * `end - start`; 1,000,000 steps take as long as 10,000.
 *
 * Guarantee: every returned point is an exact `(step, schedule(step))` pair, the first and last
 * steps of the range are always included, and x is strictly increasing. For a schedule that is
 * monotone inside each bucket (every decay, warm-up, step and piecewise schedule: their jumps are
 * monotone too) the per-bucket minimum and maximum are exact, because they sit on the bucket's
 * edges. For a schedule that turns inside a bucket (a cycle shorter than a bucket) the envelope
 * is the extreme of the probes, which can miss the true extreme by the schedule's change over one
 * probe spacing (`ceil(bucketSize / (probesPerBucket - 1))` steps).
 *
 * @param schedule - any callable `(step) => value` (an lrkit schedule or a plain function).
 * @param options - the step range and the point budget.
 * @returns points `{ x: step, y: value }` in increasing step order.
 * @example
 * ```ts
 * const s = cosine({ initialValue: 0.1, decaySteps: 1_000_000 });
 * const points = sampleSchedule(s, { end: 1_000_000, points: 600 }); // 299 buckets, <= 600 points
 * points[0];                  // { x: 0, y: 0.1 }
 * points.at(-1)!.x;           // 999999
 * ```
 */
export function sampleSchedule(schedule: Schedule | ((step: number) => number), options: SampleOptions): Point[] {
  return sampleScheduleFor('sampleSchedule', schedule, options);
}

/** {@link sampleSchedule} with the name of the function the user called (`scheduleChart`) for its error messages. */
export function sampleScheduleFor(owner: string, schedule: Schedule | ((step: number) => number), options: SampleOptions): Point[] {
  if (typeof schedule !== 'function') {
    throw new TypeError(`${owner}: \`schedule\` must be a function of the step; received ${excerpt(schedule)}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${owner}: options must be an object with \`end\`; received ${excerpt(options)}`);
  }
  const start = integerOption(owner, 'start', options.start === undefined ? 0 : options.start, 0);
  const end = integerOption(owner, 'end', options.end, start + 1);
  const points = integerOption(owner, 'points', options.points === undefined ? 1000 : options.points, 4, limits.maxPoints);
  const probesPerBucket = integerOption(owner, 'probesPerBucket', options.probesPerBucket === undefined ? 16 : options.probesPerBucket, 2, 1024);
  if (!Number.isSafeInteger(end)) {
    throw new RangeError(`${owner}: \`end\` must be a safe integer; received ${end}`);
  }
  const evaluate = (step: number): Point => {
    const value = schedule(step);
    return { x: step, y: value };
  };
  const count = end - start;
  if (count <= points) {
    return Array.from({ length: count }, (_, index) => evaluate(start + index));
  }
  const buckets = Math.floor(points / 2) - 1;
  const result: Point[] = [];
  for (let bucket = 0; bucket < buckets; bucket += 1) {
    const first = start + Math.floor((bucket * count) / buckets);
    const last = start + Math.floor(((bucket + 1) * count) / buckets) - 1;
    const span = last - first;
    const probes = Math.min(probesPerBucket, span + 1);
    let low: Point | undefined;
    let high: Point | undefined;
    let previousStep = -1;
    for (let probe = 0; probe < probes; probe += 1) {
      const step = probes === 1 ? first : first + Math.round((probe * span) / (probes - 1));
      if (step === previousStep) continue;
      previousStep = step;
      const point = evaluate(step);
      // Comparisons written so that NaN never replaces a real value.
      if (low === undefined || point.y < low.y || Number.isNaN(low.y)) low = point;
      if (high === undefined || point.y > high.y || Number.isNaN(high.y)) high = point;
    }
    if (low === undefined || high === undefined) continue;
    if (low.x === high.x) result.push(low);
    else if (low.x < high.x) result.push(low, high);
    else result.push(high, low);
  }
  ensureEdge(result, evaluate(start), 'first');
  ensureEdge(result, evaluate(end - 1), 'last');
  return result;
}

function ensureEdge(points: Point[], edge: Point, where: 'first' | 'last'): void {
  if (where === 'first') {
    if (points[0]?.x !== edge.x) points.unshift(edge);
  } else if (points.at(-1)?.x !== edge.x) {
    points.push(edge);
  }
}
