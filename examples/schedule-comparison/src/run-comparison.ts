import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  type BatchRecord,
  type EpochRecord,
  type PreparedDataset,
  type ProgressOutput,
  type RawDataset,
  type VariantResult,
  TestEvaluation,
  TrainingProgress,
  batchesPerEpoch,
  buildDemoCnn,
  createRunDirectory,
  loadDataset,
  prepareDataset,
  selectBackend,
  shuffledBatches,
  summaryTable,
  toBackendChoice,
  writeReport,
} from '@lrkit/examples-common';
import { renderTerminal } from '@lrkit/plot';
import { LearningRateScheduler, LossHistory } from '@lrkit/tfjs';

import { type ComparisonOptions, reproduceCommand } from './options.js';
import { comparisonVariants, type Variant } from './variants.js';

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

/** Where the comparison writes and what it may reuse. */
export interface ComparisonIo {
  /** Progress and log output; default `process.stdout`. */
  readonly output?: ProgressOutput;
  /** An already loaded dataset (tests); default: loaded from `options.dataset`. */
  readonly raw?: RawDataset;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

async function trainVariant(
  variant: Variant,
  data: PreparedDataset,
  options: ComparisonOptions,
  directory: string,
  output: ProgressOutput,
): Promise<VariantResult> {
  const model = buildDemoCnn({ inputShape: [...data.inputShape], classes: data.classNames.length, seed: options.seed });
  const optimizer = variant.createOptimizer();
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const historyFile = `${variant.name}.jsonl`;
  const history = new LossHistory({ file: join(directory, historyFile) });
  const test = new TestEvaluation({ xs: data.test.xs, ys: data.test.ys });
  const started = performance.now();
  await model.fitDataset(shuffledBatches(data.train, { batchSize: options.batchSize, seed: options.seed }), {
    epochs: options.epochs,
    verbose: 0,
    ...(data.validation.count > 0 ? { validationData: [data.validation.xs, data.validation.ys] } : {}),
    callbacks: [
      new LearningRateScheduler({ schedule: variant.schedule, unit: variant.unit }),
      test,
      history,
      new TrainingProgress({
        epochs: options.epochs,
        batchesPerEpoch: batchesPerEpoch(data.train.count, options.batchSize),
        label: variant.name.padEnd(11),
        output,
      }),
    ],
  });
  const wallTimeSeconds = (performance.now() - started) / 1000;
  const parameterUpdates = optimizer.iterations;
  model.dispose();
  optimizer.dispose();
  const epochs: EpochRecord[] = history.epochs.map((row) => {
    const testRecord = test.records.find((record) => record.epoch === row.epoch);
    const optional = {
      accuracy: numberOrUndefined(row.acc),
      validationLoss: numberOrUndefined(row.val_loss),
      validationAccuracy: numberOrUndefined(row.val_acc),
      testLoss: testRecord?.loss,
      testAccuracy: testRecord?.accuracy,
      learningRate: numberOrUndefined(row.learningRate),
    };
    const defined = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
    return { epoch: row.epoch, loss: numberOrUndefined(row.loss) ?? Number.NaN, ...defined };
  });
  const batches: BatchRecord[] = history.batches.map((row) => ({
    step: row.step,
    epoch: row.epoch,
    batch: row.batch ?? 0,
    loss: numberOrUndefined(row.loss) ?? Number.NaN,
    learningRate: row.learningRate,
  }));
  return {
    name: variant.name,
    description: variant.description,
    epochs,
    batches,
    parameterUpdates,
    wallTimeSeconds,
    historyFile,
  };
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
export async function runComparison(options: ComparisonOptions, io: ComparisonIo = {}): Promise<ComparisonRun> {
  const output = io.output ?? process.stdout;
  const print = (line: string): void => void output.write(`${line}\n`);
  const selected = await selectBackend({
    preferred: options.backend === 'auto' ? undefined : toBackendChoice(options.backend),
    log: print,
  });
  const backend = selected.choice;
  const startedAt = new Date();
  const raw = io.raw ?? (await loadDataset(options.dataset, options.dataDirectory));
  const data = prepareDataset(raw, {
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.testLimit === undefined ? {} : { testLimit: options.testLimit }),
    validationFraction: options.validationFraction,
    seed: options.seed,
  });
  try {
    const directory =
      options.runDirectory ?? createRunDirectory(exampleName, { root: options.out, date: startedAt });
    mkdirSync(directory, { recursive: true });
    const dataset = `${data.name} (${data.train.count} train / ${data.validation.count} validation / ${data.test.count} test)`;
    print(`schedule comparison on ${dataset}, backend ${backend}, ${options.epochs} epochs, batch size ${options.batchSize}`);
    print(`report: ${directory}`);
    const variants = comparisonVariants({ epochs: options.epochs });
    const results: VariantResult[] = [];
    for (const name of options.variants) {
      results.push(await trainVariant(variants[name], data, options, directory, output));
    }
    const written = await writeReport(directory, {
      example: exampleName,
      title: `Learning-rate schedule comparison on ${data.name}`,
      command: reproduceCommand(options),
      dataset,
      backend,
      settings: {
        epochs: options.epochs,
        'batch size': options.batchSize,
        seed: options.seed,
        'validation fraction': options.validationFraction,
      },
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
