#!/usr/bin/env node
// Consumer test: install lrkit the way a user does and use it from the outside.
//
//   pnpm test:consumer [--skip-build] [--keep] [--update-docs-screenshot]
//
// 1. Builds every published package (every non-private package under packages/) and packs
//    it with `pnpm pack` (which rewrites `workspace:^` to real versions and, through the
//    root .pnpmfile.cjs, drops the development-only `source` export condition). Checks each
//    tarball: no `workspace:` ranges left, every `exports`/`main`/`types`/`bin` target is in
//    it, nothing but dist/, README, CHANGELOG, LICENSE and package.json. Prints sizes.
// 2. In a temporary directory OUTSIDE the workspace, creates fresh npm projects and installs
//    the tarballs (all together, so internal dependencies resolve to the local tarballs)
//    plus @tensorflow/tfjs from the registry. No workspace links.
//    - schedules-only: only @lrkit/schedules; no @tensorflow package may be installed.
//    - node: an ESM TypeScript project type-checked by tsc (strict; node16 and bundler
//      resolution; a CommonJS .cts file with module node20) that trains a tiny model with
//      LearningRateScheduler + ReduceLROnPlateau + LossHistory and checks the learning
//      rate of every update; a plain CommonJS require() script doing the same; every
//      export subpath of every package imported and required; every bin run with --help.
//      With @tensorflow/tfjs-backend-wasm from the registry too: in ESM TypeScript and in
//      CommonJS, `selectBackend({ preferred: 'wasm' })` from @lrkit/backends/node, then a
//      tiny CNN trains on wasm (its conv layer needs lrkit's Conv2DBackpropFilter) with the
//      same losses as on cpu, falling.
//    - browser: an esbuild bundle of the same training, loaded in headless Chromium
//      (Debian's, see scripts/ensure-chromium.sh) through playwright-core; the page shows
//      the learning-rate history, the test takes a screenshot into test-artifacts/ and
//      checks the page reported success. A second bundle imports the browser-safe entry of
//      @lrkit/backends, calls initializeWasmBackend(wasm, { wasmPaths: '/wasm/' }) (the test
//      server serves the installed tfjs-backend-wasm's dist/ there) and trains the tiny CNN
//      on wasm in the page.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'scripts', 'consumer');
const artifacts = join(root, 'test-artifacts');
const args = new Set(process.argv.slice(2));
const tfjsVersion = readTfjsCatalogVersion();
const typescriptVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
const started = Date.now();
const failures = [];

function log(message) {
  console.log(`[consumer ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`);
}

function check(condition, message) {
  if (!condition) {
    failures.push(message);
    console.error(`  FAIL ${message}`);
  }
  return condition;
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} (in ${options.cwd ?? root}) exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function readTfjsCatalogVersion() {
  const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const match = /'@tensorflow\/tfjs':\s*([\w.-]+)/.exec(workspace);
  if (!match) throw new Error('no @tensorflow/tfjs in the pnpm catalog');
  return match[1];
}

/** Every published package: non-private package.json under packages/. */
function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** All string targets of an exports map (every condition). */
function exportTargets(exportsField) {
  if (typeof exportsField === 'string') return [exportsField];
  if (exportsField === null || typeof exportsField !== 'object') return [];
  return Object.values(exportsField).flatMap(exportTargets);
}

function exportSubpaths(manifest) {
  const field = manifest.exports;
  if (field === undefined) return ['.'];
  if (typeof field === 'string' || Object.keys(field).every((key) => !key.startsWith('.'))) return ['.'];
  return Object.keys(field).filter((key) => key !== './package.json' && !key.includes('*'));
}

function binEntries(manifest) {
  if (manifest.bin === undefined) return [];
  if (typeof manifest.bin === 'string') return [[manifest.name.split('/').pop(), manifest.bin]];
  return Object.entries(manifest.bin);
}

function formatLosses(losses) {
  return losses.map((loss) => loss.toFixed(4)).join(' → ');
}

function formatBytes(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

function tarballContents(tarball) {
  // GNU tar verbose listing: permissions owner/group size date time path
  return run('tar', ['-tzvf', tarball])
    .trim()
    .split('\n')
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      return {
        size: Number(parts[2]),
        path: parts
          .slice(5)
          .join(' ')
          .replace(/^package\//, ''),
      };
    })
    .filter((entry) => !entry.path.endsWith('/'));
}

const allowedFile = /^((dist|bin)\/.+|README\.md|CHANGELOG\.md|LICENSE(\.md)?|package\.json)$/;
const forbiddenInDist = /(\.test\.|\.spec\.|\.bench\.|__tests__|test-fixtures)/;

