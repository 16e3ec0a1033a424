/**
 * Runs every TypeScript block of docs/tfjs-optimizers.md (the upstream reproductions and
 * lrkit's Adadelta), with the `// → expected` checks of snippets.ts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { extractSnippets, instrumentSnippet } from './snippets.js';

const here = dirname(fileURLToPath(import.meta.url));
const guide = 'tfjs-optimizers.md';
const snippets = extractSnippets(readFileSync(join(here, guide), 'utf8'));
// Its own folder: migrating.test.ts clears .snippets/ when it starts, possibly while this runs.
const outputDirectory = join(here, '.snippets-tfjs-optimizers');

test('the guide has four tested TypeScript blocks: the Adadelta bug, its drop-in, the centered RMSprop bug and its drop-in', () => {
  expect(snippets.map((snippet) => snippet.heading)).toEqual([
    'Adadelta: a report ready to file upstream',
    'The drop-in in lrkit',
    "Centered RMSprop: NaN when the gradient's variance is below epsilon",
    "Centered RMSprop: NaN when the gradient's variance is below epsilon",
  ]);
  expect(snippets.every((snippet) => instrumentSnippet(snippet.code).checks > 0)).toBe(true);
});

describe(guide, () => {
  rmSync(outputDirectory, { recursive: true, force: true });
  mkdirSync(outputDirectory, { recursive: true });
  for (const [index, snippet] of snippets.entries()) {
    test(`${snippet.heading} (block ${index + 1}, line ${snippet.line})`, async () => {
      const { code, checks } = instrumentSnippet(snippet.code);
      const file = join(outputDirectory, `block-${index + 1}.ts`);
      writeFileSync(file, code);
      globalThis.__snippetChecks = [];
      await import(/* @vite-ignore */ pathToFileURL(file).href);
      const recorded = globalThis.__snippetChecks;
      expect(recorded.length).toBe(checks);
      for (const check of recorded) {
        const where = `${guide}:${snippet.line + check.line} \`${check.source}\``;
        if (typeof check.expected === 'number') {
          expect(Math.abs((check.actual as number) - check.expected), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(check.expected)));
        } else {
          expect(check.actual, where).toEqual(check.expected);
        }
      }
    }, 60_000);
  }
});
