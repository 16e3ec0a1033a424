import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    name: 'example-browser',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The end-to-end test builds the site and trains in headless Chromium.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
