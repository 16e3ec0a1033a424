import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/lrkit.js', import.meta.url));

/** Runs the real `lrkit` binary in a child process (from source, as in the workspace). */
export function lrkit(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const cosineConfig = JSON.stringify({ type: 'cosine', initialValue: 0.1, decaySteps: 100 });
export const constantConfig = JSON.stringify({ type: 'constant', value: 0.05 });

/** A temporary directory holding `pair.json` (the cosine and constant configs); `remove()` deletes it. */
export function fixtureDirectory(): { directory: string; pairFile: string; remove: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'lrkit-cli-'));
  const pairFile = join(directory, 'pair.json');
  writeFileSync(pairFile, `[${cosineConfig}, ${constantConfig}]`);
  return { directory, pairFile, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
