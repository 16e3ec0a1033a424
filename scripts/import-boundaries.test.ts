import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkImportBoundaries, importSpecifiers, packageName } from './import-boundaries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Tracked and new (not ignored) files of the repository, relative to its root. */
function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !file.split('/').includes('node_modules'));
}

describe('import boundaries of this repository', () => {
  it('no package, example, bench, docs, reference or script file imports a file outside its own folder except through a declared dependency', () => {
    const files = repositoryFiles();
    const manifests = files.filter((file) => file.endsWith('package.json') && file !== 'package.json');
    const workspaceNames = new Set(manifests.map((file) => (JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { name: string }).name));
    expect(workspaceNames.has('@lrkit/schedules')).toBe(true);
    // scripts/consumer/* are stand-alone user projects: consumer-test.mjs writes their package.json and installs the packed packages.
    const checked = files.filter((file) => /^(packages|examples|bench|docs|references|scripts)\//.test(file) && !file.startsWith('scripts/consumer/'));
    expect(checked.length).toBeGreaterThan(300);
    expect(checkImportBoundaries(root, checked, workspaceNames)).toEqual([]);
  });
});

describe('importSpecifiers', () => {
  it('reads static, type, re-export, dynamic, require and vi.mock specifiers, not comments or strings', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from '@lrkit/c/sub';",
      "import './side-effect.js';",
      "const d = await import('./d.js');",
      "const e = require('e');",
      "vi.mock('./f.js', () => ({}));",
      "type G = import('./g.js').G;",
      "// import { no } from '../../comment.js';",
      'const text = "import { no } from \'../../string.js\'";',
      '/** ```ts\n * import { no } from "../../tsdoc.js";\n * ``` */',
    ].join('\n');
    expect(importSpecifiers('x.ts', text)).toEqual(['./a.js', '../b.js', '@lrkit/c/sub', './side-effect.js', './d.js', 'e', './f.js', './g.js']);
  });

  it('names the package of a bare specifier', () => {
    expect([packageName('@lrkit/schedules/validation'), packageName('vitest/config'), packageName('node:fs')]).toEqual([
      '@lrkit/schedules',
      'vitest',
      'node:fs',
    ]);
  });
});

describe('checkImportBoundaries', () => {
  let fixture: string | undefined;
  afterEach(() => {
    if (fixture !== undefined) rmSync(fixture, { recursive: true, force: true });
    fixture = undefined;
  });

  function write(files: Record<string, string>): string {
    fixture = mkdtempSync(path.join(tmpdir(), 'lrkit-boundaries-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      writeFileSync(path.join(fixture, file), text);
    }
    return fixture;
  }

  it('reports a relative import that leaves its package, one into a nested package, and an undeclared workspace package', () => {
    const directory = write({
      'package.json': '{ "name": "root" }',
      'packages/a/package.json': '{ "name": "@x/a", "dependencies": { "@x/b": "workspace:^" } }',
      'packages/a/src/index.ts': "export { b } from '@x/b';\nexport { own } from './own.js';\nexport { same } from '@x/a/same';",
      'packages/a/src/own.ts': 'export const own = 1;',
      'packages/a/bench/run.ts': "import { timing } from '../../../bench/timing.js';\nimport { c } from '@x/c';",
      'packages/b/package.json': '{ "name": "@x/b" }',
      'scripts/tool.ts': "import { own } from '../packages/a/src/own.js';\nimport { helper } from './helper.js';",
    });
    const files = ['packages/a/src/index.ts', 'packages/a/src/own.ts', 'packages/a/bench/run.ts', 'scripts/tool.ts', 'packages/a/package.json'];
    expect(checkImportBoundaries(directory, files, new Set(['@x/a', '@x/b', '@x/c']))).toEqual([
      {
        file: 'packages/a/bench/run.ts',
        specifier: '../../../bench/timing.js',
        reason: 'leaves its package folder (packages/a); import a declared workspace package instead',
      },
      { file: 'packages/a/bench/run.ts', specifier: '@x/c', reason: 'imports workspace package @x/c, which packages/a/package.json does not declare' },
      {
        file: 'scripts/tool.ts',
        specifier: '../packages/a/src/own.js',
        reason: 'leaves its package folder (the repository root) into packages/a; import a declared workspace package instead',
      },
    ]);
  });
});
