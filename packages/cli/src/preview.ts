import { writeFileSync } from 'node:fs';
import { toConfig, type JsonValue } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { parseSteps } from './parse-steps.js';
import { collectSchedules, type SourceOptions, type SourcedSchedule } from './schedule-sources.js';

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

function integerFlag(flag: string, text: string | undefined, minimum: number, maximum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= minimum && value <= maximum)) {
    throw new CliError(`${flag} must be an integer in [${minimum}, ${maximum}]; received ${JSON.stringify(text)}`);
  }
  return value;
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
  const range = parseSteps(options.steps);
  const named = collectSchedules(positional, options, range.end);
  if (options.json === true && options.csv === true) throw new CliError('--json and --csv cannot be combined; choose one');
  const files = options.svg !== undefined || options.png !== undefined || options.vegaLite !== undefined;
  if (files && (options.json === true || options.csv === true)) {
    throw new CliError(`--${options.json === true ? 'json' : 'csv'} prints values and cannot be combined with --svg, --png or --vega-lite; run twice`);
  }
  const title = options.title;
  const yScale = options.logY === true ? ('log' as const) : ('linear' as const);
  const width = integerFlag('--width', options.width, 10, 10_000);
  const height = integerFlag('--height', options.height, 3, 10_000);
  const pointsFlag = integerFlag('--points', options.points, 4, 1_000_000);
  // Loaded after the arguments are checked: a mistake is reported without loading Vega.
  const { renderSvg, renderTerminal, sampleSchedule, scheduleChart, toVegaLite } = await import('@lrkit/plot');

  if (options.json === true || options.csv === true) {
    const points = pointsFlag ?? 1000;
    const sampled = named.map((entry) => ({ entry, points: sampleSchedule(entry.schedule, { ...range, points }) }));
    if (options.json === true) {
      const document = {
        steps: range,
        sampling: range.end - range.start <= points ? 'every step' : 'min/max envelope',
        series: sampled.map(({ entry, points: values }) => ({
          name: entry.name,
          config: configOrNull(entry),
          points: values.map((point) => ({ step: point.x, value: point.y })),
        })),
      };
      output.write(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      const rows = ['series,step,value'];
      for (const { entry, points: values } of sampled) {
        for (const point of values) rows.push(`${csvField(entry.name)},${point.x},${point.y}`);
      }
      output.write(`${rows.join('\n')}\n`);
    }
    return;
  }

  const chartOptions = { ...range, yScale, ...(title === undefined ? {} : { title }) };
  if (files) {
    const size = { width: width ?? 640, height: height ?? 360 };
    const chart = scheduleChart(named, { ...chartOptions, points: pointsFlag ?? 2 * size.width });
    if (options.svg !== undefined) {
      writeFileSync(options.svg, await renderSvg(chart, size));
      output.write(`wrote ${options.svg}\n`);
    }
    if (options.vegaLite !== undefined) {
      writeFileSync(options.vegaLite, `${JSON.stringify(toVegaLite(chart, size), null, 2)}\n`);
      output.write(`wrote ${options.vegaLite}\n`);
    }
    if (options.png !== undefined) {
      const scale = options.scale === undefined ? 2 : Number(options.scale);
      if (!(Number.isFinite(scale) && scale > 0 && scale <= 16)) {
        throw new CliError(`--scale must be a number in (0, 16]; received ${JSON.stringify(options.scale)}`);
      }
      // Loaded only when asked for: the PNG renderer is a native module.
      const { renderPng } = await import('@lrkit/plot/png');
      writeFileSync(options.png, await renderPng(chart, { ...size, scale }));
      output.write(`wrote ${options.png}\n`);
    }
    return;
  }

  const columns = width ?? Math.max(30, Math.min(100, (output.columns ?? 80) - 14));
  const chart = scheduleChart(named, { ...chartOptions, points: pointsFlag ?? 4 * columns });
  const color = options.color !== false && output.isTTY && process.env.NO_COLOR === undefined;
  output.write(`${renderTerminal(chart, { width: columns, height: height ?? 15, color })}\n`);
}