function packAll(packages, destination) {
  const rows = [];
  for (const { dir, manifest } of packages) {
    const tarball = resolve(destination, JSON.parse(run('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: dir })).filename);
    const packed = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']));
    const files = tarballContents(tarball);
    const names = new Set(files.map((file) => file.path));
    const name = manifest.name;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dependency, range] of Object.entries(packed[field] ?? {})) {
        check(
          !String(range).startsWith('workspace:') && !String(range).startsWith('catalog:'),
          `${name}: ${field}.${dependency} is still "${range}" in the tarball`,
        );
      }
    }
    const targets = [
      ...exportTargets(packed.exports),
      ...[packed.main, packed.types, packed.module].filter((value) => typeof value === 'string'),
      ...binEntries(packed).map(([, path]) => path),
    ];
    for (const target of targets) {
      check(names.has(target.replace(/^\.\//, '')), `${name}: ${target} is referenced by package.json but not in the tarball`);
    }
    check(!JSON.stringify(packed.exports ?? {}).includes('"source"'), `${name}: the packed exports still have a "source" condition`);
    for (const file of files) {
      check(allowedFile.test(file.path) && !forbiddenInDist.test(file.path), `${name}: unexpected file in the tarball: ${file.path}`);
    }
    check(names.has('README.md'), `${name}: no README.md in the tarball`);
    for (const dependency of Object.keys(packed.dependencies ?? {})) {
      check(!dependency.startsWith('@tensorflow/'), `${name}: ${dependency} must be a peer dependency, not a dependency`);
    }
    const unpacked = files.reduce((sum, file) => sum + file.size, 0);
    const maps = files.filter((file) => file.path.endsWith('.map')).reduce((sum, file) => sum + file.size, 0);
    const js = files.filter((file) => file.path.endsWith('.js')).reduce((sum, file) => sum + file.size, 0);
    const dts = files.filter((file) => file.path.endsWith('.d.ts')).reduce((sum, file) => sum + file.size, 0);
    rows.push({ name, version: packed.version, tarball, packed: statSync(tarball).size, unpacked, js, dts, maps, files: files.length, manifest: packed });
  }
  return rows;
}

function printSizes(rows) {
  const header = '| package | version | tarball (gzip) | unpacked | .js | .d.ts | .js.map | files |';
  const lines = [header, '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${row.version} | ${formatBytes(row.packed)} | ${formatBytes(row.unpacked)} | ${formatBytes(row.js)} | ${formatBytes(row.dts)} | ${formatBytes(row.maps)} | ${row.files} |`,
    );
  }
  const table = lines.join('\n');
  console.log(`\nTarball sizes (pnpm pack):\n\n${table}\n`);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'tarball-sizes.md'), `${table}\n`);
}

