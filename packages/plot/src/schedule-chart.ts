import type { Schedule } from '@lrkit/schedules';
import { limits } from '@lrkit/schedules';
import type { AxisScale, Chart } from './chart.js';
import { type SampleOptions, sampleScheduleFor } from './sample-schedule.js';

/** A schedule to draw and its legend name. */
export interface NamedSchedule {
  readonly name: string;
  /** The schedule, or any function of the step, sampled at the chart's steps. */
  readonly schedule: Schedule | ((step: number) => number);
}

/** Options of {@link scheduleChart}: the sampled range plus the chart's decorations. */
export interface ScheduleChartOptions extends SampleOptions {
  /** Default `'Learning-rate schedule'` (one schedule) or `'Learning-rate schedules'`. */
  readonly title?: string;
  /** Default `'step'`. */
  readonly xLabel?: string;
  /** Default `'learning rate'`. */
  readonly yLabel?: string;
  /** Default `'linear'`. */
  readonly yScale?: AxisScale;
}

/**
 * Builds a chart of one or several schedules over the steps `start … end - 1`, each sampled with
 * {@link sampleSchedule} (exact for short ranges, a min/max envelope for long ones).
 *
 * @param schedules - the schedules with their legend names, drawn in this order.
 * @param options - the step range, the point budget per schedule and the decorations.
 * @example
 * ```ts
 * const chart = scheduleChart(
 *   [
 *     { name: 'cosine', schedule: cosine({ initialValue: 0.1, decaySteps: 1000 }) },
 *     { name: 'constant', schedule: constant({ value: 0.05 }) },
 *   ],
 *   { end: 1000 },
 * );
 * console.log(renderTerminal(chart));
 * ```
 */
export function scheduleChart(schedules: readonly NamedSchedule[], options: ScheduleChartOptions): Chart {
  if (!Array.isArray(schedules) || schedules.length === 0) {
    throw new TypeError('scheduleChart: `schedules` must be a non-empty array of { name, schedule }');
  }
  if (schedules.length > limits.maxSeries) {
    throw new RangeError(`scheduleChart: \`schedules\` must hold at most ${limits.maxSeries} schedules (limits.maxSeries); received ${schedules.length}`);
  }
  const { title, xLabel, yLabel, yScale, ...sampling } = options;
  return {
    title: title ?? (schedules.length === 1 ? 'Learning-rate schedule' : 'Learning-rate schedules'),
    xLabel: xLabel ?? 'step',
    yLabel: yLabel ?? 'learning rate',
    yScale: yScale ?? 'linear',
    series: schedules.map(({ name, schedule }) => ({ name, points: sampleScheduleFor('scheduleChart', schedule, sampling) })),
  };
}
