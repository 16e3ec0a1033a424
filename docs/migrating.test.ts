/**
 * Runs every TypeScript block of docs/migrating.md. A line `expression; // → expected`
 * becomes a check that the expression equals `expected` (numbers to 1e-9 relative, arrays
 * and objects element by element). Each block must contain at least one check.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { extractSnippets, instrumentSnippet } from './snippets.js';

const here = dirname(fileURLToPath(import.meta.url));
const guide = 'migrating.md';
const snippets = extractSnippets(readFileSync(join(here, guide), 'utf8'));
const outputDirectory = join(here, '.snippets');

function expectMatches(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number');
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs((actual as number) - expected), `${where}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(tolerance);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((item, index) => expectMatches((actual as unknown[])[index], item, `${where}[${index}]`));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected)) {
      expectMatches((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    }
  } else {
    expect(actual, where).toEqual(expected);
  }
}

test('the guide has a tested TypeScript block for each of its sections', () => {
  expect(snippets.length).toBe(19);
  expect(snippets.every((snippet) => instrumentSnippet(snippet.code).checks > 0)).toBe(true);
});

describe(guide, () => {
  rmSync(outputDirectory, { recursive: true, force: true });
  mkdirSync(outputDirectory, { recursive: true });
  for (const [index, snippet] of snippets.entries()) {
    test(`${snippet.heading} (block ${index + 1}, line ${snippet.line})`, async () => {
      const { code, checks } = instrumentSnippet(snippet.code);
      const file = join(outputDirectory, `migrating-${String(index + 1).padStart(2, '0')}.ts`);
      writeFileSync(file, code);
      globalThis.__snippetChecks = [];
      await import(/* @vite-ignore */ pathToFileURL(file).href);
      const recorded = globalThis.__snippetChecks;
      expect(recorded.length).toBe(checks);
      for (const check of recorded) {
        expectMatches(check.actual, check.expected, `${guide}:${snippet.line + check.line} \`${check.source}\``);
      }
    }, 60_000);
  }
});
