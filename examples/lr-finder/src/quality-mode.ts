import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { type ExampleIo, prepareRun, reportCharts, summarizeVariant, type VariantResult } from '@lrkit/examples-common';
import type { LearningRateSuggestion, RangeTestResult, SuggestionMethod } from '@lrkit/lr-finder';
import { type Chart, renderSvg, renderTerminal } from '@lrkit/plot';
import { renderPng } from '@lrkit/plot/png';
import { constant } from '@lrkit/schedules';

import { logSpacedGrid } from './grid.js';
import { reusableGrid } from './grid-reuse.js';
import { mergeCloseMarkers } from './merge-markers.js';
import { type LrFinderOptions, reproduceCommand } from './options.js';
import { exampleName, rangeTestJson } from './prepare-run.js';
import { formatLearningRate, pickSuggestion, rangeTestLines, rangeTestSection, runRangeTest, writeRangeTestCharts } from './range-test.js';
import { trainRun } from './train-run.js';

/** One trained learning rate of the quality check. */
export interface QualityEntry {
  /** `valley`, `steepest`, `minimum` for suggestions; `grid-1`, … for the grid. */
  readonly name: string;
  /** The suggestion's method, or undefined for a grid point. */
  readonly method: SuggestionMethod | undefined;
  readonly learningRate: number;
  /** Test accuracy after the last epoch (0–1). */
  readonly testAccuracy: number;
  readonly testLoss: number;
  /** Mean training loss of the last epoch. */
  readonly trainingLoss: number;
  readonly wallTimeSeconds: number;
}

/** The verdict of the quality check. */
export interface QualityVerdict {
  /** The suggestion that is checked (`--method`). */
  readonly suggestion: QualityEntry;
  /** The grid point with the highest test accuracy. */
  readonly bestGrid: QualityEntry;
  /** `(bestGrid.testAccuracy − suggestion.testAccuracy) × 100`, in percentage points (negative: the suggestion is better). */
  readonly gapPoints: number;
  /** Whether `gapPoints <= tolerancePoints`. */
  readonly withinTolerance: boolean;
  /** The tolerance in percentage points (1). */
  readonly tolerancePoints: number;
}

/** What a finished quality check returns. */
export interface QualityRun {
  readonly directory: string;
  readonly backend: string;
  readonly rangeTest: RangeTestResult;
  /** Every suggestion of the range test, trained. */
  readonly suggestions: readonly QualityEntry[];
  /** The grid, in increasing learning rate. */
  readonly grid: readonly QualityEntry[];
  readonly verdict: QualityVerdict;
  /** The content of `summary.md`. */
  readonly summary: string;
}

/** The quality check's tolerance: the suggestion must be within this many accuracy points of the grid's best. */
export const tolerancePoints = 1;

function entryOf(result: VariantResult, learningRate: number, method: SuggestionMethod | undefined): QualityEntry {
  const last = result.epochs.at(-1);
  return {
    name: result.name,
    method,
    learningRate,
    testAccuracy: last?.testAccuracy ?? Number.NaN,
    testLoss: last?.testLoss ?? Number.NaN,
    trainingLoss: last?.loss ?? Number.NaN,
    wallTimeSeconds: result.wallTimeSeconds,
  };
}

/**
 * Compares a suggestion with the best of a grid (highest test accuracy; the lower learning
 * rate wins a tie; a NaN accuracy counts as 0).
 *
 * @param suggestion - the checked suggestion's run.
 * @param grid - the grid's runs.
 * @param tolerance - in accuracy points; default {@link tolerancePoints}.
 * @returns the verdict.
 * @example
 * ```ts
 * qualityVerdict(valley, grid).withinTolerance;
 * ```
 */
export function qualityVerdict(suggestion: QualityEntry, grid: readonly QualityEntry[], tolerance: number = tolerancePoints): QualityVerdict {
  const score = (entry: QualityEntry): number => (Number.isNaN(entry.testAccuracy) ? 0 : entry.testAccuracy);
  const bestGrid = grid.reduce((best, entry) => (score(entry) > score(best) ? entry : best));
  const gapPoints = (score(bestGrid) - score(suggestion)) * 100;
  return { suggestion, bestGrid, gapPoints, withinTolerance: gapPoints <= tolerance, tolerancePoints: tolerance };
}

function percent(value: number): string {
  return Number.isNaN(value) ? 'NaN' : `${(value * 100).toFixed(2)}%`;
}

