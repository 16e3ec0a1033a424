import { type ExampleIo, prepareRun, reportSettings, summaryTable, trainVariant, type VariantResult, writeReport } from '@lrkit/examples-common';
import { renderTerminal } from '@lrkit/plot';

import { type ComparisonOptions, reproduceCommand } from './options.js';
import { comparisonVariants } from './variants.js';

/** The example's name: its runs go to `<out>/schedule-comparison/<timestamp>/`. */
export const exampleName = 'schedule-comparison';

/** What a finished comparison returns. */
export interface ComparisonRun {
  /** The run directory (absolute). */
  readonly directory: string;
  /** The backend used. */
  readonly backend: string;
  /** One result per variant, in order. */
  readonly results: readonly VariantResult[];
  /** The content of `summary.md`. */
  readonly summary: string;
}

/**
 * Runs the schedule comparison: selects the backend, loads and prepares the dataset,
 * trains the same CNN (same initial weights, same batches) once per variant with lrkit's
 * `LearningRateScheduler` and `LossHistory`, evaluates the test set after every epoch, and
 * writes the report (`summary.md`, `summary.json`, one JSONL history per variant, overlaid
 * charts) to `<out>/schedule-comparison/<timestamp>/`.
 *
 * @param options - the parsed command-line settings.
 * @param io - output stream and an optional preloaded dataset.
 * @returns the run directory, the backend, the per-variant results and the summary text.
 * @example
 * ```ts
 * const run = await runComparison(parseComparisonArguments(['--limit', '2000', '--epochs', '2']));
 * console.log(run.summary);
 * ```
 */
export async function runComparison(options: ComparisonOptions, io: ExampleIo = {}): Promise<ComparisonRun> {
  const { backend, data, datasetLabel: dataset, directory, startedAt, output, print } = await prepareRun(exampleName, options, io);
  try {
    print(`schedule comparison on ${dataset}, backend ${backend}, ${options.epochs} epochs, batch size ${options.batchSize}`);
    print(`report: ${directory}`);
    const variants = comparisonVariants({ epochs: options.epochs });
    const results: VariantResult[] = [];
    for (const name of options.variants) {
      const variant = variants[name];
      results.push(
        await trainVariant(
          {
            name: variant.name,
            description: variant.description,
            createOptimizer: () => variant.createOptimizer(),
            scheduler: { schedule: variant.schedule, unit: variant.unit },
          },
          data,
          options,
          { directory, output, labelWidth: 11 },
        ),
      );
    }
    const written = await writeReport(directory, {
      example: exampleName,
      title: `Learning-rate schedule comparison on ${data.name}`,
      command: reproduceCommand(options),
      dataset,
      backend,
      settings: reportSettings(options),
      variants: results,
      startedAt,
    });
    print('');
    print(summaryTable(results, backend));
    print('');
    if (options.epochs > 1) {
      print(renderTerminal(written.charts.accuracy, { width: 60, height: 12, color: output.isTTY === true }));
      print('');
    }
    print(`report written to ${directory}/summary.md`);
    return { directory, backend, results, summary: written.summary };
  } finally {
    data.dispose();
  }
}
