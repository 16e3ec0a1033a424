import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { type EpochRecord, reportCharts, summaryTable, type VariantResult } from '@lrkit/examples-common';
import { type Chart, renderSvg } from '@lrkit/plot';
import { renderPng } from '@lrkit/plot/png';

/** One variant of a comparison's `summary.json`, as `writeReport` writes it. */
export interface VariantJson {
  readonly name: string;
  readonly description: string;
  readonly parameterUpdates: number;
  readonly wallTimeSeconds: number;
  readonly historyFile?: string;
  readonly epochRecords: readonly EpochRecord[];
}

/** Where a merged variant's figures come from. */
export interface MergedFrom {
  /** The variants taken from that run. */
  readonly variants: readonly string[];
  /** The run's command and start. */
  readonly command: string;
  readonly startedAt: string;
  /** The run's report folder, relative to the merged report's folder. */
  readonly directory: string;
}

/** A comparison's `summary.json`. */
export interface ComparisonSummaryJson {
  readonly example: string;
  readonly title: string;
  readonly command: string;
  readonly dataset: string;
  readonly backend: string;
  readonly startedAt: string;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly variants: readonly VariantJson[];
  /** Set by {@link mergeComparisonRuns}: the runs whose variants replaced the original ones. */
  readonly mergedFrom?: readonly MergedFrom[];
}

const comparedSettings = ['epochs', 'batch size', 'seed', 'validation fraction'] as const;

/**
 * Replaces variants of a comparison run by the same-named variants of a later run made with
 * the same dataset, backend and settings (a re-run of some variants, `--variants adadelta`);
 * the order of the base run is kept and `mergedFrom` records where each replacement came from.
 *
 * @param base - the full run's summary.
 * @param update - the re-run's summary.
 * @param updateDirectory - the re-run's folder, relative to the base run's folder.
 * @throws RangeError when the dataset, backend or a setting differs, or a re-run variant is not in the base run.
 * @example
 * ```ts
 * const merged = mergeComparisonRuns(readSummary('results'), readSummary('results/adadelta-rerun'), 'adadelta-rerun');
 * ```
 */
export function mergeComparisonRuns(base: ComparisonSummaryJson, update: ComparisonSummaryJson, updateDirectory: string): ComparisonSummaryJson {
  const owner = 'mergeComparisonRuns';
  const differs: string[] = [];
  if (base.dataset !== update.dataset) differs.push(`dataset ${JSON.stringify(base.dataset)} vs ${JSON.stringify(update.dataset)}`);
  if (base.backend !== update.backend) differs.push(`backend ${base.backend} vs ${update.backend}`);
  for (const key of comparedSettings) {
    if (base.settings[key] !== update.settings[key]) differs.push(`${key} ${String(base.settings[key])} vs ${String(update.settings[key])}`);
  }
  if (differs.length > 0) {
    throw new RangeError(`${owner}: the runs must share dataset, backend and settings; received ${differs.join(', ')}`);
  }
  const names = new Set(base.variants.map((variant) => variant.name));
  const unknown = update.variants.filter((variant) => !names.has(variant.name)).map((variant) => variant.name);
  if (unknown.length > 0) {
    throw new RangeError(`${owner}: every re-run variant must be in the base run; received ${unknown.join(', ')}`);
  }
  const replacements = new Map(update.variants.map((variant) => [variant.name, variant]));
  return {
    ...base,
    variants: base.variants.map((variant) => {
      const replacement = replacements.get(variant.name);
      return replacement === undefined
        ? variant
        : { ...replacement, ...(replacement.historyFile === undefined ? {} : { historyFile: `${updateDirectory}/${replacement.historyFile}` }) };
    }),
    mergedFrom: [
      ...(base.mergedFrom ?? []).filter((entry) => !entry.variants.some((name) => replacements.has(name))),
      { variants: [...replacements.keys()], command: update.command, startedAt: update.startedAt, directory: updateDirectory },
    ],
  };
}

/** A summary variant as the report functions take it (per-epoch records only; no batches). */
export function variantResultOf(variant: VariantJson): VariantResult {
  return {
    name: variant.name,
    description: variant.description,
    epochs: variant.epochRecords,
    batches: [],
    parameterUpdates: variant.parameterUpdates,
    wallTimeSeconds: variant.wallTimeSeconds,
    ...(variant.historyFile === undefined ? {} : { historyFile: variant.historyFile }),
  };
}

