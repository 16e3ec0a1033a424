import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Chart, renderSvg, type Series } from '@lrkit/plot';
import { renderPng } from '@lrkit/plot/png';

import { summaryTable } from './summary-table.js';
import { summarizeVariant, type VariantResult } from './variant-result.js';

/** A finished run, as the report shows it. */
export interface RunReport {
  /** The example's name (`schedule-comparison`). */
  readonly example: string;
  /** The report's title. */
  readonly title: string;
  /** The exact command that produced the run. */
  readonly command: string;
  /** The dataset's name and size (`mnist (54000 train / 6000 validation / 10000 test)`). */
  readonly dataset: string;
  /** The tfjs backend used. */
  readonly backend: string;
  /** The run's other settings (epochs, batch size, seed, …). */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** The trained variants. */
  readonly variants: readonly VariantResult[];
  /** When the run started. */
  readonly startedAt: Date;
}

/** An image format of the report's charts. */
export type ChartFormat = 'svg' | 'png';

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** The image formats of each chart, drawn with `@lrkit/plot`; default both SVG and PNG. */
  readonly formats?: readonly ChartFormat[];
}

/** Files written by {@link writeReport}, relative to the run directory. */
export interface WrittenReport {
  /** The Markdown summary's content. */
  readonly summary: string;
  /** The files written: the charts, `summary.md` and `summary.json`. */
  readonly files: readonly string[];
  /** The charts that were drawn, keyed by file stem (to print one in the terminal, say). */
  readonly charts: ReportCharts;
}

/** The report's charts keyed by file stem. */
export type ReportCharts = Record<'learning-rate' | 'loss' | 'accuracy', Chart>;

/** Batches in the first epoch of a variant (to put per-batch curves on an epoch axis). */
function batchesInFirstEpoch(result: VariantResult): number {
  return Math.max(1, result.batches.filter((record) => record.epoch === (result.batches[0]?.epoch ?? 0)).length);
}

/** Running mean of the last `window` values. */
function movingAverage(values: readonly number[], window: number): number[] {
  const averages: number[] = [];
  let sum = 0;
  values.forEach((value, index) => {
    sum += value;
    if (index >= window) sum -= values[index - window] as number;
    averages.push(sum / Math.min(index + 1, window));
  });
  return averages;
}

/**
 * The report's three overlaid charts: the learning rate of every batch (log scale), the
 * training loss per batch (moving average) and the test accuracy after each epoch, all on
 * an epoch axis so variants with different batch counts line up.
 *
 * @param variants - the trained variants.
 * @returns chart descriptions keyed by file stem.
 * @example
 * ```ts
 * const charts = reportCharts(results); // { 'learning-rate': …, loss: …, accuracy: … }
 * ```
 */
export function reportCharts(variants: readonly VariantResult[]): ReportCharts {
  const perBatch = (pick: (result: VariantResult) => readonly number[]): Series[] =>
    variants.map((result) => {
      const batches = batchesInFirstEpoch(result);
      return { name: result.name, points: pick(result).map((value, index) => ({ x: index / batches, y: value })) };
    });
  const window = Math.max(1, Math.round((variants[0] === undefined ? 1 : batchesInFirstEpoch(variants[0])) / 10));
  return {
    'learning-rate': {
      title: 'Learning rate per batch',
      xLabel: 'epoch',
      yLabel: 'learning rate',
      yScale: 'log',
      series: perBatch((result) => result.batches.map((record) => record.learningRate)),
    },
    loss: {
      title: `Training loss per batch (moving average of ${window})`,
      xLabel: 'epoch',
      yLabel: 'loss',
      series: perBatch((result) =>
        movingAverage(
          result.batches.map((record) => record.loss),
          window,
        ),
      ),
    },
    accuracy: {
      title: 'Test accuracy after each epoch',
      xLabel: 'epoch',
      yLabel: 'test accuracy',
      series: variants.map((result) => ({
        name: result.name,
        points: result.epochs
          .filter((record) => record.testAccuracy !== undefined)
          .map((record) => ({ x: record.epoch + 1, y: record.testAccuracy as number })),
      })),
    },
  };
}

/**
 * Writes a run's report into its directory: `summary.md` (settings, the table of
 * {@link summaryTable}, links to the charts and the histories), `summary.json` (the same
 * numbers, machine-readable) and the overlaid charts `learning-rate`, `loss` and
 * `accuracy`, drawn with `@lrkit/plot` as SVG and PNG. The per-variant JSONL histories are written during training (by
 * `LossHistory`'s `file` option) and only linked here.
 *
 * @param directory - the run directory (from `createRunDirectory`).
 * @param report - the run.
 * @param options - the chart formats.
 * @returns the summary text and the files written.
 * @example
 * ```ts
 * const { summary } = await writeReport(directory, { example: 'schedule-comparison', … });
 * console.log(summary);
 * ```
 */
export async function writeReport(directory: string, report: RunReport, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const formats = options.formats ?? ['svg', 'png'];
  const files: string[] = [];
  const charts = reportCharts(report.variants);
  for (const [stem, chart] of Object.entries(charts)) {
    if (formats.includes('svg')) {
      writeFileSync(join(directory, `${stem}.svg`), await renderSvg(chart, { width: 720, height: 400 }));
      files.push(`${stem}.svg`);
    }
    if (formats.includes('png')) {
      writeFileSync(join(directory, `${stem}.png`), await renderPng(chart, { width: 720, height: 400 }));
      files.push(`${stem}.png`);
    }
  }
  const image = formats.includes('svg') ? 'svg' : 'png';
  const lines = [
    `# ${report.title}`,
    '',
    'Command:',
    '',
    '```sh',
    report.command,
    '```',
    '',
    `- dataset: ${report.dataset}`,
    `- backend: ${report.backend}`,
    `- started: ${report.startedAt.toISOString()}`,
    ...Object.entries(report.settings).map(([key, value]) => `- ${key}: ${String(value)}`),
    '',
    summaryTable(report.variants, report.backend),
    '',
    '## Variants',
    '',
    ...report.variants.map(
      (result) => `- **${result.name}**: ${result.description}${result.historyFile === undefined ? '' : ` ([history](${result.historyFile}))`}`,
    ),
    '',
    '## Charts',
    '',
    ...(formats.length === 0
      ? ['(no charts drawn)', '']
      : [`![learning rate](learning-rate.${image})`, '', `![test accuracy](accuracy.${image})`, '', `![training loss](loss.${image})`, '']),
  ];
  const summary = lines.join('\n');
  writeFileSync(join(directory, 'summary.md'), summary);
  files.push('summary.md');
  const json = {
    example: report.example,
    title: report.title,
    command: report.command,
    dataset: report.dataset,
    backend: report.backend,
    startedAt: report.startedAt.toISOString(),
    settings: report.settings,
    variants: report.variants.map((result) => ({
      ...summarizeVariant(result),
      historyFile: result.historyFile,
      epochRecords: result.epochs,
    })),
  };
  writeFileSync(join(directory, 'summary.json'), `${JSON.stringify(json, null, 2)}\n`);
  files.push('summary.json');
  return { summary, files, charts };
}
