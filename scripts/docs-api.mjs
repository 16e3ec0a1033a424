#!/usr/bin/env node
// `pnpm docs:api`: the API reference of every published package into docs/api/ (typedoc,
// see typedoc.json; warnings are errors, every export documented, every exported function
// and class with an @example).
//
// First checks that each published package (non-private, under packages/) has a
// typedoc.json whose entryPoints are exactly the `source` targets of its package.json
// exports, so a new package or a new subpath export cannot be left out of the reference.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];
for (const folder of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', folder);
  if (!existsSync(join(dir, 'package.json'))) continue;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private === true) continue;
  const sources = Object.values(manifest.exports ?? {})
    .map((entry) => (entry !== null && typeof entry === 'object' ? entry.source : undefined))
    .filter((source) => typeof source === 'string')
    .map((source) => source.replace(/^\.\//, ''))
    .sort();
  const configPath = join(dir, 'typedoc.json');
  if (!existsSync(configPath)) {
    problems.push(`packages/${folder}: no typedoc.json; add { "entryPoints": ${JSON.stringify(sources)} }`);
    continue;
  }
  const entryPoints = [...(JSON.parse(readFileSync(configPath, 'utf8')).entryPoints ?? [])].map((path) => path.replace(/^\.\//, '')).sort();
  if (JSON.stringify(entryPoints) !== JSON.stringify(sources)) {
    problems.push(
      `packages/${folder}/typedoc.json: entryPoints ${JSON.stringify(entryPoints)} differ from the exports' source files ${JSON.stringify(sources)}`,
    );
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
const result = spawnSync(join(root, 'node_modules', '.bin', 'typedoc'), process.argv.slice(2), { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
