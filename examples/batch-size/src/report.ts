import { type Chart, renderSvg } from '@lrkit/plot';
import type { ExperimentSettings, RunResult, ScheduleSummary } from './experiment.js';
import type { RatioSpread } from './interleave.js';
import type { WallTimeFigures } from './run-experiment.js';

const labels: Record<string, string> = {
  'lr-decay': 'LR decay (fixed batch)',
  'increase-batch': 'increase batch size',
  hybrid: 'hybrid (batch cap, then LR decay)',
};

const points = (value: number) => (value * 100).toFixed(2);

/** The checks of issue 9, computed from the summaries. */
export function verdicts(summaries: readonly ScheduleSummary[], wallTime?: WallTimeFigures): string[] {
  const by = (name: string) => summaries.find((summary) => summary.schedule === name);
  const decay = by('lr-decay');
  const increase = by('increase-batch');
  const hybrid = by('hybrid');
  if (decay === undefined || increase === undefined) return [];
  const gap = (decay.accuracy.mean - increase.accuracy.mean) * 100;
  const lines = [
    `- Increasing batch vs LR decay, mean test accuracy: ${gap >= 0 ? '−' : '+'}${Math.abs(gap).toFixed(2)} points ` +
      `(target: within 0.5) — ${Math.abs(gap) <= 0.5 ? 'met' : 'missed'}.`,
    `- Parameter updates: ${decay.updates} vs ${increase.updates}, ${(decay.updates / increase.updates).toFixed(2)}x fewer ` +
      `(target: at least 3x) — ${decay.updates / increase.updates >= 3 ? 'met' : 'missed'}.`,
    wallTimeLine(decay, increase, wallTime?.ratioToDecay['increase-batch']),
  ];
  if (hybrid !== undefined) {
    const between = hybrid.updates <= decay.updates && hybrid.updates >= increase.updates;
    lines.push(`- Hybrid updates ${hybrid.updates} (between ${increase.updates} and ${decay.updates}: ${between ? 'yes' : 'no'}).`);
  }
  return lines;
}

function wallTimeLine(decay: ScheduleSummary, increase: ScheduleSummary, ratio: RatioSpread | undefined): string {
  if (ratio === undefined) {
    return (
      `- Training wall time (mean): ${decay.trainSeconds.mean.toFixed(1)} s vs ${increase.trainSeconds.mean.toFixed(1)} s, ratio ` +
      `${(decay.trainSeconds.mean / increase.trainSeconds.mean).toFixed(2)} (target: less) — ` +
      `${increase.trainSeconds.mean < decay.trainSeconds.mean ? 'met' : 'missed'}.`
    );
  }
  return (
    `- Training wall time of increasing batch over LR decay (same seed, epochs interleaved): median ${ratio.median.toFixed(3)} ` +
    `(${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)} over ${ratio.values.length} seed${ratio.values.length === 1 ? '' : 's'}; ` +
    `target: below 1) — ${ratio.median < 1 ? 'met' : 'missed'}.`
  );
}

/** The wall-time section: per-arm ratios to LR decay (median and spread over seeds) and the load averages. */
export function wallTimeSection(wallTime: WallTimeFigures): string[] {
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(', ');
  return [
    '## Wall time',
    '',
    'Each seed trains the three arms **interleaved per epoch** (epoch 1 of every arm, then epoch 2, …, the arm order ' +
      "rotating each epoch), so a change of the machine's load hits all three within the same minute. The ratio is " +
      "each arm's training time over LR decay's in the same seed (test evaluations excluded).",
    '',
    '| schedule | training-time ratio to LR decay, median (min–max) | per seed |',
    '| --- | --- | --- |',
    ...Object.entries(wallTime.ratioToDecay).map(
      ([name, ratio]) =>
        `| ${labels[name] ?? name} | ${ratio.median.toFixed(3)} (${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)}) | ` +
        `${ratio.values.map((value) => value.toFixed(3)).join(', ')} |`,
    ),
    '',
    `Load average (1, 5, 15 min) at the start and end of each seed: ${wallTime.loadAverages
      .map((entry) => `seed ${entry.seed}: ${load(entry.start)} → ${load(entry.end)}`)
      .join('; ')}.`,
    '',
  ];
}

