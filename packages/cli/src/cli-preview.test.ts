import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { constantConfig, cosineConfig, fixtureDirectory, lrkit } from './binary-test-support.js';
import { CliError } from './cli-error.js';
import { collectSchedules } from './schedule-sources.js';

const { directory, pairFile, remove } = fixtureDirectory();
afterAll(remove);

describe('lrkit preview', () => {
  it('draws an inline config in the terminal with the title, the axis ticks and the legend', () => {
    const { status, stdout, stderr } = lrkit('preview', cosineConfig, '--steps', '0:101', '--width', '40', '--height', '8');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Learning-rate schedule');
    expect(lines.filter((line) => line.includes('┤') || /^\s*│/.test(line))).toHaveLength(8);
    expect(lines).toContain('█ cosine');
    expect(stdout).not.toContain('\u001b[');
  });

  it('prints every sampled step as JSON, exact values', () => {
    const { status, stdout } = lrkit('preview', cosineConfig, '--steps', '0:101', '--json');
    expect(status).toBe(0);
    const document = JSON.parse(stdout) as {
      sampling: string;
      series: Array<{ name: string; config: unknown; points: Array<{ step: number; value: number }> }>;
    };
    expect(document.sampling).toBe('every step');
    const [series] = document.series;
    expect(series!.name).toBe('cosine');
    expect(series!.config).toEqual({ type: 'cosine', initialValue: 0.1, decaySteps: 100, finalValue: 0, exponent: 1 });
    expect(series!.points).toHaveLength(101);
    expect(series!.points[50]).toEqual({ step: 50, value: 0.1 * 0.5 * (1 + Math.cos(Math.PI / 2)) });
    expect(series!.points[100]).toEqual({ step: 100, value: 0 });
  });

  it('compares several schedules from inline JSON and a --config file, renamed with --name, as CSV', () => {
    const file = join(directory, 'constant.json');
    writeFileSync(file, constantConfig);
    const { status, stdout } = lrkit('preview', cosineConfig, '--config', file, '--name', 'cos', '--name', 'flat', '--steps', '0:3', '--csv');
    expect(status).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'series,step,value',
      'cos,0,0.1',
      `cos,1,${0.1 * 0.5 * (1 + Math.cos(Math.PI / 100))}`,
      `cos,2,${0.1 * 0.5 * (1 + Math.cos((2 * Math.PI) / 100))}`,
      'flat,0,0.05',
      'flat,1,0.05',
      'flat,2,0.05',
    ]);
  });

  it('writes an SVG with one line per compared schedule and a PNG that decodes', () => {
    const svg = join(directory, 'compare.svg');
    const png = join(directory, 'compare.png');
    const { status, stdout, stderr } = lrkit('preview', `@${pairFile}`, '--svg', svg, '--png', png, '--scale', '1', '--steps', '0:100');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(`wrote ${svg}\nwrote ${png}\n`);
    const text = readFileSync(svg, 'utf8');
    const tree = new XMLParser({ ignoreAttributes: false }).parse(text, true) as Record<string, unknown>;
    expect(tree.svg).toBeDefined();
    expect(text.match(/aria-roledescription="line mark"/g)).toHaveLength(2);
    const image = PNG.sync.read(readFileSync(png));
    const size = /width="(\d+)" height="(\d+)"/.exec(text)!;
    expect([image.width, image.height]).toEqual([Number(size[1]), Number(size[2])]);
  });

  it('prints the values of a PyTorch preset exactly (StepLR drops at each step_size)', () => {
    const { status, stdout } = lrkit('preview', '--torch', 'StepLR', '--args', 'step_size=2,gamma=0.5', '--learning-rate', '0.1', '--steps', '0:5', '--csv');
    expect(status).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual(['series,step,value', 'StepLR,0,0.1', 'StepLR,1,0.1', 'StepLR,2,0.05', 'StepLR,3,0.05', 'StepLR,4,0.025']);
  });

  it('compares a PyTorch preset, a Keras config and a native config in one chart', () => {
    const { status, stdout } = lrkit(
      'preview',
      cosineConfig,
      '--torch',
      'ExponentialLR',
      '--args',
      'gamma=0.5',
      '--learning-rate',
      '1',
      '--keras',
      '{"class_name":"PiecewiseConstantDecay","config":{"boundaries":[1],"values":[0.3,0.2]}}',
      '--steps',
      '0:3',
      '--json',
    );
    expect(status).toBe(0);
    const document = JSON.parse(stdout) as { series: Array<{ name: string; points: Array<{ step: number; value: number }> }> };
    expect(document.series.map((series) => series.name)).toEqual(['cosine', 'ExponentialLR', 'PiecewiseConstantDecay']);
    expect(document.series[1]!.points.map((point) => point.value)).toEqual([1, 0.5, 0.25]);
    // Keras switches one step after the boundary: step > 1.
    expect(document.series[2]!.points.map((point) => point.value)).toEqual([0.3, 0.3, 0.2]);
  });

  it('draws the root demo (OneCycleLR from PyTorch arguments) in the terminal', () => {
    const { status, stdout } = lrkit('preview', '--torch', 'OneCycleLR', '--args', 'max_lr=0.1,total_steps=1000', '--steps', '0:1000');
    expect(status).toBe(0);
    expect(stdout).toContain('█ OneCycleLR');
    expect(stdout).toMatch(/^ 0\.1┤/m);
  });

  it('downsamples a 1,000,000-step range to the min/max envelope', () => {
    const { status, stdout } = lrkit(
      'preview',
      JSON.stringify({ type: 'cosine', initialValue: 1, decaySteps: 1_000_000 }),
      '--steps',
      '0:1000000',
      '--json',
      '--points',
      '100',
    );
    expect(status).toBe(0);
    const document = JSON.parse(stdout) as { sampling: string; series: Array<{ points: Array<{ step: number; value: number }> }> };
    expect(document.sampling).toBe('min/max envelope');
    const points = document.series[0]!.points;
    expect(points).toHaveLength(98);
    expect(points[0]).toEqual({ step: 0, value: 1 });
    expect(points.at(-1)!.step).toBe(999_999);
  });

  it('fails with one line on stderr for bad JSON', () => {
    const { status, stdout, stderr } = lrkit('preview', '{"type": "cosine",');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^lrkit: config 1 is not valid JSON: .+\n$/);
  });

  it('fails with one line for a missing @file', () => {
    const missing = join(directory, 'missing.json');
    const { status, stderr } = lrkit('preview', `@${missing}`);
    expect(status).toBe(1);
    expect(stderr).toBe(`lrkit: config 1: cannot read ${JSON.stringify(missing)} (ENOENT)\n`);
  });

  it('fails with one line naming the closest type for an unknown schedule', () => {
    const { status, stderr } = lrkit('preview', '{"type":"cosin","initialValue":1,"decaySteps":10}');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^lrkit: config 1: fromConfig: config.type "cosin" is not a known schedule \(did you mean 'cosine'\?\).*\n$/);
  });

  it('fails with one line for an unknown PyTorch preset', () => {
    const { status, stderr } = lrkit('preview', '--torch', 'FancyLR', '--args', 'x=1', '--learning-rate', '0.1');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^lrkit: --torch FancyLR: fromTorch: unknown scheduler "FancyLR"; known schedulers are LambdaLR, [^\n]*StepLR[^\n]*\n$/);
  });

  it('fails with one line for an unknown Keras class, suggesting the closest', () => {
    const { status, stderr } = lrkit('preview', '--keras', '{"class_name":"CosineDecai","config":{}}');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^lrkit: --keras CosineDecai: fromKeras: unknown class_name "CosineDecai" \(did you mean 'CosineDecay'\?\)[^\n]*\n$/);
  });

  it('fails with one line when a PyTorch preset needs --learning-rate', () => {
    const { status, stderr } = lrkit('preview', '--torch', 'StepLR', '--args', 'step_size=10');
    expect(status).toBe(1);
    expect(stderr).toBe(
      "lrkit: --torch StepLR needs the optimizer's learning rate: give --learning-rate <number> (only CyclicLR and OneCycleLR set their own)\n",
    );
  });

  it('refuses the old --base-lr flag, naming --learning-rate', () => {
    for (const flag of [['--base-lr', '0.1'], ['--base-lr=0.1'], ['--base-lr']]) {
      const { status, stderr } = lrkit('preview', '--torch', 'StepLR', '--args', 'step_size=10', ...flag);
      expect(status).toBe(1);
      expect(stderr).toBe('lrkit: --base-lr was renamed --learning-rate before 1.0 (same meaning; option `baseLr` → `learningRate`)\n');
    }
    expect(() => collectSchedules([], { torch: ['StepLR'], args: ['step_size=10'], baseLr: ['0.1'] } as never)).toThrow(
      new CliError('--base-lr was renamed --learning-rate before 1.0 (same meaning; option `baseLr` → `learningRate`)'),
    );
    expect(lrkit('convert', '--torch', 'StepLR', '--base-lr', '0.1').stderr).toBe(
      'lrkit: --base-lr was renamed --learning-rate before 1.0 (same meaning; option `baseLr` → `learningRate`)\n',
    );
  });

  it('fails with one line for an out-of-range --steps', () => {
    for (const steps of ['100:10', '-5:10']) {
      const { status, stderr } = lrkit('preview', cosineConfig, '--steps', steps);
      expect(status).toBe(1);
      expect(stderr).toBe(`lrkit: --steps must be start:end with integers 0 <= start < end (end exclusive, e.g. 0:1000); received ${JSON.stringify(steps)}\n`);
    }
  });

  it('fails for an unknown option and for no schedule at all', () => {
    expect(lrkit('preview', '--bogus').stderr).toBe("lrkit: unknown option '--bogus'\n");
    const none = lrkit('preview');
    expect(none.status).toBe(1);
    expect(none.stderr).toBe(
      'lrkit: no schedule given: pass a JSON config, --config <file>, --torch <name>, --keras <json>, --optax, --hf or --timm (see --help)\n',
    );
  });

  it('prints help for every command', () => {
    for (const command of [[], ['preview'], ['convert']]) {
      const { status, stdout } = lrkit(...command, '--help');
      expect(status).toBe(0);
      expect(stdout).toContain(`Usage: lrkit ${command.length === 0 ? '' : `${command[0]} `}[options]`);
    }
  });
});
