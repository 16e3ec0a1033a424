import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { name: 'schedule-comparison', include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000 },
});