function createProject(base, name, packageJson) {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `lrkit-consumer-${name}`, version: '1.0.0', private: true, ...packageJson }, null, 2)}\n`);
  // A project of its own: npm must not walk up into a workspace (it cannot: base is outside).
  writeFileSync(join(dir, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');
  return dir;
}

function npmInstall(dir, specs) {
  run('npm', ['install', '--no-fund', '--no-audit', '--prefer-offline', '--loglevel=error', ...specs], { cwd: dir });
}

function resultLine(output) {
  const line = output.split('\n').find((text) => text.startsWith('RESULT '));
  if (line === undefined) throw new Error(`no RESULT line in output:\n${output}`);
  return JSON.parse(line.slice('RESULT '.length));
}

function listInstalled(dir) {
  const names = [];
  const walk = (modules) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(join(modules, entry))) names.push(`${entry}/${scoped}`);
      } else names.push(entry);
    }
  };
  walk(join(dir, 'node_modules'));
  return names;
}

function schedulesOnly(base, rows) {
  log('project schedules-only: npm install the @lrkit/schedules tarball alone');
  const schedules = rows.find((row) => row.name === '@lrkit/schedules');
  const dir = createProject(base, 'schedules-only', { type: 'module' });
  npmInstall(dir, [schedules.tarball]);
  const installed = listInstalled(dir);
  check(
    !installed.some((name) => name.startsWith('@tensorflow/')),
    `schedules-only: node_modules has ${installed.filter((name) => name.startsWith('@tensorflow/')).join(', ')}`,
  );
  const tree = JSON.parse(spawnSync('npm', ['ls', '--all', '--json'], { cwd: dir, encoding: 'utf8' }).stdout);
  const treeNames = [];
  const walkTree = (node) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      treeNames.push(name);
      walkTree(child);
    }
  };
  walkTree(tree);
  check(!treeNames.some((name) => name.includes('tensorflow')), `schedules-only: npm ls shows ${treeNames.join(', ')}`);
  log(`  installed: ${installed.join(', ')} (npm ls --all: ${treeNames.join(', ')})`);
  cpSync(join(fixtures, 'schedules-only'), dir, { recursive: true });
  const result = resultLine(run('node', ['check.mjs'], { cwd: dir }));
  check(result.ok === true, 'schedules-only: check.mjs did not report ok');
  log(`  ok: ${JSON.stringify(result.values)}`);
}

function nodeProject(base, rows) {
  log(
    `project node: npm install all ${rows.length} tarballs + @tensorflow/tfjs@${tfjsVersion} + @tensorflow/tfjs-backend-wasm@${tfjsVersion} + typescript@${typescriptVersion}`,
  );
  const dir = createProject(base, 'node', { type: 'module' });
  npmInstall(dir, [
    ...rows.map((row) => row.tarball),
    `@tensorflow/tfjs@${tfjsVersion}`,
    `@tensorflow/tfjs-backend-wasm@${tfjsVersion}`,
    `typescript@${typescriptVersion}`,
    '@types/node@^20.19.0',
  ]);
  const installed = listInstalled(dir);
  check(
    !installed.some((name) => name.startsWith('@lrkit/') && realpathSync(join(dir, 'node_modules', name)).startsWith(root)),
    'node: an @lrkit package is linked into the workspace',
  );
  cpSync(join(fixtures, 'node'), dir, { recursive: true });

  for (const config of ['tsconfig.json', 'tsconfig.bundler.json', 'tsconfig.cjs.json']) {
    log(`  tsc -p ${config}`);
    const result = spawnSync(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', config], { cwd: dir, encoding: 'utf8' });
    check(result.status === 0, `node: tsc -p ${config} failed:\n${result.stdout}${result.stderr}`);
  }
  // The projects above skip library checks, as tfjs users must: @tensorflow/tfjs 4.22's own
  // declarations do not compile under strict (Long, LayersModel vs InferenceModel). Check
  // the lrkit declarations themselves once, without skipLibCheck, ignoring only errors
  // located in @tensorflow files.
  {
    log('  tsc -p tsconfig.declarations.json (skipLibCheck false; errors inside @tensorflow/* ignored)');
    const result = spawnSync(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.declarations.json'], { cwd: dir, encoding: 'utf8' });
    const errors = `${result.stdout}${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line) && !line.startsWith('node_modules/@tensorflow/'));
    check(errors.length === 0, `node: declaration errors outside @tensorflow:\n${errors.join('\n')}`);
    if (errors.length === 0) log('    no errors in @lrkit declarations');
  }
  if (existsSync(join(dir, 'dist', 'train.js'))) {
    const esm = resultLine(run('node', ['dist/train.js'], { cwd: dir }));
    check(esm.ok === true, 'node: the ESM TypeScript project did not report ok');
    log(`  ESM TypeScript: learning rates ${JSON.stringify(esm.learningRates)}; leaked tensors ${esm.tensorsLeaked}`);
  }
  const cjs = resultLine(run('node', ['train.cjs'], { cwd: dir }));
  check(cjs.ok === true, 'node: the CommonJS script did not report ok');
  log(`  CommonJS require(): learning rates ${JSON.stringify(cjs.learningRates)}`);

  // @lrkit/backends/node: selectBackend picks wasm and a CNN trains on it (ESM TypeScript, CommonJS).
  if (check(existsSync(join(dir, 'dist', 'backends.js')), 'node: tsc did not emit dist/backends.js')) {
    const esmCnn = resultLine(run('node', ['dist/backends.js'], { cwd: dir }));
    check(esmCnn.ok === true && esmCnn.backend === 'wasm', `node: the ESM TypeScript CNN on wasm reported ${JSON.stringify(esmCnn)}`);
    log(
      `  ESM TypeScript, @lrkit/backends/node: ${esmCnn.lines.join(' | ')}; CNN epoch mean losses ${formatLosses(esmCnn.epochMeans)}, largest difference from cpu ${esmCnn.largestDifference.toExponential(1)}; tfjs-backend-wasm alone lacks ${esmCnn.missingBefore.join(', ')}`,
    );
  }
  const cjsCnn = resultLine(run('node', ['backends.cjs'], { cwd: dir }));
  check(cjsCnn.ok === true && cjsCnn.backend === 'wasm', `node: the CommonJS CNN on wasm reported ${JSON.stringify(cjsCnn)}`);
  log(`  CommonJS require(), @lrkit/backends/node: ${cjsCnn.lines.join(' | ')}; CNN epoch mean losses ${formatLosses(cjsCnn.epochMeans)}`);

  // Every export subpath of every package loads with import() and with require().
  const probes = rows.flatMap((row) => exportSubpaths(row.manifest).map((subpath) => (subpath === '.' ? row.name : `${row.name}/${subpath.slice(2)}`)));
  const probe = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const specifiers = ${JSON.stringify(probes)};
    const counts = {};
    for (const specifier of specifiers) {
      const imported = await import(specifier);
      const required = require(specifier);
      const names = Object.keys(imported).filter((key) => key !== 'default').sort();
      const requiredNames = Object.keys(required).filter((key) => key !== 'default' && key !== '__esModule' && key !== 'module.exports').sort();
      if (names.length === 0) throw new Error(specifier + ' has no exports');
      if (JSON.stringify(names) !== JSON.stringify(requiredNames)) throw new Error(specifier + ': import() and require() differ');
      counts[specifier] = names.length;
    }
    console.log('RESULT ' + JSON.stringify({ ok: true, counts }));
  `;
  writeFileSync(join(dir, 'probe.mjs'), probe);
  const probed = resultLine(run('node', ['probe.mjs'], { cwd: dir }));
  log(
    `  import() and require() of every entry point: ${Object.entries(probed.counts)
      .map(([name, count]) => `${name} (${count} exports)`)
      .join(', ')}`,
  );

  for (const row of rows) {
    for (const [bin] of binEntries(row.manifest)) {
      const result = spawnSync(join(dir, 'node_modules', '.bin', bin), ['--help'], { cwd: dir, encoding: 'utf8' });
      if (check(result.status === 0, `node: \`${bin} --help\` exited with ${result.status}: ${result.stderr}`)) {
        log(`  bin ${bin} --help: ${result.stdout.split('\n')[0]}`);
      }
    }
  }
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * Bundles `entry` of the browser project with esbuild (the workspace's copy: a bundler is a
 * build tool, not a dependency of the page; it resolves every import from the project's own
 * node_modules) and returns the bundle's size and the inputs that came from @lrkit.
 */
