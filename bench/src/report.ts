/**
 * Runs the benchmarks and renders docs/benchmarks.md and docs/benchmarks.json.
 */

import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { readGpuReport, renderGpuSection } from './gpu-check/render-gpu-section.js';
import { describeMachine, type MachineInfo } from './machine.js';
import { sections as allSections, type BenchSection, type TargetVerdict } from './sections.js';

/** Where a GPU report measured with `pnpm gpu:check` on a hardware adapter is committed. */
export const gpuReportFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'gpu-check-report.json');

/** What `pnpm bench` writes to docs/benchmarks.json. */
export interface BenchReport {
  readonly machine: MachineInfo;
  readonly smoke: boolean;
  readonly targets: readonly TargetVerdict[];
  readonly results: Record<string, unknown>;
  /** Seconds each benchmark took. */
  readonly durations: Record<string, number>;
  /** Sections re-run later with `pnpm bench --only=…` and merged in, each with its own run facts. */
  readonly partialRuns?: ReadonlyArray<{ readonly sections: readonly string[]; readonly machine: MachineInfo }>;
}

/** Options of {@link runReport}. */
export interface RunReportOptions {
  readonly smoke: boolean;
  /** Keys of the sections to run (default all). */
  readonly only?: readonly string[];
  /** The arguments given after `pnpm bench`, for the recorded command line. */
  readonly args?: readonly string[];
  /** Progress output (default console.log). */
  readonly log?: (line: string) => void;
  readonly sections?: readonly BenchSection[];
}

/**
 * Runs the selected benchmarks one after the other and collects the report.
 *
 * @example
 * ```ts
 * const report = await runReport({ smoke: true, only: ['memory'] });
 * renderMarkdown(report);
 * ```
 */
export async function runReport(options: RunReportOptions): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const machine = describeMachine(options.args ?? []);
  const chosen = (options.sections ?? allSections).filter((section) => options.only === undefined || options.only.includes(section.key));
  const results: Record<string, unknown> = {};
  const durations: Record<string, number> = {};
  const targets: TargetVerdict[] = [];
  for (const section of chosen) {
    log(`${section.title}…`);
    const start = performance.now();
    const result = await section.run(options.smoke);
    durations[section.key] = Math.round((performance.now() - start) / 100) / 10;
    results[section.key] = result;
    targets.push(...(section.targets?.(result) ?? []));
    log(`  done in ${durations[section.key]} s`);
  }
  machine.loadAverageEnd = os.loadavg().map((value) => Math.round(value * 100) / 100);
  await tf.setBackend('cpu');
  return { machine, smoke: options.smoke, targets, results, durations };
}

/**
 * The Markdown report: how it was made, the targets, then one section per benchmark.
 *
 * @example
 * ```ts
 * writeFileSync('docs/benchmarks.md', renderMarkdown(report));
 * ```
 */
export function renderMarkdown(report: BenchReport, sections: readonly BenchSection[] = allSections, gpuReport = readGpuReport(gpuReportFile)): string {
  const { machine } = report;
  const lines: string[] = [
    '# lrkit benchmarks',
    '',
    report.smoke
      ? '> **Smoke run**: tiny sizes that only check the benchmarks run. These figures are not measurements.'
      : '> Produced by `pnpm bench`; do not edit by hand. Every timing is a ratio (or a rate) measured in the same run, with variants in alternating (rotated) order after a warm-up, reported as median (min–max) over the repetitions.',
    '',
    '## Run',
    '',
    '| | |',
    '| --- | --- |',
    `| command | \`${machine.command}\` |`,
    `| executed | \`${machine.executed.replace(/\|/g, '\\|')}\` |`,
    `| date | ${machine.date} |`,
    `| CPU | ${machine.cpuModel}, ${machine.cores} cores |`,
    `| memory | ${machine.memoryGiB} GiB |`,
    `| OS | ${machine.platform} |`,
    `| load average (1, 5, 15 min) | start ${machine.loadAverageStart.join(', ')}; end ${(machine.loadAverageEnd ?? []).join(', ')} |`,
    `| Node | ${machine.node} |`,
    ...machine.packages.map((entry) => `| ${entry.name} | ${entry.version} |`),
    ...(report.partialRuns ?? []).map(
      (run) =>
        `| re-run later | ${run.sections.join(', ')}: \`${run.machine.command}\`, ${run.machine.date}, load average start ${run.machine.loadAverageStart.join(', ')}; end ${(run.machine.loadAverageEnd ?? []).join(', ')} |`,
    ),
    `| durations (s) | ${Object.entries(report.durations)
      .map(([key, seconds]) => `${key} ${seconds}`)
      .join(', ')} |`,
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...report.targets.map((verdict) => `| ${verdict.target} | ${verdict.measured} | ${verdict.met ? 'yes' : '**no**'} |`),
    '',
  ];
  for (const section of sections) {
    if (!(section.key in report.results)) continue;
    lines.push(`## ${section.title}`, '', section.render(report.results[section.key]), '');
  }
  if (!report.smoke) lines.push('## GPU (`pnpm gpu:check` on a hardware adapter)', '', renderGpuSection(gpuReport), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
