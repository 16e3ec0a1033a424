/**
 * Writes the instrumented TypeScript blocks of the guides to `.snippets/` (gitignored), so
 * that `pnpm --filter @lrkit/docs typecheck` type-checks the guide's code as a user's
 * strict project would. The tests (`migrating.test.ts`) write and run the same files.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSnippets, instrumentSnippet } from './snippets.js';

const here = dirname(fileURLToPath(import.meta.url));
const outputDirectory = join(here, '.snippets');
rmSync(outputDirectory, { recursive: true, force: true });
mkdirSync(outputDirectory, { recursive: true });
for (const guide of ['migrating', 'tfjs-optimizers']) {
  const snippets = extractSnippets(readFileSync(join(here, `${guide}.md`), 'utf8'));
  for (const [index, snippet] of snippets.entries()) {
    writeFileSync(join(outputDirectory, `${guide}-${String(index + 1).padStart(2, '0')}.ts`), instrumentSnippet(snippet.code).code);
  }
  console.log(`wrote ${snippets.length} snippets of ${guide}.md to .snippets/`);
}
