import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { PreparedDataset, ProgressOutput } from '@lrkit/examples-common';
import { findLearningRate, type LearningRateSuggestion, type RangeTestResult, type SuggestionMethod, toChartData } from '@lrkit/lr-finder';
import { type Chart, learningRateFinderChart, renderSvg } from '@lrkit/plot';
import { renderPng } from '@lrkit/plot/png';

import { mergeCloseMarkers } from './merge-markers.js';
import { compiledDemoCnn } from './train-run.js';

/** Settings of the range test. */
export interface RangeTestSettings {
  readonly batchSize: number;
  readonly seed: number;
  readonly initialLearningRate: number;
  readonly finalLearningRate: number;
  readonly totalSteps: number;
}

/** A finished range test and how long it took. */
export interface RangeTestRun {
  readonly result: RangeTestResult;
  readonly wallTimeSeconds: number;
}

/**
 * Runs the learning-rate range test of `@lrkit/lr-finder` on the training set with the demo
 * CNN (initial weights from `settings.seed`, the same model every training run starts from)
 * and plain SGD: an exponential sweep from `initialLearningRate` to `finalLearningRate` over `totalSteps` batches.
 * Prints one progress line every tenth of the sweep.
 *
 * @param data - the prepared dataset.
 * @param settings - sweep and batching.
 * @param output - progress output.
 * @returns the result and its wall time.
 * @example
 * ```ts
 * const { result } = await runRangeTest(data, { batchSize: 64, seed: 1, initialLearningRate: 1e-5, finalLearningRate: 10, totalSteps: 100 }, process.stdout);
 * ```
 */