/** The mean training loss of every epoch of every variant (the per-epoch chart a merged report can draw). */
export function epochLossChart(variants: readonly VariantJson[]): Chart {
  return {
    title: 'Training loss per epoch (mean over the epoch)',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: variants.map((variant) => ({
      name: variant.name,
      points: variant.epochRecords.map((record) => ({ x: record.epoch + 1, y: record.loss })),
    })),
  };
}

/**
 * The Markdown summary of a merged comparison: the original command, the re-run commands and
 * which variants they replaced, the table of all variants, the variant list and the charts
 * (test accuracy and the per-epoch training loss of every variant, redrawn from the merged
 * per-epoch records; the per-batch learning-rate chart of the original run).
 *
 * @param merged - the output of {@link mergeComparisonRuns}.
 * @param note - Markdown placed after the table (why the variants were re-run).
 * @returns the content of `summary.md`.
 * @example
 * ```ts
 * writeFileSync('results/summary.md', mergedSummaryMarkdown(merged));
 * ```
 */
export function mergedSummaryMarkdown(merged: ComparisonSummaryJson, note?: string): string {
  const variants = merged.variants.map(variantResultOf);
  return [
    `# ${merged.title}`,
    '',
    'Command:',
    '',
    '```sh',
    merged.command,
    '```',
    '',
    ...(merged.mergedFrom ?? []).flatMap((entry) => [
      `Re-run of ${entry.variants.map((name) => `**${name}**`).join(', ')} with the same settings ` +
        `([report](${entry.directory}/summary.md), started ${entry.startedAt}); ${entry.variants.length === 1 ? 'its row replaces' : 'their rows replace'} the original run's:`,
      '',
      '```sh',
      entry.command,
      '```',
      '',
    ]),
    `- dataset: ${merged.dataset}`,
    `- backend: ${merged.backend}`,
    `- started: ${merged.startedAt}`,
    ...Object.entries(merged.settings).map(([key, value]) => `- ${key}: ${String(value)}`),
    '',
    summaryTable(variants, merged.backend),
    '',
    ...(note === undefined ? [] : [note.trim(), '']),
    '## Variants',
    '',
    ...variants.map((result) => `- **${result.name}**: ${result.description}${result.historyFile === undefined ? '' : ` ([history](${result.historyFile}))`}`),
    '',
    '## Charts',
    '',
    '![test accuracy](accuracy.svg)',
    '',
    '![training loss per epoch](loss-per-epoch.svg)',
    '',
    `Learning rate per batch, from the original run (the re-run variants use the same schedules): ![learning rate](learning-rate.svg)`,
    '',
  ].join('\n');
}

/** Reads a comparison's `summary.json`. */
export function readComparisonSummary(directory: string): ComparisonSummaryJson {
  return JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as ComparisonSummaryJson;
}

/**
 * Merges the re-run in `updateDirectory` into the run in `baseDirectory`, in place:
 * rewrites `summary.json` and `summary.md`, redraws `accuracy` and `loss-per-epoch` (SVG
 * and PNG) from the merged per-epoch records, and removes the original per-batch `loss`
 * chart (its curves of the replaced variants are stale). The per-batch `learning-rate`
 * chart stays.
 *
 * @param baseDirectory - the full run's report folder.
 * @param updateDirectory - the re-run's report folder.
 * @param note - Markdown placed after the table of `summary.md`.
 * @returns the merged summary.
 * @example
 * ```ts
 * await mergeRunInto('examples/schedule-comparison/results', 'examples/schedule-comparison/results/adadelta-rerun');
 * ```
 */
export async function mergeRunInto(baseDirectory: string, updateDirectory: string, note?: string): Promise<ComparisonSummaryJson> {
  const merged = mergeComparisonRuns(readComparisonSummary(baseDirectory), readComparisonSummary(updateDirectory), relative(baseDirectory, updateDirectory));
  const charts: Record<string, Chart> = {
    accuracy: reportCharts(merged.variants.map(variantResultOf)).accuracy,
    'loss-per-epoch': epochLossChart(merged.variants),
  };
  for (const [stem, chart] of Object.entries(charts)) {
    writeFileSync(join(baseDirectory, `${stem}.svg`), await renderSvg(chart, { width: 720, height: 400 }));
    writeFileSync(join(baseDirectory, `${stem}.png`), await renderPng(chart, { width: 720, height: 400 }));
  }
  for (const stale of ['loss.svg', 'loss.png']) rmSync(join(baseDirectory, stale), { force: true });
  writeFileSync(join(baseDirectory, 'summary.json'), `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(join(baseDirectory, 'summary.md'), mergedSummaryMarkdown(merged, note));
  return merged;
}
