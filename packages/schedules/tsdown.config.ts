import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/validation.ts', 'src/seeded-random.ts'],
  format: ['esm'],
  dts: true,
  platform: 'neutral',
  sourcemap: true,
  clean: true,
});