export async function runRangeTest(data: PreparedDataset, settings: RangeTestSettings, output: ProgressOutput): Promise<RangeTestRun> {
  const { model, optimizer } = compiledDemoCnn(data, settings.seed, settings.initialLearningRate);
  const every = Math.max(1, Math.round(settings.totalSteps / 10));
  const started = performance.now();
  try {
    const result = await findLearningRate(
      model,
      { x: data.train.xs, y: data.train.ys },
      {
        initialLearningRate: settings.initialLearningRate,
        finalLearningRate: settings.finalLearningRate,
        totalSteps: settings.totalSteps,
        batchSize: settings.batchSize,
        seed: settings.seed,
        onBatch: ({ index, learningRate, loss, smoothedLoss, totalSteps }) => {
          if ((index + 1) % every === 0 || index === 0) {
            output.write(
              `range test ${String(index + 1).padStart(String(totalSteps).length)}/${totalSteps}  lr ${learningRate.toExponential(2)}  loss ${loss.toFixed(4)}  smoothed ${smoothedLoss.toFixed(4)}\n`,
            );
          }
        },
      },
    );
    return { result, wallTimeSeconds: (performance.now() - started) / 1000 };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * The suggestion of the given method, or the first suggestion when that method found none.
 *
 * @param result - the range test's result.
 * @param method - the preferred rule.
 * @returns the suggestion.
 * @throws Error when the range test made no suggestion at all.
 * @example
 * ```ts
 * pickSuggestion(result, 'valley').learningRate;
 * ```
 */
export function pickSuggestion(result: RangeTestResult, method: SuggestionMethod): LearningRateSuggestion {
  const suggestion = result.suggestions.find((candidate) => candidate.method === method) ?? result.suggestion;
  if (suggestion === undefined) {
    throw new Error(
      `the range test made no suggestion (${result.stopMessage ?? 'no finite point in the analysed window'}); try another --initial-learning-rate/--final-learning-rate or more --total-steps`,
    );
  }
  return suggestion;
}

/**
 * The LR-finder chart (log-x) of `@lrkit/plot`: the smoothed loss with every suggestion
 * marked (suggestions less than a factor 2 apart share one label), or with `raw: true` the
 * raw loss of each batch.
 *
 * @param result - the range test's result.
 * @param title - the chart title.
 * @param raw - plot the raw losses instead of the smoothed ones.
 * @returns the chart, for any `@lrkit/plot` renderer.
 * @example
 * ```ts
 * renderTerminal(rangeTestChart(result, 'LR range test on mnist'));
 * ```
 */
export function rangeTestChart(result: RangeTestResult, title: string, raw = false): Chart {
  const chart = learningRateFinderChart(toChartData(result, { title, raw }));
  return { ...chart, markers: mergeCloseMarkers(chart.markers ?? []) };
}

/**
 * Writes the LR-finder charts into the run directory: `lr-finder.svg/png` (smoothed loss,
 * suggestions marked) and `lr-finder-raw.svg/png` (the raw loss of every batch).
 *
 * @param directory - the run directory.
 * @param result - the range test's result.
 * @param title - the chart title.
 * @returns the smoothed chart (to print in the terminal) and the file names written.
 * @example
 * ```ts
 * const { chart } = await writeRangeTestCharts(directory, result, 'LR range test');
 * ```
 */
export async function writeRangeTestCharts(directory: string, result: RangeTestResult, title: string): Promise<{ chart: Chart; files: string[] }> {
  const chart = rangeTestChart(result, title);
  const files: string[] = [];
  for (const [stem, picture] of [
    ['lr-finder', chart],
    ['lr-finder-raw', rangeTestChart(result, `${title}, raw loss`, true)],
  ] as const) {
    writeFileSync(join(directory, `${stem}.svg`), await renderSvg(picture, { width: 720, height: 400 }));
    writeFileSync(join(directory, `${stem}.png`), await renderPng(picture, { width: 720, height: 400 }));
    files.push(`${stem}.svg`, `${stem}.png`);
  }
  return { chart, files };
}

/** `1.23e-3` for learning rates. */
export function formatLearningRate(value: number): string {
  return value.toExponential(2);
}

/**
 * The range test as Markdown lines: the sweep, where and why it stopped, the confidence
 * verdict with its reasons, and a table of the suggestions (method, learning rate, smoothed
 * loss there, confident).
 *
 * @param run - the range test and its wall time.
 * @param chosen - the method that is trained.
 * @returns the lines (also printed to the terminal).
 * @example
 * ```ts
 * console.log(rangeTestLines(run, 'valley').join('\n'));
 * ```
 */
export function rangeTestLines(run: RangeTestRun, chosen: SuggestionMethod): string[] {
  const { result } = run;
  const lines = [
    `- sweep: ${result.mode} from ${formatLearningRate(result.initialLearningRate)} to ${formatLearningRate(result.finalLearningRate)} over ${result.totalSteps} batches, ${result.learningRates.length} recorded, ${result.lossSource} loss smoothed with β ${result.smoothing}, ${run.wallTimeSeconds.toFixed(1)} s`,
    result.stoppedEarly
      ? `- stopped early at batch ${String(result.stoppedAt)} (${String(result.stopReason)}): ${result.stopMessage ?? ''}`
      : '- ran to the end of the sweep',
    `- best smoothed loss ${result.bestLoss.toFixed(4)}; analysed window: batches ${result.window.start}–${result.window.end}`,
    `- confidence: ${result.confidence.confident ? 'confident' : 'not confident'} (drop ${result.confidence.drop.toFixed(4)}, noise ${result.confidence.noise.toFixed(4)}, ${result.confidence.points} points)${
      result.confidence.reasons.length === 0 ? '' : `: ${result.confidence.reasons.join('; ')}`
    }`,
    '',
    '| method | learning rate | smoothed loss | confident | trained |',
    '| --- | ---: | ---: | --- | --- |',
    ...result.suggestions.map(
      (suggestion) =>
        `| ${suggestion.method} | ${formatLearningRate(suggestion.learningRate)} | ${suggestion.loss.toFixed(4)} | ${
          suggestion.confident ? 'yes' : 'no'
        } | ${suggestion.method === chosen ? 'yes' : ''} |`,
    ),
  ];
  return lines;
}

/**
 * The range test's section of `summary.md` (run and quality mode): a heading, the printed
 * lines, the chart `lr-finder.svg` and a link to the raw-loss chart.
 *
 * @param testLines - {@link rangeTestLines} of the run.
 * @returns the Markdown lines, ending with an empty line.
 * @example
 * ```ts
 * [...rangeTestSection(rangeTestLines(run, 'valley'))].join('\n');
 * ```
 */
export function rangeTestSection(testLines: readonly string[]): string[] {
  return [
    '## LR range test',
    '',
    ...testLines,
    '',
    '![LR range test](lr-finder.svg)',
    '',
    'The raw loss of every batch of the sweep: [lr-finder-raw.svg](lr-finder-raw.svg).',
    '',
  ];
}
