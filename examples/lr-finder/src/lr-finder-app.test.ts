import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { collectingOutput, historyBatchRows, temporaryDirectory } from '@lrkit/examples-common/testing';
import { toOneCycle } from '@lrkit/lr-finder';
import { beforeAll, describe, expect, it } from 'vitest';

import { parseLrFinderArguments } from './options.js';
import { type QualityRun, runQualityCheck } from './quality-mode.js';
import { type LrFinderRun, runLrFinder } from './run-mode.js';

const root = temporaryDirectory('lrkit-lr-finder-');

function isPng(path: string): boolean {
  return readFileSync(path).subarray(1, 4).toString('latin1') === 'PNG';
}

const tiny = ['--limit', '300', '--test-limit', '100', '--batch-size', '32', '--total-steps', '20', '--epochs', '1', '--backend', 'wasm'];

describe('run mode end to end (300 MNIST images, 20-batch sweep, 1 epoch)', () => {
  let run: LrFinderRun;
  let printed: string;

  beforeAll(async () => {
    const output = collectingOutput();
    run = await runLrFinder(parseLrFinderArguments([...tiny, '--out', root()], root()), { output });
    printed = output.text;
  });

  it('writes summary.md, summary.json, the LR-finder plot, the overlaid charts and one JSONL history per run', () => {
    const summary = readFileSync(join(run.directory, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^\| one-cycle \| \d+\.\d\d% \|/m);
    expect(summary).toMatch(/^\| constant \| \d+\.\d\d% \|/m);
    expect(summary).toContain('## LR range test');
    expect(summary).toContain('pnpm --filter @lrkit/example-lr-finder start -- --mode run --dataset mnist --epochs 1 --batch-size 32 --limit 300');
    const json = JSON.parse(readFileSync(join(run.directory, 'summary.json'), 'utf8')) as {
      variants: { name: string; parameterUpdates: number; finalTestAccuracy: number }[];
      rangeTest: { learningRates: number[]; suggestions: { method: string; learningRate: number }[] };
      trainedSuggestion: { method: string; learningRate: number };
      oneCycle: { type: string; maxValue: number; totalSteps: number };
    };
    expect(json.variants.map((variant) => [variant.name, variant.parameterUpdates])).toEqual([
      ['one-cycle', 9],
      ['constant', 9],
    ]);
    expect(json.rangeTest.learningRates).toHaveLength(run.rangeTest.learningRates.length);
    expect(json.trainedSuggestion).toEqual(run.suggestion);
    expect(json.oneCycle).toMatchObject({ type: 'one-cycle', maxValue: run.suggestion.learningRate, totalSteps: 9 });
    for (const chart of ['lr-finder', 'lr-finder-raw', 'learning-rate', 'loss', 'accuracy']) {
      expect(readFileSync(join(run.directory, `${chart}.svg`), 'utf8')).toContain('<svg');
      expect(isPng(join(run.directory, `${chart}.png`))).toBe(true);
    }
    for (const name of ['one-cycle', 'constant']) expect(existsSync(join(run.directory, `${name}.jsonl`))).toBe(true);
  });

  it('trains the edge suggestion by default', () => {
    expect(run.suggestion.method).toBe('edge');
    expect(run.suggestion).toEqual(run.rangeTest.suggestions.find((suggestion) => suggestion.method === 'edge'));
  });

  it("records for every batch of the one-cycle run exactly toOneCycle(suggestion)'s learning rate", () => {
    const rows = historyBatchRows(join(run.directory, 'one-cycle.jsonl'));
    const schedule = toOneCycle(run.suggestion, { totalSteps: 9 });
    expect(rows.map((row) => row.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((row) => row.learningRate)).toEqual(rows.map((row) => schedule(row.step)));
  });

  it('records the constant baseline at 0.01 for every batch', () => {
    expect(historyBatchRows(join(run.directory, 'constant.jsonl')).map((row) => row.learningRate)).toEqual(Array(9).fill(0.01));
  });

  it('prints the suggestions, the terminal chart and where the report is', () => {
    expect(printed).toContain('| method | learning rate | smoothed loss | confident | trained |');
    expect(printed).toMatch(/^\| valley \| \d\.\d\de[-+]\d+ \|/m);
    expect(printed).toContain('learning rate (log)');
    expect(printed).toContain(`report written to ${run.directory}/summary.md`);
  });
});

describe('quality mode end to end (300 MNIST images, 20-batch sweep, 1 epoch, 3-point grid)', () => {
  let run: QualityRun;

  beforeAll(async () => {
    const output = collectingOutput();
    const options = parseLrFinderArguments([...tiny, '--mode', 'quality', '--grid-size', '3', '--run-dir', join(root(), 'quality')], root());
    run = await runQualityCheck(options, { output });
  });

  it('trains every suggestion and the grid 1e-4, 1e-2, 1 with the same data and initial weights', () => {
    expect(run.suggestions.map((entry) => entry.method)).toEqual(run.rangeTest.suggestions.map((suggestion) => suggestion.method));
    expect(run.grid.map((entry) => entry.learningRate)).toEqual([1e-4, 1e-2, 1]);
    const first = historyBatchRows(join(run.directory, 'grid-1.jsonl'));
    const second = historyBatchRows(join(run.directory, 'grid-2.jsonl'));
    expect(first.map((row) => row.learningRate)).toEqual(Array(9).fill(1e-4));
    // Same initial weights and first batch: the first loss (before any update) is the same.
    expect(second[0]?.loss).toBe(first[0]?.loss);
  });

  it('writes summary.md with the verdict and summary.json that parses to the same figures', () => {
    const summary = readFileSync(join(run.directory, 'summary.md'), 'utf8');
    expect(summary).toContain('## Verdict');
    expect(summary).toContain('pnpm --filter @lrkit/example-lr-finder start -- --mode quality');
    expect(summary).toContain('--grid-min 0.0001 --grid-max 1 --grid-size 3');
    const json = JSON.parse(readFileSync(join(run.directory, 'summary.json'), 'utf8')) as {
      verdict: { learningRate: number; testAccuracy: number; bestGridTestAccuracy: number; gapPoints: number; withinTolerance: boolean };
      grid: { learningRate: number; testAccuracy: number }[];
    };
    expect(json.verdict).toMatchObject({
      learningRate: run.verdict.suggestion.learningRate,
      testAccuracy: run.verdict.suggestion.testAccuracy,
      bestGridTestAccuracy: run.verdict.bestGrid.testAccuracy,
      withinTolerance: run.verdict.withinTolerance,
    });
    expect(json.verdict.gapPoints).toBeCloseTo((run.verdict.bestGrid.testAccuracy - run.verdict.suggestion.testAccuracy) * 100, 9);
    expect(json.grid.map((entry) => entry.learningRate)).toEqual([1e-4, 1e-2, 1]);
    for (const chart of ['lr-finder', 'lr-finder-raw', 'accuracy-vs-lr', 'loss']) {
      expect(readFileSync(join(run.directory, `${chart}.svg`), 'utf8')).toContain('<svg');
      expect(isPng(join(run.directory, `${chart}.png`))).toBe(true);
    }
  });
  it('a second check with --train checked --grid-from the first trains only the checked suggestion and reuses the grid', async () => {
    const again = await runQualityCheck(
      parseLrFinderArguments(
        [...tiny, '--mode', 'quality', '--grid-size', '3', '--train', 'checked', '--grid-from', join(root(), 'quality'), '--run-dir', join(root(), 'again')],
        root(),
      ),
      { output: collectingOutput() },
    );
    expect(again.suggestions.map((entry) => entry.method)).toEqual(['edge']);
    expect(again.grid).toEqual(run.grid.map((entry) => ({ ...entry, method: undefined })));
    expect(again.verdict.gapPoints).toBeCloseTo(run.verdict.gapPoints, 12);
    expect(existsSync(join(again.directory, 'grid-1.jsonl'))).toBe(false);
    const summary = readFileSync(join(again.directory, 'summary.md'), 'utf8');
    expect(summary).toMatch(/--grid-size 3 --train checked --grid-from \S*quality --backend wasm/);
    expect(summary).toContain('the grid runs are those of the earlier check in `../quality`');
  });

  it('refuses --grid-from a check with other settings, naming the difference', async () => {
    await expect(
      runQualityCheck(
        parseLrFinderArguments(
          [...tiny, '--mode', 'quality', '--grid-size', '3', '--seed', '2', '--grid-from', join(root(), 'quality'), '--run-dir', join(root(), 'other')],
          root(),
        ),
        { output: collectingOutput() },
      ),
    ).rejects.toThrow(/the earlier check is not the same run: seed 1 vs 2; the range test recorded different losses/);
  });
});
