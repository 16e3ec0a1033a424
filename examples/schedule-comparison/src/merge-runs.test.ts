import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ComparisonSummaryJson, mergeComparisonRuns, mergedSummaryMarkdown, mergeRunInto, type VariantJson } from './merge-runs.js';

function variant(name: string, accuracies: readonly number[], wallTimeSeconds: number): VariantJson {
  return {
    name,
    description: `${name} optimizer`,
    parameterUpdates: 10 * accuracies.length,
    wallTimeSeconds,
    historyFile: `${name}.jsonl`,
    epochRecords: accuracies.map((testAccuracy, epoch) => ({ epoch, loss: 1 / (epoch + 1), testAccuracy, learningRate: 0.1 })),
  };
}

function run(variants: readonly VariantJson[], command: string): ComparisonSummaryJson {
  return {
    example: 'schedule-comparison',
    title: 'Learning-rate schedule comparison on mnist',
    command,
    dataset: 'mnist (54000 train / 6000 validation / 10000 test)',
    backend: 'wasm',
    startedAt: '2026-12-04T18:00:00.000Z',
    settings: { epochs: 2, 'batch size': 64, seed: 1, 'validation fraction': 0.1 },
    variants,
  };
}

const base = run(
  [variant('constant', [0.9, 0.95], 200), variant('adadelta', [0.1135, 0.1135], 210), variant('adam', [0.96, 0.97], 190)],
  'start --variants all',
);
const update = { ...run([variant('adadelta', [0.96, 0.9815], 292)], 'start --variants adadelta'), startedAt: '2026-12-04T18:28:44.000Z' };

describe('mergeComparisonRuns', () => {
  it('replaces the re-run variant in place, keeps the others and records where it came from', () => {
    const merged = mergeComparisonRuns(base, update, 'adadelta-rerun');
    expect(merged.variants.map((entry) => [entry.name, entry.epochRecords.at(-1)?.testAccuracy, entry.historyFile])).toEqual([
      ['constant', 0.95, 'constant.jsonl'],
      ['adadelta', 0.9815, 'adadelta-rerun/adadelta.jsonl'],
      ['adam', 0.97, 'adam.jsonl'],
    ]);
    expect(merged.command).toBe('start --variants all');
    expect(merged.mergedFrom).toEqual([
      { variants: ['adadelta'], command: 'start --variants adadelta', startedAt: '2026-12-04T18:28:44.000Z', directory: 'adadelta-rerun' },
    ]);
  });

  it('refuses runs with different settings or variants the base run does not have', () => {
    expect(() => mergeComparisonRuns(base, { ...update, settings: { ...update.settings, seed: 2 } }, 'x')).toThrow(
      'mergeComparisonRuns: the runs must share dataset, backend and settings; received seed 1 vs 2',
    );
    expect(() => mergeComparisonRuns(base, run([variant('sgdr', [0.5], 1)], 'x'), 'x')).toThrow(
      'mergeComparisonRuns: every re-run variant must be in the base run; received sgdr',
    );
  });

  it('renders the table of all variants with the re-run row and both commands', () => {
    const markdown = mergedSummaryMarkdown(mergeComparisonRuns(base, update, 'adadelta-rerun'), '## Why\n\nBecause.\n');
    expect(markdown).toContain('| adadelta | 98.15% | 98.15% (2) | 0.5000 | 2 | 20 | 292 s | wasm |');
    expect(markdown).toContain('| constant | 95.00% | 95.00% (2) | 0.5000 | 2 | 20 | 200 s | wasm |');
    expect(markdown).toContain('Re-run of **adadelta** with the same settings ([report](adadelta-rerun/summary.md)');
    expect(markdown).toContain('start --variants adadelta');
    expect(markdown).toContain('| adam | 97.00% | 97.00% (2) | 0.5000 | 2 | 20 | 190 s | wasm |\n\n## Why\n\nBecause.\n\n## Variants');
    expect(markdown).toContain('- **adadelta**: adadelta optimizer ([history](adadelta-rerun/adadelta.jsonl))');
  });
});

describe('mergeRunInto', () => {
  const root = mkdtempSync(join(tmpdir(), 'lrkit-merge-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rewrites summary.json and summary.md, redraws accuracy and per-epoch loss, drops the stale per-batch loss chart', async () => {
    mkdirSync(join(root, 'adadelta-rerun'));
    writeFileSync(join(root, 'summary.json'), JSON.stringify(base));
    writeFileSync(join(root, 'adadelta-rerun', 'summary.json'), JSON.stringify(update));
    writeFileSync(join(root, 'loss.svg'), '<svg>stale</svg>');
    await mergeRunInto(root, join(root, 'adadelta-rerun'));
    const json = JSON.parse(readFileSync(join(root, 'summary.json'), 'utf8')) as ComparisonSummaryJson;
    expect(json.variants[1]?.wallTimeSeconds).toBe(292);
    expect(readFileSync(join(root, 'summary.md'), 'utf8')).toContain('| adadelta | 98.15%');
    expect(readFileSync(join(root, 'accuracy.svg'), 'utf8')).toContain('adadelta');
    expect(readFileSync(join(root, 'loss-per-epoch.svg'), 'utf8')).toContain('<svg');
    expect(existsSync(join(root, 'loss-per-epoch.png'))).toBe(true);
    expect(existsSync(join(root, 'loss.svg'))).toBe(false);
  });
});
