import type { Check } from './snippets.js';

declare global {
  /** Where the instrumented guide snippets record their `// → expected` checks. */
  // eslint-disable-next-line no-var
  var __snippetChecks: Check[] | undefined;
}
