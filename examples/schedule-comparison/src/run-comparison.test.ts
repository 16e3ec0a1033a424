import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cifar10FileNames, encodeIdx, idxFileNames } from '@lrkit/examples-common';
import { collectingOutput, historyBatchRows, temporaryDirectory } from '@lrkit/examples-common/testing';
import { beforeAll, describe, expect, it } from 'vitest';

import { parseComparisonArguments } from './options.js';
import { type ComparisonRun, runComparison } from './run-comparison.js';
import { comparisonVariants, variantNames } from './variants.js';

const root = temporaryDirectory('lrkit-comparison-');

describe('schedule comparison end to end (MNIST subset, 2 epochs, all variants)', () => {
  const epochs = 2;
  let run: ComparisonRun;
  let printed: string;

  beforeAll(async () => {
    const output = collectingOutput();
    const options = parseComparisonArguments(
      ['--limit', '160', '--test-limit', '50', '--epochs', String(epochs), '--batch-size', '64', '--out', root()],
      root(),
    );
    run = await runComparison(options, { output });
    printed = output.text;
  });

  it('writes summary.md with one table row per variant, summary.json, the charts and one JSONL history per variant', () => {
    const summary = readFileSync(join(run.directory, 'summary.md'), 'utf8');
    for (const name of variantNames) expect(summary).toMatch(new RegExp(`^\\| ${name} \\| \\d+\\.\\d\\d% \\|`, 'm'));
    const json = JSON.parse(readFileSync(join(run.directory, 'summary.json'), 'utf8')) as {
      variants: { name: string; epochs: number; parameterUpdates: number }[];
    };
    expect(json.variants.map((variant) => variant.name)).toEqual([...variantNames]);
    expect(json.variants.map((variant) => [variant.epochs, variant.parameterUpdates])).toEqual(variantNames.map(() => [epochs, 6]));
    for (const chart of ['learning-rate', 'loss', 'accuracy']) {
      expect(readFileSync(join(run.directory, `${chart}.svg`), 'utf8')).toContain('<svg');
      expect(
        readFileSync(join(run.directory, `${chart}.png`))
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
    }
    for (const name of variantNames) expect(existsSync(join(run.directory, `${name}.jsonl`))).toBe(true);
  });

  it('prints the accuracy table and where the report is', () => {
    expect(printed).toContain('| variant | final test acc. | best test acc. (epoch) |');
    expect(printed).toContain('Test accuracy after each epoch');
    expect(printed).toContain(`report written to ${run.directory}/summary.md`);
  });

  it("records for every batch exactly the learning rate of the variant's schedule", () => {
    const variants = comparisonVariants({ epochs });
    for (const name of variantNames) {
      const rows = historyBatchRows(join(run.directory, `${name}.jsonl`));
      expect(rows).toHaveLength(6);
      const variant = variants[name];
      expect(rows.map((row) => row.learningRate)).toEqual(rows.map((row) => variant.schedule(variant.unit === 'batch' ? row.step : row.epoch)));
    }
  });

  it('matches the closed forms of the classic comparison', () => {
    const rates = (name: string) => historyBatchRows(join(run.directory, `${name}.jsonl`));
    const decay = 0.1 / epochs;
    for (const row of rates('time-based')) expect(row.learningRate).toBeCloseTo(0.1 / (1 + decay * row.step), 12);
    for (const row of rates('step-decay')) expect(row.learningRate).toBe(0.1 * 0.5 ** Math.floor((1 + row.epoch) / 10));
    for (const row of rates('exponential')) expect(row.learningRate).toBeCloseTo(0.1 * Math.exp(-0.1 * row.epoch), 12);
    expect(new Set(rates('adadelta').map((row) => row.learningRate))).toEqual(new Set([1]));
  });
});

describe('schedule comparison on CIFAR-10 binary batches from --data-dir', () => {
  it('trains on generated batches and names the missing files otherwise', async () => {
    const data = join(root(), 'cifar');
    mkdirSync(data, { recursive: true });
    const records = 12;
    const batch = new Uint8Array(records * 3073);
    for (let record = 0; record < records; record += 1) {
      batch[record * 3073] = record % 10;
      batch.fill((record * 20) % 256, record * 3073 + 1, (record + 1) * 3073);
    }
    for (const file of [...cifar10FileNames.train, cifar10FileNames.test]) writeFileSync(join(data, file), batch);
    const output = collectingOutput();
    const run = await runComparison(
      parseComparisonArguments(['--dataset', 'cifar10', '--data-dir', data, '--epochs', '1', '--variants', 'adam', '--out', root()], root()),
      { output },
    );
    expect(output.text).toContain('cifar10 (54 train / 6 validation / 12 test)');
    expect(run.results.map((result) => result.parameterUpdates)).toEqual([1]);
    await expect(
      runComparison(parseComparisonArguments(['--dataset', 'cifar10', '--data-dir', join(root(), 'none'), '--out', root()], root()), {
        output: collectingOutput(),
      }),
    ).rejects.toThrow(`cifar10: the directory ${join(root(), 'none')} lacks data_batch_1.bin`);
  });
});

describe('schedule comparison on Fashion-MNIST IDX files from --data-dir', () => {
  it('trains on generated IDX files and names the dataset in the report', async () => {
    const data = join(root(), 'fashion');
    mkdirSync(data, { recursive: true });
    const images = (count: number) => Uint8Array.from({ length: count * 784 }, (_, index) => (index * 7) % 256);
    const labels = (count: number) => Uint8Array.from({ length: count }, (_, index) => index % 10);
    writeFileSync(join(data, idxFileNames.trainImages), encodeIdx([40, 28, 28], images(40)));
    writeFileSync(join(data, idxFileNames.trainLabels), encodeIdx([40], labels(40)));
    writeFileSync(join(data, idxFileNames.testImages), encodeIdx([10, 28, 28], images(10)));
    writeFileSync(join(data, idxFileNames.testLabels), encodeIdx([10], labels(10)));
    const output = collectingOutput();
    const run = await runComparison(
      parseComparisonArguments(['--dataset', 'fashion-mnist', '--data-dir', data, '--epochs', '1', '--variants', 'rmsprop', '--out', root()], root()),
      { output },
    );
    expect(output.text).toContain('fashion-mnist (36 train / 4 validation / 10 test)');
    expect(readFileSync(join(run.directory, 'summary.md'), 'utf8')).toContain('# Learning-rate schedule comparison on fashion-mnist');
  });
});