/** The Markdown report. */
export function markdownReport(
  settings: ExperimentSettings,
  summaries: readonly ScheduleSummary[],
  environment: { backend: string; command: string; date: string; wallTime?: WallTimeFigures },
): string {
  const rows = summaries.map(
    (summary) =>
      `| ${labels[summary.schedule] ?? summary.schedule} | ${points(summary.accuracy.mean)} ± ${points(summary.accuracy.standardDeviation)} ` +
      `(${points(summary.accuracy.min)}–${points(summary.accuracy.max)}) | ${summary.updates} | ` +
      `${summary.trainSeconds.mean.toFixed(1)} ± ${summary.trainSeconds.standardDeviation.toFixed(1)} | ` +
      `${summary.batchSizes.join(' ')} | ${summary.learningRates.map((rate) => Number(rate.toPrecision(4))).join(' ')} |`,
  );
  return [
    '# Batch-size increase versus learning-rate decay (Smith et al. 2018) on MNIST',
    '',
    `Command: \`${environment.command}\`  `,
    `Backend: ${environment.backend}; date: ${environment.date}.`,
    '',
    `Settings: ${settings.trainSize} training / ${settings.testSize} test samples, ${settings.epochs} epochs, milestones ` +
      `${settings.milestones.join(', ')}, factor ${settings.factor}, initial batch ${settings.initialBatchSize}, hybrid cap ` +
      `${settings.maxBatchSize}, SGD with momentum ${settings.momentum}, learning rate ${settings.learningRate}, seeds ` +
      `${settings.seeds.join(', ')} (each seed: same initial weights and shuffle seed for all three schedules), ` +
      `network: ${settings.architecture === 'mlp' ? 'dense 784-32-10' : 'CNN conv3x3(8)-pool-conv3x3(16)-pool-dense(10)'}.`,
    '',
    '| schedule | test accuracy % (mean ± sd, min–max) | parameter updates | training time s (mean ± sd) | batch size per epoch | learning rate per epoch |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...verdicts(summaries, environment.wallTime),
    '',
    ...(environment.wallTime === undefined ? [] : wallTimeSection(environment.wallTime)),
    'Training time excludes the per-epoch test evaluation. Plots: `accuracy-vs-epoch.svg`, `accuracy-vs-updates.svg`.',
    '',
  ].join('\n');
}

/** The two charts (mean test accuracy over the seeds), as `@lrkit/plot` charts. */
export function charts(summaries: readonly ScheduleSummary[]): Record<string, Chart> {
  return {
    'accuracy-vs-epoch': {
      title: 'Test accuracy versus epoch (mean over seeds)',
      xLabel: 'epoch',
      yLabel: 'test accuracy',
      series: summaries.map((summary) => ({
        name: labels[summary.schedule] ?? summary.schedule,
        points: summary.meanAccuracyByEpoch.map((accuracy, epoch) => ({ x: epoch + 1, y: accuracy })),
      })),
    },
    'accuracy-vs-updates': {
      title: 'Test accuracy versus parameter updates (mean over seeds)',
      xLabel: 'parameter updates',
      yLabel: 'test accuracy',
      xScale: 'log',
      series: summaries.map((summary) => ({
        name: labels[summary.schedule] ?? summary.schedule,
        points: summary.meanAccuracyByEpoch.map((accuracy, epoch) => ({ x: summary.updatesByEpoch[epoch] ?? Number.NaN, y: accuracy })),
      })),
    },
  };
}

/** The two plots as SVG documents, keyed by file name. */
export async function plots(summaries: readonly ScheduleSummary[]): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [name, chart] of Object.entries(charts(summaries))) files[`${name}.svg`] = await renderSvg(chart);
  return files;
}

/** Everything as JSON (runs included). */
export function jsonReport(
  settings: ExperimentSettings,
  runs: readonly RunResult[],
  summaries: readonly ScheduleSummary[],
  backend: string,
  wallTime?: WallTimeFigures,
): string {
  return `${JSON.stringify({ settings, backend, summaries, wallTime, runs }, null, 2)}\n`;
}
