import { defineConfig } from 'vitest/config';

/** One vitest run over every workspace project; each project resolves siblings from `src/`. */
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'docs', 'bench', 'scripts'],
  },
});
