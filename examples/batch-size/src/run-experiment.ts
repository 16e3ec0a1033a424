import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runOne, scheduleNames, summarise, type ExperimentSettings, type RunResult, type ScheduleSummary } from './experiment.js';
import { loadMnist } from './mnist.js';
import { jsonReport, markdownReport, plots } from './report.js';

export interface ExperimentOutput {
  readonly runs: RunResult[];
  readonly summaries: ScheduleSummary[];
  readonly report: string;
}

/** Loads MNIST, runs every schedule for every seed, writes report.md, results.json and the plots into `outDirectory`. */
export async function runExperiment(
  settings: ExperimentSettings,
  options: { outDirectory?: string; command: string; log?: (line: string) => void; mnistDirectory?: string },
): Promise<ExperimentOutput> {
  const log = options.log ?? (() => undefined);
  const train = await loadMnist('train', settings.trainSize, options.mnistDirectory);
  const test = await loadMnist('test', settings.testSize, options.mnistDirectory);
  const data = { trainX: train.images, trainY: train.labels, testX: test.images, testY: test.labels };
  const runs: RunResult[] = [];
  try {
    for (const seed of settings.seeds) {
      for (const name of scheduleNames) {
        const run = await runOne(settings, data, name, seed, log);
        log(
          `${name} seed ${seed}: test accuracy ${(run.finalAccuracy * 100).toFixed(2)}%, ${run.totalUpdates} updates, ` +
            `${(run.trainMs / 1000).toFixed(1)} s training`,
        );
        runs.push(run);
      }
    }
  } finally {
    tf.dispose([train.images, train.labels, test.images, test.labels]);
  }
  const summaries = summarise(runs);
  const report = markdownReport(settings, summaries, {
    backend: tf.getBackend(),
    command: options.command,
    date: new Date().toISOString().slice(0, 10),
  });
  if (options.outDirectory !== undefined) {
    mkdirSync(options.outDirectory, { recursive: true });
    writeFileSync(join(options.outDirectory, 'report.md'), report);
    writeFileSync(join(options.outDirectory, 'results.json'), jsonReport(settings, runs, summaries, tf.getBackend()));
    for (const [file, svg] of Object.entries(await plots(summaries))) writeFileSync(join(options.outDirectory, file), svg);
  }
  return { runs, summaries, report };
}
