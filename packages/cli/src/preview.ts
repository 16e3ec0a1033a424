import { writeFileSync } from 'node:fs';
import { type JsonValue, limits, toConfig } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { checkOutputPaths, integerFlag, labelFlag, numberFlag } from './flags.js';
import { parseSteps, type StepRange } from './parse-steps.js';
import { collectSchedules, type SourcedSchedule, type SourceOptions } from './schedule-sources.js';

/** The flags of `lrkit preview`. */
export interface PreviewOptions extends SourceOptions {
  readonly steps: string;
  readonly points?: string;
  readonly svg?: string;
  readonly png?: string;
  readonly vegaLite?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly title?: string;
  readonly logY?: boolean;
  readonly width?: string;
  readonly height?: string;
  readonly scale?: string;
  readonly color?: boolean;
}

/** Where `preview` writes: injected so tests and embedders can capture it. */
export interface Output {
  /** Writes a chunk of output (text, or a file's contents for `-`); `process.stdout.write` in the CLI. */
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  readonly columns: number | undefined;
}

function configOrNull(entry: SourcedSchedule): JsonValue {
  try {
    return toConfig(entry.schedule) as unknown as JsonValue;
  } catch {
    return null;
  }
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * `lrkit preview`: draws the schedules in the terminal (default), writes `--svg`/`--png`
 * (`--vega-lite` writes the chart's Vega-Lite spec, for a browser page), or prints the sampled
 * values with `--json`/`--csv`.
 *
 * Nothing is written until every flag, every output path (its directory must exist and be
 * writable) and every schedule has been checked and every file rendered in memory, so a
 * mistake in any option leaves no file behind. Sizes are bounded by `limits` of
 * `@lrkit/schedules`: `--width`/`--height` up to 1,000 × 500 in the terminal and 4,096 pixels
 * for pictures, `--scale` up to 16, PNG pixels (width × height × scale²) up to 4096²,
 * `--points` × schedules up to 100,000, at most 64 schedules.
 *
 * @example
 * ```ts
 * // What `lrkit preview '{"type":"cosine","initialValue":0.1,"decaySteps":100}' --steps 0:100 --json` does:
 * let text = '';
 * const output: Output = { write: (chunk) => { text += chunk; }, isTTY: false, columns: undefined };
 * await preview(['{"type":"cosine","initialValue":0.1,"decaySteps":100}'], { steps: '0:100', json: true }, output);
 * JSON.parse(text); // the sampled steps and values
 * ```
 */
export async function preview(positional: readonly string[], options: PreviewOptions, output: Output): Promise<void> {
  // 1. Every flag and every output path is checked, and every schedule built, before anything is written.
  const plan = previewPlan(positional, options, output);
  // Loaded after the arguments are checked: a mistake is reported without loading Vega.
  const plot = await import('@lrkit/plot');
  if (plan.mode === 'values') {
    output.write(formatValues(plan, plot.sampleSchedule));
    return;
  }
  if (plan.mode === 'terminal') {
    const chart = plot.scheduleChart(plan.named, { ...plan.chartOptions, points: plan.points });
    output.write(`${plot.renderTerminal(chart, { width: plan.width, height: plan.height, color: plan.color })}\n`);
    return;
  }
  // 2. Every file is rendered in memory; 3. only then are the files written.
  const files = await renderFiles(plan, plot);
  for (const file of files) {
    writeFileSync(file.path, file.content);
    output.write(`wrote ${file.path}\n`);
  }
}

interface PreviewPlan {
  readonly mode: 'values' | 'terminal' | 'files';
  readonly range: StepRange;
  readonly named: readonly SourcedSchedule[];
  readonly points: number;
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly color: boolean;
  readonly json: boolean;
  readonly chartOptions: { start: number; end: number; yScale: 'linear' | 'log'; title?: string };
  readonly svg: string | undefined;
  readonly png: string | undefined;
  readonly vegaLite: string | undefined;
}

/** Checks every flag of `preview` and builds the schedules; throws a `CliError` before any output. */
function previewPlan(positional: readonly string[], options: PreviewOptions, output: Output): PreviewPlan {
  const range = parseSteps(options.steps);
  if (options.json === true && options.csv === true) throw new CliError('--json and --csv cannot be combined; choose one');
  const files = options.svg !== undefined || options.png !== undefined || options.vegaLite !== undefined;
  if (files && (options.json === true || options.csv === true)) {
    throw new CliError(`--${options.json === true ? 'json' : 'csv'} prints values and cannot be combined with --svg, --png or --vega-lite; run twice`);
  }
  const mode = options.json === true || options.csv === true ? 'values' : files ? 'files' : 'terminal';
  const title = options.title === undefined ? undefined : labelFlag('--title', options.title);
  for (const name of options.name ?? []) labelFlag('--name', name);
  const maxWidth = mode === 'terminal' ? limits.maxTerminalWidth : limits.maxImageSide;
  const maxHeight = mode === 'terminal' ? limits.maxTerminalHeight : limits.maxImageSide;
  const widthFlag = integerFlag('--width', options.width, 10, maxWidth);
  const heightFlag = integerFlag('--height', options.height, 3, maxHeight);
  const pointsFlag = integerFlag('--points', options.points, 4, limits.maxPoints);
  const scale = numberFlag('--scale', options.scale ?? '2', 0, limits.maxScale);
  const width = widthFlag ?? (mode === 'terminal' ? Math.max(30, Math.min(100, (output.columns ?? 80) - 14)) : 640);
  const height = heightFlag ?? (mode === 'terminal' ? 15 : 360);
  if (options.png !== undefined) {
    const pixels = Math.ceil(width * scale) * Math.ceil(height * scale);
    if (pixels > limits.maxPixels) {
      throw new CliError(
        `--png: --width × --height × --scale² must be at most ${limits.maxPixels} pixels (limits.maxPixels); ` +
          `received ${width} × ${height} × ${scale}² = ${pixels}`,
      );
    }
  }
  checkOutputPaths(
    [
      ['--svg', options.svg],
      ['--vega-lite', options.vegaLite],
      ['--png', options.png],
    ].filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const named = collectSchedules(positional, options, range.end);
  if (named.length > limits.maxSeries) {
    throw new CliError(`${named.length} schedules given; at most ${limits.maxSeries} can be drawn at once (limits.maxSeries)`);
  }
  const defaultPoints = mode === 'values' ? 1000 : mode === 'files' ? 2 * width : 4 * width;
  const points = pointsFlag ?? Math.max(4, Math.min(defaultPoints, Math.floor(limits.maxPoints / named.length)));
  if (points * named.length > limits.maxPoints) {
    throw new CliError(
      `--points × schedules must be at most ${limits.maxPoints} (limits.maxPoints); received ${points} × ${named.length} = ${points * named.length}`,
    );
  }
  return {
    mode,
    range,
    named,
    points,
    width,
    height,
    scale,
    color: options.color !== false && output.isTTY && process.env.NO_COLOR === undefined,
    json: options.json === true,
    chartOptions: { ...range, yScale: options.logY === true ? 'log' : 'linear', ...(title === undefined ? {} : { title }) },
    svg: options.svg,
    png: options.png,
    vegaLite: options.vegaLite,
  };
}

function formatValues(plan: PreviewPlan, sampleSchedule: typeof import('@lrkit/plot').sampleSchedule): string {
  const { range, points } = plan;
  const sampled = plan.named.map((entry) => ({ entry, points: sampleSchedule(entry.schedule, { ...range, points }) }));
  if (plan.json) {
    const document = {
      steps: range,
      sampling: range.end - range.start <= points ? 'every step' : 'min/max envelope',
      series: sampled.map(({ entry, points: values }) => ({
        name: entry.name,
        config: configOrNull(entry),
        points: values.map((point) => ({ step: point.x, value: point.y })),
      })),
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }
  const rows = ['series,step,value'];
  for (const { entry, points: values } of sampled) {
    for (const point of values) rows.push(`${csvField(entry.name)},${point.x},${point.y}`);
  }
  return `${rows.join('\n')}\n`;
}

async function renderFiles(plan: PreviewPlan, plot: typeof import('@lrkit/plot')): Promise<Array<{ path: string; content: string | Uint8Array }>> {
  const size = { width: plan.width, height: plan.height };
  const chart = plot.scheduleChart(plan.named, { ...plan.chartOptions, points: plan.points });
  const files: Array<{ path: string; content: string | Uint8Array }> = [];
  if (plan.svg !== undefined) files.push({ path: plan.svg, content: await plot.renderSvg(chart, size) });
  if (plan.vegaLite !== undefined) {
    files.push({ path: plan.vegaLite, content: `${JSON.stringify(plot.toVegaLite(chart, size), null, 2)}\n` });
  }
  if (plan.png !== undefined) {
    // Loaded only when asked for: the PNG renderer is a native module.
    const { renderPng } = await import('@lrkit/plot/png');
    files.push({ path: plan.png, content: await renderPng(chart, { ...size, scale: plan.scale }) });
  }
  return files;
}
