export type { AxisScale, Chart, Marker, Point, PreparedChart, Series } from './chart.js';
export { prepareChart } from './chart.js';
export { formatNumber } from './format-number.js';
export { type LearningRateFinderData, learningRateFinderChart, type Suggestion } from './lr-finder-chart.js';
export { renderSvg } from './render-svg.js';
export { renderTerminal, type TerminalOptions } from './render-terminal.js';
export { type SampleOptions, sampleSchedule } from './sample-schedule.js';
export { type NamedSchedule, type ScheduleChartOptions, scheduleChart } from './schedule-chart.js';
export { type ChartSize, seriesColors, toVegaLite, type VegaLiteSpec } from './vega-lite-spec.js';
