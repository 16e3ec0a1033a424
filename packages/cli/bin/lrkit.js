#!/usr/bin/env node
// The `lrkit` command. In the published package this runs the built `dist/cli.js`. In a
// workspace checkout (where `src/` sits beside this file) it runs the TypeScript sources
// through tsx with the `source` export condition, so it never needs a prior build and never
// runs a stale one. Set LRKIT_CLI_USE_DIST=1 to force the built files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function tsxLoader() {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}

const loader = existsSync(source) && process.env.LRKIT_CLI_USE_DIST !== '1' ? tsxLoader() : undefined;
if (loader !== undefined) {
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', loader, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`lrkit: could not start the TypeScript sources: ${result.error.message}\n`);
    process.exit(1);
  }
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write('lrkit: dist/cli.js is missing; run `pnpm --filter @lrkit/cli build` (or install tsx to run from source)\n');
  process.exit(1);
}