async function bundle(dir, entry, outfile) {
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: join(dir, outfile),
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(built.metafile.inputs);
  const lrkitInputs = inputs.filter((input) => input.includes('node_modules/@lrkit/'));
  check(lrkitInputs.length > 0 && lrkitInputs.every((input) => !input.includes('/src/')), `browser: ${outfile} did not take @lrkit from the installed dist/`);
  const bytes = statSync(join(dir, outfile)).size;
  const lrkitBytes = Object.entries(built.metafile.outputs[Object.keys(built.metafile.outputs)[0]].inputs)
    .filter(([input]) => input.includes('node_modules/@lrkit/'))
    .reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
  log(`  esbuild ${entry} → ${outfile}: ${formatBytes(bytes)} minified, of which @lrkit: ${formatBytes(lrkitBytes)}`);
  return { lrkitInputs };
}

/**
 * Serves the browser project on 127.0.0.1: `/` is index.html, `/wasm/NAME` the installed
 * tfjs-backend-wasm's dist/NAME (where the page's wasmPaths points), anything else the file
 * of that path in the project. Records every /wasm/ request.
 */
async function serve(dir, wasmFolder) {
  const wasmRequests = [];
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const [folder, relativePath] = pathname.startsWith('/wasm/') ? [wasmFolder, pathname.slice('/wasm/'.length)] : [dir, pathname];
    if (folder === wasmFolder) wasmRequests.push(relativePath);
    const path = pathname === '/' ? join(dir, 'index.html') : join(folder, relativePath);
    if (!path.startsWith(folder + sep) || !existsSync(path) || statSync(path).isDirectory()) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': contentTypes[extname(path)] ?? 'application/octet-stream' });
    response.end(readFileSync(path));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: server.address().port, wasmRequests };
}

/**
 * Opens `url`, waits for the page to set `window.lrkitResult`, takes a full-page screenshot
 * into test-artifacts/ and returns the result, the status text and the console errors.
 */
async function visit(browser, url, screenshotName) {
  const page = await browser.newPage({ viewport: { width: 760, height: 820 } });
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.lrkitResult !== undefined, undefined, { timeout: 120_000 });
    const result = await page.evaluate(() => window.lrkitResult);
    const status = await page.textContent('#status');
    mkdirSync(artifacts, { recursive: true });
    const screenshot = join(artifacts, screenshotName);
    await page.screenshot({ path: screenshot, fullPage: true });
    return { result, status, consoleErrors, screenshot };
  } finally {
    await page.close();
  }
}

