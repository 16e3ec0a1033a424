import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line of a chart. */
export interface LineSeries {
  readonly label: string;
  readonly stroke: string;
  readonly dash?: number[];
  /** Draw a dot at each point (for sparse per-epoch values). */
  readonly points?: boolean;
}

/** A live line chart: call `setData` as often as you like; it redraws at most once per frame. */
export interface LiveChart {
  /** `[x, y1, y2, …]` aligned arrays (`null` for a gap). */
  setData(data: [number[], ...(number | null)[][]], xRange?: [number, number]): void;
  destroy(): void;
}

/**
 * Creates a uPlot line chart in `container`, sized to the container's width. uPlot draws
 * on a canvas and redraws 10k points in about a millisecond, which is what per-batch live
 * updates need.
 */
export function createLineChart(
  container: HTMLElement,
  options: { title: string; xLabel: string; yLabel: string; series: readonly LineSeries[]; logX?: boolean; logY?: boolean },
): LiveChart {
  const width = Math.max(280, container.clientWidth || 480);
  const plot = new uPlot(
    {
      title: options.title,
      width,
      height: 220,
      scales: {
        x: options.logX === true ? { time: false, distr: 3 } : { time: false },
        y: options.logY === true ? { distr: 3 } : {},
      },
      axes: [
        { label: options.xLabel, values: (_, ticks) => ticks.map((tick) => formatTick(tick as number | null)) },
        { label: options.yLabel, size: 70, values: (_, ticks) => ticks.map((tick) => formatTick(tick as number | null)) },
      ],
      series: [
        { label: options.xLabel },
        ...options.series.map((series) => ({
          label: series.label,
          stroke: series.stroke,
          width: 2,
          spanGaps: true,
          ...(series.dash === undefined ? {} : { dash: series.dash }),
          points: { show: series.points === true, size: 6, fill: series.stroke },
        })),
      ],
      legend: { show: true },
    },
    [[], ...options.series.map(() => [])] as uPlot.AlignedData,
    container,
  );
  let pending: { data: uPlot.AlignedData; xRange: [number, number] | undefined } | undefined;
  let frame = 0;
  const flush = (): void => {
    frame = 0;
    if (pending === undefined) return;
    const { data, xRange } = pending;
    pending = undefined;
    plot.setData(data, xRange === undefined);
    if (xRange !== undefined) plot.setScale('x', { min: xRange[0], max: xRange[1] });
  };
  const resize = new ResizeObserver(() => {
    const next = Math.max(280, container.clientWidth);
    if (Math.abs(next - plot.width) > 4) plot.setSize({ width: next, height: 220 });
  });
  resize.observe(container);
  return {
    setData(data, xRange) {
      pending = { data: data as uPlot.AlignedData, xRange };
      if (frame === 0) frame = requestAnimationFrame(flush);
    },
    destroy() {
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      plot.destroy();
    },
  };
}

/** Axis label of a tick; uPlot passes `null` for the ticks a log axis leaves unlabelled. */
function formatTick(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-2 && magnitude < 1e4 ? String(Number(value.toPrecision(3))) : value.toExponential(1);
}
