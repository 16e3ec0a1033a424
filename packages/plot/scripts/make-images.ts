/**
 * Regenerates the pictures in packages/plot/docs/ with the package's own renderers:
 * `pnpm --filter @lrkit/plot images`. Each picture is skipped (with a note) when a schedule
 * type it needs is not in this version of @lrkit/schedules.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromConfig, type ScheduleConfig, scheduleFactories } from '@lrkit/schedules';
import { type Chart, learningRateFinderChart, renderSvg, renderTerminal, scheduleChart } from '../src/index.js';
import { renderPng } from '../src/png.js';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
mkdirSync(docs, { recursive: true });

async function save(name: string, chart: Chart): Promise<void> {
  writeFileSync(`${docs}${name}.svg`, await renderSvg(chart, { width: 640, height: 320 }));
  writeFileSync(`${docs}${name}.png`, await renderPng(chart, { width: 640, height: 320, scale: 1.5 }));
  writeFileSync(`${docs}${name}.txt`, `${renderTerminal(chart, { width: 64, height: 14 })}\n`);
  console.log(`wrote docs/${name}.{svg,png,txt}`);
}

function available(configs: Record<string, ScheduleConfig>): boolean {
  const missing = Object.values(configs).filter((config) => !Object.hasOwn(scheduleFactories, config.type));
  if (missing.length > 0) console.log(`skipped: needs ${missing.map((config) => config.type).join(', ')}`);
  return missing.length === 0;
}

async function compare(name: string, title: string, end: number, configs: Record<string, ScheduleConfig>): Promise<void> {
  if (!available(configs)) return;
  const schedules = Object.entries(configs).map(([label, config]) => ({ name: label, schedule: fromConfig(config) }));
  await save(name, scheduleChart(schedules, { end, title, points: 1280 }));
}

await compare('schedules-compared', 'Step vs exponential vs cosine vs one-cycle (peak 0.1, 1000 steps)', 1000, {
  'step (every 250, x0.5)': { type: 'step', initialValue: 0.1, stepSize: 250, factor: 0.5 } as ScheduleConfig,
  'exponential (x0.1 per 1000)': { type: 'exponential', initialValue: 0.1, decayRate: 0.1, decaySteps: 1000 } as ScheduleConfig,
  cosine: { type: 'cosine', initialValue: 0.1, decaySteps: 1000 } as ScheduleConfig,
  'one-cycle': { type: 'one-cycle', maxValue: 0.1, totalSteps: 1000 } as ScheduleConfig,
});

await compare('sgdr-restarts', 'SGDR: cosine with warm restarts (first period 100, x2 each cycle)', 1500, {
  'cosine restarts': { type: 'cosine-restarts', initialValue: 0.1, firstPeriod: 100, periodMultiplier: 2 } as ScheduleConfig,
});

await compare('cosine-one-million', 'Cosine over 1,000,000 steps (min/max envelope of 639 buckets)', 1_000_000, {
  cosine: { type: 'cosine', initialValue: 0.1, decaySteps: 1_000_000 } as ScheduleConfig,
  'cosine, alpha 0.1': { type: 'cosine', initialValue: 0.1, decaySteps: 500_000, alpha: 0.1 } as ScheduleConfig,
});

// An LR range test curve (a synthetic loss: flat, a steep descent, then divergence).
const learningRates = Array.from({ length: 100 }, (_, index) => 1e-7 * 10 ** ((8 * index) / 99));
const losses = learningRates.map((learningRate) => {
  const x = Math.log10(learningRate);
  return 2.3 - 1.4 / (1 + Math.exp(-2.2 * (x + 3.2))) + 0.02 * Math.sin(7 * x) + (x > -1 ? 3 * (x + 1) ** 2 : 0);
});
const minimumIndex = losses.indexOf(Math.min(...losses));
await save(
  'lr-finder',
  learningRateFinderChart({
    learningRates,
    losses,
    title: 'LR range test: loss against learning rate',
    suggestions: [
      { name: 'steep', learningRate: 10 ** -3.2 },
      { name: 'minimum/10', learningRate: learningRates[minimumIndex]! / 10 },
    ],
  }),
);