async function browserProject(base, rows) {
  const wanted = rows.filter((row) => ['@lrkit/schedules', '@lrkit/tfjs', '@lrkit/backends'].includes(row.name));
  log(
    `project browser: npm install ${wanted.map((row) => row.name).join(' + ')} tarballs + @tensorflow/tfjs@${tfjsVersion} + @tensorflow/tfjs-backend-wasm@${tfjsVersion}`,
  );
  const dir = createProject(base, 'browser', { type: 'module' });
  npmInstall(dir, [...wanted.map((row) => row.tarball), `@tensorflow/tfjs@${tfjsVersion}`, `@tensorflow/tfjs-backend-wasm@${tfjsVersion}`]);
  cpSync(join(fixtures, 'browser'), dir, { recursive: true });

  await bundle(dir, 'main.js', 'bundle.js');
  const { lrkitInputs: backendsInputs } = await bundle(dir, 'backends.js', 'backends-bundle.js');
  const nodeEntry = backendsInputs.filter((input) => input.endsWith('@lrkit/backends/dist/node.js'));
  check(nodeEntry.length === 0, 'browser: the bundle of the browser-safe @lrkit/backends entry took in dist/node.js');
  check(
    backendsInputs.some((input) => input.endsWith('@lrkit/backends/dist/index.js')),
    'browser: backends-bundle.js does not contain @lrkit/backends/dist/index.js',
  );

  const wasmFolder = realpathSync(join(dir, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'));
  const { server, port, wasmRequests } = await serve(dir, wasmFolder);
  const executablePath = execFileSync('bash', [join(root, 'scripts', 'ensure-chromium.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'lrkit-chromium-'));
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const schedules = await visit(browser, `http://127.0.0.1:${port}/`, 'consumer-browser.png');
    log(`  page: ${schedules.status}`);
    log(`  screenshot: ${relative(root, schedules.screenshot)} (Chromium ${browser.version()})`);
    check(schedules.result.ok === true, `browser: the page reported ${JSON.stringify(schedules.result)}`);
    check(schedules.status.startsWith('success'), `browser: status text is "${schedules.status}"`);
    check(schedules.consoleErrors.length === 0, `browser: console errors: ${schedules.consoleErrors.join(' | ')}`);
    if (args.has('--update-docs-screenshot')) {
      mkdirSync(join(root, 'docs', 'images'), { recursive: true });
      copyFileSync(schedules.screenshot, join(root, 'docs', 'images', 'consumer-browser.png'));
      log('  copied the screenshot to docs/images/consumer-browser.png');
    }

    const backends = await visit(browser, `http://127.0.0.1:${port}/backends.html`, 'consumer-browser-backends.png');
    log(`  page backends.html: ${backends.status}`);
    log(`  .wasm served from the installed package's dist/: ${wasmRequests.join(', ') || 'none'}; screenshot: ${relative(root, backends.screenshot)}`);
    check(backends.result.ok === true && backends.result.backend === 'wasm', `browser: backends.html reported ${JSON.stringify(backends.result)}`);
    check(backends.status.startsWith('success'), `browser: backends.html status text is "${backends.status}"`);
    check(backends.consoleErrors.length === 0, `browser: backends.html console errors: ${backends.consoleErrors.join(' | ')}`);
    check(
      wasmRequests.includes('tfjs-backend-wasm-simd.wasm'),
      `browser: the page did not load tfjs-backend-wasm-simd.wasm from /wasm/ (requests: ${JSON.stringify(wasmRequests)})`,
    );
  } finally {
    await browser.close();
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main() {
  const packages = publishedPackages();
  log(`published packages: ${packages.map(({ manifest }) => manifest.name).join(', ')}`);
  if (!args.has('--skip-build')) {
    log('building (turbo, cached)');
    run('pnpm', ['turbo', 'run', 'build', ...packages.map(({ manifest }) => `--filter=${manifest.name}`)], { stdio: ['ignore', 'pipe', 'inherit'] });
  }
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'lrkit-consumer-')));
  if (base.startsWith(root + sep)) throw new Error(`the temporary directory ${base} is inside the workspace`);
  log(`temporary projects in ${base}`);
  try {
    const tarballs = join(base, 'tarballs');
    mkdirSync(tarballs);
    const rows = packAll(packages, tarballs);
    printSizes(rows);
    schedulesOnly(base, rows);
    nodeProject(base, rows);
    await browserProject(base, rows);
  } finally {
    if (args.has('--keep')) log(`kept ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\nconsumer test: ${failures.length} failure(s)`);
    for (const failure of failures) console.error(`- ${failure.split('\n')[0]}`);
    process.exit(1);
  }
  log('consumer test passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
