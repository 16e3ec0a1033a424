/**
 * Hostile and careless command lines (issue 17): every size is bounded, nothing is silently
 * wrong, every error is one line, and nothing is written unless every option is valid.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './program.js';

const directory = mkdtempSync(join(tmpdir(), 'lrkit-hostile-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const stepArgs = ['--torch', 'StepLR', '--args', 'step_size=30', '--learning-rate', '0.1'];

/** Runs the CLI in this process, capturing stdout and stderr, and times it. */
async function lrkit(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string; milliseconds: number }> {
  let stdout = '';
  let stderr = '';
  const start = performance.now();
  const status = await run(argv, { write: (text) => (stdout += text), isTTY: false, columns: 80 }, (text) => (stderr += text));
  return { status, stdout, stderr, milliseconds: performance.now() - start };
}

/** Exit status 1 and exactly one line on stderr, `lrkit: …`, of bounded length. */
function expectOneLineError(result: { status: number; stderr: string }, pattern: RegExp): void {
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^lrkit: [^\n]*\n$/);
  expect(result.stderr.length).toBeLessThanOrEqual(1100);
  expect(result.stderr.trimEnd()).toMatch(pattern);
}

/** A fresh empty directory for the files one command may write. */
function outputDirectory(): string {
  const path = mkdtempSync(join(directory, 'out-'));
  return path;
}

