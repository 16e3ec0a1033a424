/**
 * What the report records about the run: machine, load, Node, tfjs and backend versions, and
 * the exact command line.
 */

import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

/** Versions and presence of an optional tfjs package. */
export interface PackageVersion {
  readonly name: string;
  /** The installed version, or `'not installed'`. */
  readonly version: string;
}

/** The environment of a benchmark run. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly platform: string;
  /** os.loadavg() (1, 5, 15 minutes) at the start and at the end of the run. */
  readonly loadAverageStart: readonly number[];
  loadAverageEnd?: readonly number[];
  readonly node: string;
  readonly packages: readonly PackageVersion[];
  /** The command as typed (`pnpm bench`, from npm_lifecycle_event) and as executed. */
  readonly command: string;
  readonly executed: string;
  readonly date: string;
}

const require = createRequire(import.meta.url);

/** The repository root (this file is bench/src/machine.ts). */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Paths inside the repository written relative to its root, so the recorded command does
 * not depend on where the clone lives.
 *
 * @example
 * ```ts
 * relativeToRepository('/home/me/lrkit/bench/src/run.ts'); // 'bench/src/run.ts'
 * ```
 */
export function relativeToRepository(command: string): string {
  return command.split(`file://${repositoryRoot}`).join('').split(repositoryRoot).join('');
}

/** The version of an installed package, or `'not installed'`. */
export function installedVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** The tfjs packages whose versions the report lists. */
export const reportedPackages = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
] as const;

/**
 * Collects the machine facts at the start of a run.
 *
 * @example
 * ```ts
 * describeMachine(process.argv.slice(2)).cpuModel; // 'AMD EPYC …'
 * ```
 */
export function describeMachine(args: readonly string[]): MachineInfo {
  const cpus = os.cpus();
  const typed = process.env.npm_lifecycle_event === 'bench' ? ['pnpm bench', ...args].join(' ') : ['tsx', ...process.argv.slice(1)].join(' ');
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
    node: process.version,
    packages: reportedPackages.map((name) => ({
      name,
      // tf.version lists the copies the tfjs union package really loaded.
      version: (tf.version as Record<string, string | undefined>)[name.replace('@tensorflow/', '')] ?? installedVersion(name),
    })),
    command: typed,
    executed: relativeToRepository([process.execPath, ...process.execArgv, ...process.argv.slice(1)].join(' ')),
    date: new Date().toISOString(),
  };
}
