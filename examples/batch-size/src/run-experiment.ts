import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type ExperimentSettings, loadExperimentData, type RunResult, type ScheduleSummary, scheduleNames, startArm, summarise } from './experiment.js';
import { type InterleaveOptions, type LoadAverage, type RatioSpread, ratioSpread, runInterleaved } from './interleave.js';
import { jsonReport, markdownReport, plots } from './report.js';

/** Wall-time figures of the interleaved runs. */
export interface WallTimeFigures {
  /** Per arm: its training time over LR decay's, one ratio per seed (same seed, epochs interleaved). */
  readonly ratioToDecay: Readonly<Record<string, RatioSpread>>;
  /** Load averages (1, 5, 15 min) at the start and end of each seed's interleaved run. */
  readonly loadAverages: readonly { readonly seed: number; readonly start: LoadAverage; readonly end: LoadAverage }[];
}

export interface ExperimentOutput {
  readonly runs: RunResult[];
  readonly summaries: ScheduleSummary[];
  readonly wallTime: WallTimeFigures;
  readonly report: string;
}

/**
 * Loads MNIST and, seed by seed, trains the three arms interleaved per epoch
 * ({@link runInterleaved}: epoch 1 of every arm, then epoch 2, …, the order rotating), so
 * that a change of the machine's load hits all arms alike; writes report.md, results.json
 * and the plots into `outDirectory`.
 *
 * @example
 * ```ts
 * const { wallTime } = await runExperiment(fullSettings, { command: 'pnpm start', outDirectory: 'results' });
 * wallTime.ratioToDecay['increase-batch'].median;
 * ```
 */
export async function runExperiment(
  settings: ExperimentSettings,
  options: {
    outDirectory?: string;
    command: string;
    log?: (line: string) => void;
    mnistDirectory?: string;
    loadAverage?: InterleaveOptions['loadAverage'];
  },
): Promise<ExperimentOutput> {
  const log = options.log ?? (() => undefined);
  const data = await loadExperimentData(settings, options.mnistDirectory);
  const runs: RunResult[] = [];
  const ratios: Record<string, number[]> = Object.fromEntries(scheduleNames.map((name) => [name, []]));
  const loadAverages: WallTimeFigures['loadAverages'][number][] = [];
  try {
    for (const seed of settings.seeds) {
      const interleaved = await runInterleaved(scheduleNames, settings.epochs, (name) => startArm(settings, data, name, seed, log), {
        ...(options.loadAverage === undefined ? {} : { loadAverage: options.loadAverage }),
      });
      loadAverages.push({ seed, ...interleaved.loadAverage });
      const decayMs = interleaved.arms.find((arm) => arm.name === 'lr-decay')?.result.trainMs ?? Number.NaN;
      for (const { result: run } of interleaved.arms) {
        ratios[run.schedule]?.push(run.trainMs / decayMs);
        log(
          `${run.schedule} seed ${seed}: test accuracy ${(run.finalAccuracy * 100).toFixed(2)}%, ${run.totalUpdates} updates, ` +
            `${(run.trainMs / 1000).toFixed(1)} s training (${(run.trainMs / decayMs).toFixed(3)} of LR decay's)`,
        );
        runs.push(run);
      }
    }
  } finally {
    tf.dispose([data.trainX, data.trainY, data.testX, data.testY]);
  }
  const summaries = summarise(runs);
  const wallTime: WallTimeFigures = {
    ratioToDecay: Object.fromEntries(Object.entries(ratios).map(([name, values]) => [name, ratioSpread(values)])),
    loadAverages,
  };
  const report = markdownReport(settings, summaries, {
    backend: tf.getBackend(),
    command: options.command,
    date: new Date().toISOString().slice(0, 10),
    wallTime,
  });
  if (options.outDirectory !== undefined) {
    mkdirSync(options.outDirectory, { recursive: true });
    writeFileSync(join(options.outDirectory, 'report.md'), report);
    writeFileSync(join(options.outDirectory, 'results.json'), jsonReport(settings, runs, summaries, tf.getBackend(), wallTime));
    for (const [file, svg] of Object.entries(await plots(summaries))) writeFileSync(join(options.outDirectory, file), svg);
  }
  return { runs, summaries, wallTime, report };
}
