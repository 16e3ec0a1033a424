#!/usr/bin/env node
// Release rehearsal: what `pnpm version-packages` would do, on a scratch copy.
//
//   pnpm release:rehearse [--keep]
//
// 1. `changeset status --verbose` in the workspace (which packages the pending changesets
//    bump, and how).
// 2. Copies the workspace's committed and working files (no node_modules, dist, .git) to a
//    temporary directory, links the workspace's node_modules in, and runs `changeset version`
//    there. The workspace itself is never changed.
// 3. Checks the result: every package named by a changeset got a new version and a
//    CHANGELOG.md that contains the changeset's summary; every published package that depends
//    on a bumped package was bumped too (updateInternalDependencies); the .changeset/*.md
//    files were consumed; `pnpm pack` of every published package writes internal
//    dependencies as `^<new version>` of the dependency (no `workspace:` left).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const changesetBin = join(root, 'node_modules', '.bin', 'changeset');
const failures = [];

function check(condition, message) {
  if (!condition) {
    failures.push(message);
    console.error(`  FAIL ${message}`);
  }
  return condition;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function packages(base) {
  return readdirSync(join(base, 'packages'))
    .filter((name) => existsSync(join(base, 'packages', name, 'package.json')))
    .map((name) => ({ folder: name, dir: join(base, 'packages', name), manifest: readJson(join(base, 'packages', name, 'package.json')) }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** The pending changesets: { file, summary, releases: { name: bump } }. */
function pendingChangesets(base) {
  const dir = join(base, '.changeset');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`.changeset/${file} has no front matter`);
      const releases = {};
      for (const line of match[1].split('\n')) {
        const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
        if (entry) releases[entry[1]] = entry[2];
      }
      return { file, summary: match[2].trim(), releases };
    });
}

console.log('$ changeset status --verbose');
const status = spawnSync(changesetBin, ['status', '--verbose'], { cwd: root, encoding: 'utf8' });
console.log(`${status.stdout}${status.stderr}`.trim());
check(status.status === 0, `changeset status exited with ${status.status}`);

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'lrkit-release-')));
console.log(`\nscratch copy: ${scratch}`);
try {
  const skip = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', 'test-artifacts']);
  cpSync(root, scratch, {
    recursive: true,
    filter: (source) =>
      !relative(root, source)
        .split('/')
        .some((part) => skip.has(part)) && !source.endsWith('.tgz'),
  });
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');

  const before = new Map(packages(scratch).map(({ manifest }) => [manifest.name, manifest.version]));
  const changesets = pendingChangesets(scratch);
  console.log(`${changesets.length} pending changeset(s): ${changesets.map((entry) => entry.file).join(', ')}`);

  console.log('\n$ changeset version   (in the scratch copy)');
  console.log(run(changesetBin, ['version'], scratch).trim());

  const after = packages(scratch);
  const bumped = new Set(after.filter(({ manifest }) => manifest.version !== before.get(manifest.name)).map(({ manifest }) => manifest.name));
  console.log('\nversions:');
  for (const { manifest } of after) console.log(`  ${manifest.name}: ${before.get(manifest.name)} -> ${manifest.version}`);

  for (const changeset of changesets) {
    for (const name of Object.keys(changeset.releases)) {
      const entry = after.find(({ manifest }) => manifest.name === name);
      if (!check(entry !== undefined, `${changeset.file} names ${name}, which is not a published package`)) continue;
      check(bumped.has(name), `${name} is in ${changeset.file} but its version did not change`);
      const changelogPath = join(entry.dir, 'CHANGELOG.md');
      if (check(existsSync(changelogPath), `${name}: no CHANGELOG.md after changeset version`)) {
        const firstLine = changeset.summary.split('\n')[0].trim();
        check(readFileSync(changelogPath, 'utf8').includes(firstLine), `${name}: CHANGELOG.md lacks "${firstLine}" from ${changeset.file}`);
      }
    }
    check(!existsSync(join(scratch, '.changeset', changeset.file)), `.changeset/${changeset.file} was not consumed`);
  }
  for (const { manifest } of after) {
    const internal = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((name) => bumped.has(name));
    if (internal.length > 0) check(bumped.has(manifest.name), `${manifest.name} depends on bumped ${internal.join(', ')} but was not bumped`);
  }

  console.log('\npacked internal dependency ranges:');
  const versions = new Map(after.map(({ manifest }) => [manifest.name, manifest.version]));
  // pnpm pack reads the version of a `workspace:` dependency from the package's
  // node_modules: link the scratch copies of the internal dependencies there.
  for (const { dir, manifest } of after) {
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies })) {
      const target = after.find((entry) => entry.manifest.name === name);
      if (!String(range).startsWith('workspace:') || target === undefined) continue;
      mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
      symlinkSync(target.dir, join(dir, 'node_modules', name), 'dir');
    }
  }
  for (const { dir, manifest } of after) {
    const packed = JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', scratch], dir));
    const packedManifest = JSON.parse(run('tar', ['-xzOf', resolve(scratch, packed.filename), 'package/package.json'], scratch));
    for (const [name, range] of Object.entries({ ...packedManifest.dependencies, ...packedManifest.peerDependencies })) {
      if (!versions.has(name)) continue;
      console.log(`  ${manifest.name}@${packedManifest.version} -> ${name}@${range}`);
      check(range === `^${versions.get(name)}`, `${manifest.name}: packed range for ${name} is ${range}, expected ^${versions.get(name)}`);
    }
  }

  console.log('\nCHANGELOG.md heads:');
  for (const { dir, manifest } of after) {
    const changelogPath = join(dir, 'CHANGELOG.md');
    if (!existsSync(changelogPath)) continue;
    const head = readFileSync(changelogPath, 'utf8').split('\n').slice(0, 14).join('\n');
    console.log(`\n--- ${manifest.name} (${relative(scratch, changelogPath)}) ---\n${head}\n…`);
  }
} finally {
  if (keep) console.log(`\nkept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nrelease rehearsal: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log('\nrelease rehearsal passed (the workspace was not changed)');
