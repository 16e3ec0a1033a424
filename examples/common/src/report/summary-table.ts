import { summarizeVariant, type VariantResult } from './variant-result.js';

function percent(value: number | undefined): string {
  return value === undefined ? '–' : `${(value * 100).toFixed(2)}%`;
}

function seconds(value: number): string {
  return value < 100 ? `${value.toFixed(1)} s` : `${Math.round(value)} s`;
}

/**
 * The Markdown table of a run: one row per variant with final and best test accuracy,
 * final training loss, epochs, parameter updates, wall time and backend.
 *
 * @param results - the variants, in the order to show.
 * @param backend - the tfjs backend the run used.
 * @returns the table (header, separator, rows), lines joined by `\n`.
 * @example
 * ```ts
 * console.log(summaryTable(results, 'wasm'));
 * ```
 */
export function summaryTable(results: readonly VariantResult[], backend: string): string {
  const rows = [
    '| variant | final test acc. | best test acc. (epoch) | final loss | epochs | parameter updates | wall time | backend |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const result of results) {
    const summary = summarizeVariant(result);
    rows.push(
      `| ${summary.name} | ${percent(summary.finalTestAccuracy)} | ${percent(summary.bestTestAccuracy)}${
        summary.bestEpoch === undefined ? '' : ` (${summary.bestEpoch})`
      } | ${summary.finalLoss === undefined ? '–' : summary.finalLoss.toFixed(4)} | ${summary.epochs} | ${
        summary.parameterUpdates
      } | ${seconds(summary.wallTimeSeconds)} | ${backend} |`,
    );
  }
  return rows.join('\n');
}