/** Test accuracy against learning rate (log x): the grid as a line, each suggestion marked. */
function accuracyChart(grid: readonly QualityEntry[], suggestions: readonly QualityEntry[], epochs: number): Chart {
  return {
    title: `Test accuracy after ${epochs} epoch${epochs === 1 ? '' : 's'} of constant-rate SGD`,
    xLabel: 'learning rate (log)',
    yLabel: 'test accuracy',
    xScale: 'log',
    series: [{ name: 'grid', points: grid.map((entry) => ({ x: entry.learningRate, y: entry.testAccuracy })) }],
    markers: mergeCloseMarkers(
      suggestions.map((entry) => ({
        x: entry.learningRate,
        y: entry.testAccuracy,
        label: `${entry.name} ${formatLearningRate(entry.learningRate)}: ${percent(entry.testAccuracy)}`,
      })),
    ),
  };
}

/**
 * Quality mode: the range test, then the same training — constant-rate plain SGD for
 * `epochs` (1) from the same initial weights on the same batches — once per suggestion and
 * once per learning rate of a log-spaced grid (`--grid-size` 7 from `--grid-min` 1e-4 to
 * `--grid-max` 1). Reports each run's test accuracy and whether the `--method` suggestion
 * is within 1 accuracy point of the grid's best, as `summary.md` and `summary.json`, with
 * the LR-finder chart (`lr-finder.svg/png`), test accuracy against learning rate
 * (`accuracy-vs-lr.svg/png`), the per-batch loss of every run (`loss.svg/png`) and one JSONL
 * history per run.
 *
 * @param options - the parsed settings (`mode: 'quality'`).
 * @param io - output and an optional preloaded dataset.
 * @returns the run directory, the entries and the verdict.
 * @example
 * ```ts
 * const run = await runQualityCheck(parseLrFinderArguments(['--mode', 'quality']));
 * console.log(run.verdict.gapPoints);
 * ```
 */
