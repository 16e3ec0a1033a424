export type { AxisScale, Chart, Marker, Point, PreparedChart, Series } from './chart.js';
export { prepareChart } from './chart.js';
export { sampleSchedule, type SampleOptions } from './sample-schedule.js';
export { scheduleChart, type NamedSchedule, type ScheduleChartOptions } from './schedule-chart.js';
export { lrFinderChart, type LrFinderData, type Suggestion } from './lr-finder-chart.js';
export { formatNumber } from './format-number.js';
export { toVegaLite, seriesColors, type ChartSize, type VegaLiteSpec } from './vega-lite-spec.js';
export { renderSvg } from './render-svg.js';
export { renderTerminal, type TerminalOptions } from './render-terminal.js';
