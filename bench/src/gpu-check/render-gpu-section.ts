/**
 * The GPU section of docs/benchmarks.md, filled from a `pnpm gpu:check` report committed as
 * docs/gpu-check-report.json. Only a report measured on a hardware adapter counts; without one
 * the section says the figures are pending and gives the command.
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatAdapter } from '@lrkit/backends';
import type { GpuCheckReport } from './run-gpu-check.js';

/** The commands that produce the GPU figures, as the pending section prints them. */
export const gpuCheckCommands = [
  'pnpm gpu:check --bundle .gpu   # on a Linux machine with apt-get: a self-contained folder of at most 60 MB',
  'bash .gpu/run.sh               # on the GPU server (x86-64 Linux, NVIDIA driver, nothing else): writes .gpu/gpu-check-report.json',
  'cp .gpu/gpu-check-report.json docs/ && pnpm bench:render-docs',
] as const;

/**
 * Reads a committed GPU report, or `undefined` when there is none.
 *
 * @example
 * const report = readGpuReport('docs/gpu-check-report.json');
 */
export function readGpuReport(file: string): GpuCheckReport | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as GpuCheckReport;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/**
 * The Markdown of the GPU section (without its heading).
 *
 * @example
 * renderGpuSection(undefined); // 'Pending: …'
 */
export function renderGpuSection(report: GpuCheckReport | undefined): string {
  if (report === undefined || report.device !== 'hardware adapter' || report.adapter === null) {
    const seen = report === undefined ? 'no report has been committed' : `the committed report was measured on: ${report.device}, which does not count`;
    return [
      `**Pending**: no run on a hardware GPU adapter yet (${seen}). The figures come from \`pnpm gpu:check\` on a GPU machine:`,
      '',
      '```sh',
      ...gpuCheckCommands,
      '```',
    ].join('\n');
  }
  const lines = [
    `From docs/gpu-check-report.json: \`pnpm gpu:check\` (${report.settings.mode}) on ${formatAdapter(report.adapter)}, ${report.machine.cpuModel} (${report.machine.cores} cores), Node ${report.machine.node}, ${report.machine.date}; ${report.seconds} s in all.`,
    '',
  ];
  if (report.learningRate !== null) {
    lines.push(
      `- Learning rate through \`LearningRateScheduler\` on webgpu: largest relative error ${report.learningRate.largestRelativeError.toExponential(2)} over ${report.learningRate.steps} batches (float32).`,
    );
  }
  if (report.reads !== null) {
    lines.push(
      `- Device reads per epoch of ${report.reads.batches} batches: ${report.reads.withoutCallbacks} without lrkit, ${report.reads.withCallbacks} with LearningRateScheduler, ReduceLROnPlateau and per-batch LossHistory.`,
    );
  }
  lines.push('', '| workload | backend | batch | ms per batch, median (min–max) |', '| --- | --- | ---: | ---: |');
  for (const row of report.steps) {
    lines.push(
      `| ${row.workload} | ${row.backend} | ${row.batchSize} | ${fixed(row.medianMilliseconds)} (${fixed(row.minimumMilliseconds)}–${fixed(row.maximumMilliseconds)}) |`,
    );
  }
  lines.push('', '| workload | faster | slower | speed-up per image |', '| --- | --- | --- | ---: |');
  for (const ratio of report.ratios) lines.push(`| ${ratio.workload} | ${ratio.faster} | ${ratio.slower} | ${fixed(ratio.ratio, 2)}× |`);
  if (report.kernels.length > 0) {
    lines.push(
      '',
      '| CIFAR-size CNN step, batch | tfjs-webgpu kernels, ms | lrkit webgpu kernels, ms | speed-up, median (min–max) | Conv2DBackpropFilter share, tfjs → lrkit |',
      '| ---: | ---: | ---: | ---: | ---: |',
    );
    for (const profile of report.kernels) {
      lines.push(
        `| ${profile.batchSize} | ${fixed(profile.tfjs.millisecondsPerStep.median)} | ${fixed(profile.lrkit.millisecondsPerStep.median)} | ` +
          `${fixed(profile.speedup.median, 2)}× (${fixed(profile.speedup.min, 2)}–${fixed(profile.speedup.max, 2)}) | ` +
          `${fixed(profile.tfjs.profile.filterGradientShare * 100)}% → ${fixed(profile.lrkit.profile.filterGradientShare * 100)}% |`,
      );
    }
  }
  const { batchSize } = report;
  lines.push(
    '',
    `Batch-size schedules (Smith et al. 2018), the example's three arms interleaved per epoch on ${batchSize.measuredOn}: ` +
      `${batchSize.settings.trainSize} MNIST training images, ${batchSize.settings.epochs} epochs, milestones ${batchSize.settings.milestones.join(', ')}, factor ${batchSize.settings.factor}, seeds ${batchSize.settings.seeds.join(', ')}.`,
    '',
    "| arm | updates | fewer updates than LR decay | training s (mean) | wall time / LR decay's, median (min–max) | less wall time | test accuracy |",
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...batchSize.arms.map(
      (arm) =>
        `| ${arm.arm} | ${arm.updates} | ${fixed(arm.updateRatio, 2)}× | ${fixed(arm.trainSeconds)} | ${fixed(arm.wallTimeRatio.median, 3)} (${fixed(arm.wallTimeRatio.min, 3)}–${fixed(arm.wallTimeRatio.max, 3)}) | ${fixed(arm.wallTimeSpeedup, 2)}× | ${fixed(arm.accuracy * 100, 2)}% |`,
    ),
  );
  return lines.join('\n');
}