export async function runQualityCheck(options: LrFinderOptions, io: ExampleIo = {}): Promise<QualityRun> {
  const prepared = await prepareRun(exampleName, options, io);
  const { backend, data, datasetLabel, directory, startedAt, output, print } = prepared;
  try {
    print(`LR range test quality check on ${datasetLabel}, backend ${backend}, batch size ${options.batchSize}`);
    print(`report: ${directory}`);
    const rangeTest = await runRangeTest(data, options, output);
    const result = rangeTest.result;
    const chosen = pickSuggestion(result, options.method);
    const testLines = rangeTestLines(rangeTest, chosen.method);
    await writeRangeTestCharts(directory, result, `LR range test on ${data.name} (demo CNN, SGD, batch ${options.batchSize})`);
    print('');
    print(testLines.join('\n'));
    print('');

    const settings = { epochs: options.epochs, batchSize: options.batchSize, seed: options.seed };
    const train = async (name: string, learningRate: number, what: string): Promise<VariantResult> =>
      trainRun(
        { name, description: `SGD, constant ${formatLearningRate(learningRate)} (${what})`, schedule: constant({ value: learningRate }) },
        data,
        settings,
        directory,
        output,
      );
    const variants: VariantResult[] = [];
    const suggestions: QualityEntry[] = [];
    const trainedSuggestions = (result.suggestions as readonly LearningRateSuggestion[]).filter(
      (suggestion) => options.train === 'all' || suggestion.method === chosen.method,
    );
    for (const suggestion of trainedSuggestions) {
      const trained = await train(suggestion.method, suggestion.learningRate, `${suggestion.method} suggestion`);
      variants.push(trained);
      suggestions.push(entryOf(trained, suggestion.learningRate, suggestion.method));
    }
    const grid: QualityEntry[] = [];
    const learningRates = logSpacedGrid(options.gridMin, options.gridMax, options.gridSize);
    if (options.gridFrom !== undefined) {
      const identity = {
        dataset: datasetLabel,
        backend,
        settings: {
          epochs: options.epochs,
          batchSize: options.batchSize,
          seed: options.seed,
          validationFraction: options.validationFraction,
          gridMin: options.gridMin,
          gridMax: options.gridMax,
          gridSize: options.gridSize,
        },
      };
      grid.push(...reusableGrid(options.gridFrom, identity, result));
      print(`grid: ${grid.length} runs reused from ${options.gridFrom} (same settings, same range-test curve)`);
    } else {
      for (const [index, learningRate] of learningRates.entries()) {
        const trained = await train(`grid-${index + 1}`, learningRate, `grid point ${index + 1} of ${learningRates.length}`);
        variants.push(trained);
        grid.push(entryOf(trained, learningRate, undefined));
      }
    }
    const checked = suggestions.find((entry) => entry.method === chosen.method) as QualityEntry;
    const verdict = qualityVerdict(checked, grid);

    const accuracy = accuracyChart(grid, suggestions, options.epochs);
    const loss = reportCharts(variants).loss;
    for (const [stem, picture] of [
      ['accuracy-vs-lr', accuracy],
      ['loss', loss],
    ] as const) {
      writeFileSync(join(directory, `${stem}.svg`), await renderSvg(picture, { width: 720, height: 400 }));
      writeFileSync(join(directory, `${stem}.png`), await renderPng(picture, { width: 720, height: 400 }));
    }

    const command = reproduceCommand(options);
    const verdictLine = `The **${checked.name}** suggestion ${formatLearningRate(checked.learningRate)} reached **${percent(
      checked.testAccuracy,
    )}** test accuracy after ${options.epochs} epoch${options.epochs === 1 ? '' : 's'}; the best of the ${grid.length}-point grid is ${percent(
      verdict.bestGrid.testAccuracy,
    )} at ${formatLearningRate(verdict.bestGrid.learningRate)}: gap ${verdict.gapPoints.toFixed(2)} points, ${
      verdict.withinTolerance ? '**within**' : '**not within**'
    } ${tolerancePoints} point of the grid's best.`;
    const rows = [...suggestions, ...grid]
      .sort((a, b) => a.learningRate - b.learningRate)
      .map(
        (entry) =>
          `| ${entry.name}${entry === checked ? ' (checked)' : ''}${entry === verdict.bestGrid ? ' (grid best)' : ''} | ${formatLearningRate(
            entry.learningRate,
          )} | ${percent(entry.testAccuracy)} | ${entry.testLoss.toFixed(4)} | ${entry.trainingLoss.toFixed(4)} | ${entry.wallTimeSeconds.toFixed(
            1,
          )} s | [history](${entry.name}.jsonl) |`,
      );
    const summary = [
      `# LR range test quality check on ${data.name}`,
      '',
      'Command:',
      '',
      '```sh',
      command,
      '```',
      '',
      `- dataset: ${datasetLabel}`,
      `- backend: ${backend}`,
      `- started: ${startedAt.toISOString()}`,
      `- model: the demo CNN of @lrkit/examples-common, initial weights from seed ${options.seed} (the same for every run)`,
      `- training: plain SGD (tf.train.sgd, no momentum) at a constant learning rate, ${options.epochs} epoch${
        options.epochs === 1 ? '' : 's'
      }, batch size ${options.batchSize}, the same seeded batch order for every run; test accuracy on the test set after the last epoch`,
      `- grid: ${grid.length} learning rates log-spaced from ${options.gridMin} to ${options.gridMax}${
        options.gridFrom === undefined
          ? ''
          : `; the grid runs are those of the earlier check in \`${relative(directory, options.gridFrom) || '.'}\` (same settings and a bit-for-bit identical range-test curve: the same runs), not trained again, so their histories and loss curves are that check's`
      }`,
      ...(options.train === 'all' ? [] : ['- suggestions trained: only the checked one']),
      '',
      '## Verdict',
      '',
      verdictLine,
      '',
      '| run | learning rate | test acc. | test loss | training loss (last epoch) | wall time | history |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      '![test accuracy against learning rate](accuracy-vs-lr.svg)',
      '',
      ...rangeTestSection(testLines),
      '## Training loss of every run',
      '',
      '![training loss](loss.svg)',
      '',
    ].join('\n');
    writeFileSync(join(directory, 'summary.md'), summary);
    const json = {
      example: 'lr-finder',
      mode: 'quality',
      command,
      dataset: datasetLabel,
      backend,
      startedAt: startedAt.toISOString(),
      settings: {
        epochs: options.epochs,
        batchSize: options.batchSize,
        seed: options.seed,
        validationFraction: options.validationFraction,
        optimizer: 'sgd',
        gridMin: options.gridMin,
        gridMax: options.gridMax,
        gridSize: options.gridSize,
        method: chosen.method,
      },
      verdict: {
        method: checked.name,
        learningRate: checked.learningRate,
        testAccuracy: checked.testAccuracy,
        bestGridLearningRate: verdict.bestGrid.learningRate,
        bestGridTestAccuracy: verdict.bestGrid.testAccuracy,
        gapPoints: verdict.gapPoints,
        tolerancePoints: verdict.tolerancePoints,
        withinTolerance: verdict.withinTolerance,
      },
      suggestions,
      grid,
      runs: variants.map((variant) => ({ ...summarizeVariant(variant), historyFile: variant.historyFile })),
      rangeTest: rangeTestJson(result, rangeTest.wallTimeSeconds),
    };
    writeFileSync(join(directory, 'summary.json'), `${JSON.stringify(json, null, 2)}\n`);

    print('');
    print(renderTerminal(accuracy, { width: 60, height: 12, color: output.isTTY === true }));
    print('');
    print(verdictLine.replaceAll('**', ''));
    print(`report written to ${directory}/summary.md`);
    return { directory, backend, rangeTest: result, suggestions, grid, verdict, summary };
  } finally {
    data.dispose();
  }
}