describe('class 1: no flag makes the work unbounded', () => {
  it('converts with --total-steps 1e9 in bounded time and memory: every step to 100,000, then a spread to 1e9', async () => {
    const result = await lrkit('convert', ...stepArgs, '--total-steps', '1000000000');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ type: 'step', initialValue: 0.1, periodSteps: 30, factor: 0.1 });
    expect(result.milliseconds).toBeLessThan(10_000);
  });

  it('converts with --total-steps at limits.maxStep inside a 96 MB heap (the real binary)', () => {
    const bin = fileURLToPath(new URL('../bin/lrkit.js', import.meta.url));
    const child = spawnSync(process.execPath, [bin, 'convert', ...stepArgs, '--total-steps', String(Number.MAX_SAFE_INTEGER)], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=96' },
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ type: 'step', initialValue: 0.1, periodSteps: 30, factor: 0.1 });
  });

  it.each([
    [['--width', '10000', '--height', '10000', '--png', 'a.png'], /^lrkit: --width must be an integer in \[10, 4096\]; received "10000"/],
    [
      ['--width', '4096', '--height', '4096', '--scale', '2', '--png', 'a.png'],
      /^lrkit: --png: --width × --height × --scale² must be at most 16777216 pixels \(limits\.maxPixels\); received 4096 × 4096 × 2² = 67108864/,
    ],
    [['--scale', '1000', '--png', 'a.png'], /^lrkit: --scale must be a number in \(0, 16\]; received "1000"/],
    [['--points', '1000000000', '--json'], /^lrkit: --points must be an integer in \[4, 100000\]; received "1000000000"/],
    [['--width', '100000'], /^lrkit: --width must be an integer in \[10, 1000\]; received "100000"/],
    [['--height', '9999'], /^lrkit: --height must be an integer in \[3, 500\]; received "9999"/],
    [['--title', 't'.repeat(100_000)], /^lrkit: --title must be at most 200 characters; received "t{199}… \(a string of 100000 characters\)/],
  ])('refuses a size past its limit before any work: %j', async (flags, pattern) => {
    const out = outputDirectory();
    const argv = flags.map((flag) => (flag.endsWith('.png') ? join(out, flag) : flag));
    const result = await lrkit('preview', ...stepArgs, ...argv);
    expectOneLineError(result, pattern);
    expect(result.milliseconds).toBeLessThan(2000);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses more than limits.maxSeries schedules, and --points × schedules past limits.maxPoints', async () => {
    const many = Array.from({ length: 65 }, () => ['--torch', 'ConstantLR']).flat();
    expectOneLineError(
      await lrkit('preview', ...many, '--learning-rate', '0.1', '--json'),
      /^lrkit: 65 schedules given; at most 64 can be drawn or converted at once \(limits\.maxSeries\)$/,
    );
    const manyInOneFile = join(directory, 'many.json');
    writeFileSync(manyInOneFile, JSON.stringify(Array.from({ length: 1000 }, () => ({ type: 'constant', value: 1 }))));
    expectOneLineError(await lrkit('preview', `@${manyInOneFile}`, '--json'), /holds 1000 schedules; at most 64/);
    const two = ['--torch', 'ConstantLR', '--torch', 'ConstantLR', '--learning-rate', '0.1'];
    expectOneLineError(
      await lrkit('preview', ...two, '--points', '60000', '--json'),
      /^lrkit: --points × schedules must be at most 100000 \(limits\.maxPoints\); received 60000 × 2 = 120000$/,
    );
  });

  it('samples the whole step domain as a bounded envelope', async () => {
    const result = await lrkit('preview', ...stepArgs, '--steps', `0:${Number.MAX_SAFE_INTEGER}`, '--json', '--points', '100');
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { sampling: string; series: Array<{ points: Array<{ step: number; value: number }> }> };
    expect(document.sampling).toBe('min/max envelope');
    const points = document.series[0]!.points;
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points.at(-1)).toEqual({ step: Number.MAX_SAFE_INTEGER - 1, value: 0 });
    expect(result.milliseconds).toBeLessThan(5000);
  });

  it.each([
    ['a 10,000-deep inline config', `{"type":"constant","value":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['a config file nested 100,000 deep', `@FILE`],
    ['a million boundaries', JSON.stringify({ type: 'piecewise-constant', boundaries: Array.from({ length: 1_000_000 }, (_, index) => index), values: [1] })],
  ])('refuses %s with one short line', async (_, config) => {
    let argument = config;
    if (config === '@FILE') {
      const file = join(directory, 'deep.json');
      writeFileSync(file, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      argument = `@${file}`;
    }
    const result = await lrkit('preview', argument, '--json');
    expectOneLineError(result, /limits\.max(NestingDepth|ArrayLength)/);
    expect(result.milliseconds).toBeLessThan(5000);
  });

  it('refuses --args lists nested past limits.maxNestingDepth, as key=value or JSON', async () => {
    const deepList = `${'['.repeat(5_000)}1${']'.repeat(5_000)}`;
    expectOneLineError(
      await lrkit('convert', '--torch', 'MultiStepLR', '--args', `milestones=${deepList}`, '--learning-rate', '0.1'),
      /^lrkit: --args may nest lists at most 32 deep \(limits\.maxNestingDepth\)/,
    );
    expectOneLineError(
      await lrkit('convert', '--torch', 'MultiStepLR', '--args', `{"milestones":${deepList}}`, '--learning-rate', '0.1'),
      /^lrkit: --args: a config may nest objects and arrays at most 32 deep/,
    );
  });
});

describe('class 2: never silently wrong', () => {
  it.each(['0', '-1', '1.5', '1e300', '9007199254740992', '0x10', 'abc', '', ' ', 'NaN', 'Infinity', '1e-3'])(
    'refuses --total-steps %j with its own error, never "no plain native schedule"',
    async (value) => {
      const result = await lrkit('convert', ...stepArgs, '--total-steps', value);
      expectOneLineError(result, /^lrkit: --total-steps must be an integer in \[1, 9007199254740991\]; received /);
      expect(result.stderr).not.toContain('no plain native');
      expect(result.stdout).toBe('');
    },
  );

  it.each(['1_000', '1e6', '+50', '9007199254740991'])('accepts --total-steps %j and still finds the plain step schedule', async (value) => {
    const result = await lrkit('convert', ...stepArgs, '--total-steps', value);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ type: 'step', initialValue: 0.1, periodSteps: 30, factor: 0.1 });
  });

  it.each([
    ['--width', '0x50'],
    ['--width', '80.5'],
    ['--height', '-3'],
    ['--points', '1e400'],
    ['--scale', '0'],
    ['--scale', 'NaN'],
    ['--steps', '5:5'],
    ['--steps', '0:9007199254740992'],
  ])('refuses %s %j rather than coercing it', async (flag, value) => {
    const result = await lrkit('preview', ...stepArgs, flag, value);
    expectOneLineError(result, new RegExp(`^lrkit: ${flag} must be`));
  });

  it('refuses sparse arrays and growth that overflows, from the command line too', async () => {
    expectOneLineError(
      await lrkit('convert', '--torch', 'MultiStepLR', '--args', '{"milestones":[1,null,3]}', '--learning-rate', '0.1'),
      /`milestones\[1\]` must be an integer >= 0; received null/,
    );
    expectOneLineError(
      await lrkit('convert', '--torch', 'ExponentialLR', '--args', 'gamma=1.5', '--learning-rate', '0.1'),
      /torch ExponentialLR: these options give a non-finite value \(Infinity\)/,
    );
  });
});

describe('class 3: one clear line', () => {
  it.each([
    [['preview', `--${'x'.repeat(100_000)}`], /^lrkit: unknown option '--x+…$/],
    [['convert', '--torch', 'StepLR', '--args', `{${'"a":1,'.repeat(20_000)}`, '--learning-rate', '0.1'], /^lrkit: --args is not valid JSON/],
    [['convert', '--torch', 'S'.repeat(100_000), '--learning-rate', '0.1'], /unknown scheduler "S{199}… \(a string of 100000 characters\)/],
    [['convert', '--keras', `{"class_name":"${'K'.repeat(100_000)}","config":{}}`], /unknown class_name "K{199}…/],
    [
      ['preview', '--config', `/missing/${'d'.repeat(10_000)}.json`],
      /^lrkit: --config: cannot read "\/missing\/d+… \(a string of 10014 characters\) \(ENAMETOOLONG\)$/,
    ],
  ])('answers %# with one short line', async (argv, pattern) => {
    expectOneLineError(await lrkit(...argv), pattern);
  });
});

describe('class 6: nothing is written before every option is checked', () => {
  const svgFlags = (out: string) => [...stepArgs, '--steps', '0:100', '--svg', join(out, 'ok.svg')];
  it.each([
    [
      'a PNG in a missing directory',
      (out: string) => ['--png', join(out, 'missing', 'x.png')],
      /^lrkit: --png: cannot write ".*x\.png": the directory ".*missing" does not exist$/,
    ],
    [
      'a Vega-Lite spec in a missing directory',
      (out: string) => ['--vega-lite', join(out, 'no', 'spec.json')],
      /^lrkit: --vega-lite: cannot write .* does not exist$/,
    ],
    [
      'a PNG path that is a directory',
      (out: string) => {
        mkdirSync(join(out, 'dir.png'));
        return ['--png', join(out, 'dir.png')];
      },
      /^lrkit: --png: cannot write ".*dir\.png": it is a directory$/,
    ],
    [
      'a PNG under a file',
      (out: string) => {
        writeFileSync(join(out, 'file'), '');
        return ['--png', join(out, 'file', 'x.png')];
      },
      /is not a directory$/,
    ],
    ['the same file twice', (out: string) => ['--vega-lite', join(out, 'ok.svg')], /^lrkit: --vega-lite and --svg name the same file/],
    ['a bad --scale', () => ['--png', 'x.png', '--scale', '99'], /^lrkit: --scale must be a number in \(0, 16\]/],
    ['a bad --width', () => ['--width', '1'], /^lrkit: --width must be an integer in \[10, 4096\]/],
    ['a bad --points', () => ['--points', '3'], /^lrkit: --points must be an integer in \[4, 100000\]/],
    ['a bad schedule after a good one', () => ['--torch', 'NoSuchLR'], /unknown scheduler "NoSuchLR"/],
    ['a --name too long', () => ['--name', 'n'.repeat(500)], /^lrkit: --name must be at most 200 characters/],
  ])('writes no file when %s is refused', async (_, extra, pattern) => {
    const out = outputDirectory();
    const flags = extra(out);
    const before = readdirSync(out);
    const result = await lrkit('preview', ...svgFlags(out), ...flags);
    expectOneLineError(result, pattern);
    expect(existsSync(join(out, 'ok.svg'))).toBe(false);
    expect(readdirSync(out)).toEqual(before);
  });

  it('writes every file when every option is valid', async () => {
    const out = outputDirectory();
    const result = await lrkit('preview', ...svgFlags(out), '--vega-lite', join(out, 'spec.json'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['ok.svg', 'spec.json']);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any argument vector ends in a result or one clear error, quickly, and a refused
// command writes nothing.

const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1',
    '3',
    '10',
    '100',
    '1e9',
    '1e300',
    'NaN',
    'Infinity',
    '0x10',
    '1.5',
    '9007199254740993',
    'null',
    '[1,,3]',
    '{}',
    '@/missing.json',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -10, max: 100_000 }).map(String),
  fc.constantFrom('x'.repeat(5000), '['.repeat(3000), `{"type":"cosine","initialValue":0.1,"decaySteps":${'9'.repeat(400)}}`),
);
const configText = fc.oneof(
  fc.constantFrom(
    '{"type":"cosine","initialValue":0.1,"decaySteps":100}',
    '{"type":"step","initialValue":0.1,"periodSteps":3,"factor":2}',
    '{"type":"piecewise-constant","boundaries":[1,2],"values":[1,null,3]}',
    '{"type":"multi-step","initialValue":1,"boundaries":[5,10],"factor":0.5}',
    '{"class_name":"ExponentialDecay","config":{"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.5}}',
    '[]',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
);
const flagArbitrary = (out: string) =>
  fc.oneof(
    fc.tuple(
      fc.constantFrom('--steps', '--points', '--width', '--height', '--scale', '--title', '--name', '--total-steps', '--to', '--learning-rate', '--args'),
      hostileText,
    ),
    fc.tuple(fc.constantFrom('--steps'), fc.constantFrom('0:10', '0:1000', `0:${Number.MAX_SAFE_INTEGER}`, '5:3')),
    fc.tuple(fc.constantFrom('--torch'), fc.constantFrom('StepLR', 'ExponentialLR', 'OneCycleLR', 'CyclicLR', 'Nope', 'ConstantLR')),
    fc.tuple(
      fc.constantFrom('--args'),
      fc.constantFrom('step_size=3', 'gamma=2', 'max_lr=0.1,total_steps=100', 'base_lr=0.01,max_lr=0.1', 'milestones=[1,,3]', '{"gamma":0.5}'),
    ),
    fc.tuple(fc.constantFrom('--keras'), configText),
    fc.tuple(
      fc.constantFrom('--svg', '--png', '--vega-lite'),
      fc.constantFrom(join(out, 'a.svg'), join(out, 'b.png'), join(out, 'c.json'), join(out, 'missing', 'd.svg'), out),
    ),
    fc.tuple(fc.constantFrom('--json', '--csv', '--log-y', '--no-color', '--bogus'), fc.constant(undefined)),
    fc.tuple(fc.constant('config'), configText),
  );

describe('property', () => {
  const out = outputDirectory();
  test.prop([fc.constantFrom('preview', 'convert', 'nonsense'), fc.array(flagArbitrary(out), { maxLength: 7 })], { numRuns: 120 })(
    'any argument vector ends in a result or one clear error, quickly, and a refused command writes nothing',
    async (command, flags) => {
      for (const name of readdirSync(out)) rmSync(join(out, name), { recursive: true, force: true });
      const argv: string[] = [command];
      for (const [flag, value] of flags) {
        if (flag === 'config') argv.push(value as string);
        else argv.push(flag, ...(value === undefined ? [] : [value]));
      }
      const result = await lrkit(...argv);
      expect([0, 1]).toContain(result.status);
      expect(result.milliseconds).toBeLessThan(15_000);
      if (result.status === 1) {
        expect(result.stderr).toMatch(/^lrkit: [^\n]*\n$/);
        expect(result.stderr.length).toBeLessThanOrEqual(1100);
        expect(result.stderr).not.toMatch(/Maximum call stack|heap|undefined is not|Cannot read prop/);
        expect(readdirSync(out)).toEqual([]);
      } else {
        expect(result.stdout.length).toBeGreaterThan(0);
      }
    },
    300_000,
  );
});
