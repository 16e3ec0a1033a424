import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { batchesPerEpoch, type ExampleIo, prepareRun, reportSettings, summaryTable, type VariantResult, writeReport } from '@lrkit/examples-common';
import { type LearningRateSuggestion, type RangeTestResult, toOneCycle } from '@lrkit/lr-finder';
import { renderTerminal } from '@lrkit/plot';
import { constant, type OneCycleConfig, type Schedule } from '@lrkit/schedules';

import { type LrFinderOptions, reproduceCommand } from './options.js';
import { exampleName, rangeTestJson } from './prepare-run.js';
import { formatLearningRate, pickSuggestion, rangeTestLines, rangeTestSection, runRangeTest, writeRangeTestCharts } from './range-test.js';
import { trainRun } from './train-run.js';

/** What a finished run-mode invocation returns. */
export interface LrFinderRun {
  /** The run directory (absolute). */
  readonly directory: string;
  readonly backend: string;
  readonly rangeTest: RangeTestResult;
  /** The suggestion that was trained. */
  readonly suggestion: LearningRateSuggestion;
  /** `toOneCycle(suggestion, { totalSteps })`, the schedule of the one-cycle run. */
  readonly schedule: Schedule<OneCycleConfig>;
  /** The one-cycle run, then the constant baseline. */
  readonly results: readonly VariantResult[];
  /** The content of `summary.md`. */
  readonly summary: string;
}

/**
 * Run mode: the range test on the training set (printed, plotted as `lr-finder.svg/png`
 * and in the terminal), then two trainings of the same CNN from the same initial weights on
 * the same batches — one-cycle peaking at the suggestion (`toOneCycle` →
 * `LearningRateScheduler`, per batch) and constant SGD at the baseline rate — and the
 * report of the other examples (`summary.md`, `summary.json`, JSONL histories, overlaid
 * learning-rate, loss and accuracy charts) with the range test added.
 *
 * @param options - the parsed settings (`mode: 'run'`).
 * @param io - output and an optional preloaded dataset.
 * @returns the run directory, the range test, the trained schedule and the results.
 * @example
 * ```ts
 * const run = await runLrFinder(parseLrFinderArguments(['--limit', '6000']));
 * console.log(run.suggestion.learningRate);
 * ```
 */
export async function runLrFinder(options: LrFinderOptions, io: ExampleIo = {}): Promise<LrFinderRun> {
  const prepared = await prepareRun(exampleName, options, io);
  const { backend, data, datasetLabel, directory, startedAt, output, print } = prepared;
  try {
    print(`LR range test on ${datasetLabel}, backend ${backend}, batch size ${options.batchSize}`);
    print(`report: ${directory}`);
    const rangeTest = await runRangeTest(data, options, output);
    const result = rangeTest.result;
    const suggestion = pickSuggestion(result, options.method);
    const testLines = rangeTestLines(rangeTest, suggestion.method);
    const { chart, files: chartFiles } = await writeRangeTestCharts(
      directory,
      result,
      `LR range test on ${data.name} (demo CNN, SGD, batch ${options.batchSize})`,
    );
    print('');
    print(testLines.join('\n'));
    print('');
    print(renderTerminal(chart, { width: 60, height: 14, color: output.isTTY === true }));
    print('');

    const updatesPerEpoch = batchesPerEpoch(data.train.count, options.batchSize);
    const totalSteps = options.epochs * updatesPerEpoch;
    const schedule = toOneCycle(suggestion, { totalSteps });
    const settings = { epochs: options.epochs, batchSize: options.batchSize, seed: options.seed };
    print(
      `training ${options.epochs} epoch(s) × ${updatesPerEpoch} batches: one-cycle peaking at the ${suggestion.method} suggestion ${formatLearningRate(suggestion.learningRate)} vs constant SGD ${options.baselineLearningRate}`,
    );
    const results: VariantResult[] = [];
    results.push(
      await trainRun(
        {
          name: 'one-cycle',
          description: `SGD, one-cycle at the ${suggestion.method} suggestion (toOneCycle): from peak/25 up to the peak ${formatLearningRate(suggestion.learningRate)} over 30% of the ${totalSteps} steps, then cosine down to peak/1e4`,
          schedule,
        },
        data,
        settings,
        directory,
        output,
      ),
    );
    results.push(
      await trainRun(
        {
          name: 'constant',
          description: `SGD, constant learning rate ${options.baselineLearningRate} (the default rate of Keras' SGD)`,
          schedule: constant({ value: options.baselineLearningRate }),
        },
        data,
        settings,
        directory,
        output,
      ),
    );

    const written = await writeReport(directory, {
      example: exampleName,
      title: `LR range test and one-cycle training on ${data.name}`,
      command: reproduceCommand(options),
      dataset: datasetLabel,
      backend,
      settings: {
        ...reportSettings(options),
        optimizer: 'plain SGD (tf.train.sgd), no momentum',
        'trained suggestion': `${suggestion.method} ${formatLearningRate(suggestion.learningRate)}`,
        'baseline learning rate': options.baselineLearningRate,
      },
      variants: results,
      startedAt,
    });
    const summary = [written.summary.trimEnd(), '', ...rangeTestSection(testLines)].join('\n');
    writeFileSync(join(directory, 'summary.md'), summary);
    const json = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as Record<string, unknown>;
    json.rangeTest = rangeTestJson(result, rangeTest.wallTimeSeconds);
    json.trainedSuggestion = suggestion;
    json.oneCycle = schedule.config;
    json.chartFiles = [...written.files.filter((file) => file !== 'summary.md' && file !== 'summary.json'), ...chartFiles];
    writeFileSync(join(directory, 'summary.json'), `${JSON.stringify(json, null, 2)}\n`);

    print('');
    print(summaryTable(results, backend));
    print('');
    print(`report written to ${directory}/summary.md`);
    return { directory, backend, rangeTest: result, suggestion, schedule, results, summary };
  } finally {
    data.dispose();
  }
}
