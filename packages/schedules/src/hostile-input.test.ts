/**
 * Hostile and careless input (issue 17): every size a user controls is bounded, nothing is
 * silently wrong, every error is one short line. Several variants per class, then properties.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { excerpt } from './excerpt.js';
import { constant, cosine, cosineRestarts, cyclic, exponential, join, linear, multiply, multiStep, offset, piecewiseConstant, step, warmup } from './index.js';
import { lambda } from './lambda.js';
import { limits } from './limits.js';
import { fromKeras } from './presets/keras.js';
import { fromTorch } from './presets/torch.js';
import type { Schedule } from './schedule.js';

/** Runs `action`, expecting an Error; returns it with the time it took. */
function thrown(action: () => unknown): { error: Error; milliseconds: number } {
  const start = performance.now();
  try {
    action();
  } catch (error) {
    return { error: error as Error, milliseconds: performance.now() - start };
  }
  throw new Error('expected an error, but none was thrown');
}

/** One clear line: an Error of the expected class, no newline, at most `maxLength` characters. */
function expectOneLine(error: Error, kind: typeof TypeError | typeof RangeError, pattern: RegExp, maxLength = 1000): void {
  expect(error).toBeInstanceOf(kind);
  expect(error.message).toMatch(pattern);
  expect(error.message).not.toContain('\n');
  expect(error.message.length).toBeLessThanOrEqual(maxLength);
}

const range = (length: number, map: (index: number) => number = (index) => index): number[] => Array.from({ length }, (_, index) => map(index));

function nested(levels: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level += 1) value = wrap(value);
  return value;
}

describe('class 1: unbounded work from one field', () => {
  it.each([
    [
      'piecewise-constant boundaries',
      { type: 'piecewise-constant', boundaries: range(1_000_000), values: [1] },
      /`boundaries` must have at most 10000 entries \(limits\.maxArrayLength\); received an array of 1000000 entries/,
    ],
    ['piecewise-constant values', { type: 'piecewise-constant', boundaries: [1], values: range(20_000) }, /`values` must have at most 10000 entries/],
    ['multi-step boundaries', { type: 'multi-step', initialValue: 1, boundaries: range(200_000), factor: 0.5 }, /`boundaries` must have at most 10000 entries/],
    [
      'join schedules',
      { type: 'join', schedules: range(50_000, () => 0).map(() => ({ type: 'constant', value: 1 })), boundaries: [1] },
      /`schedules` must have at most 10000 entries/,
    ],
    [
      'multiply schedules',
      { type: 'multiply', schedules: range(10_001, () => 0).map(() => ({ type: 'constant', value: 1 })) },
      /`schedules` must have at most 10000 entries/,
    ],
  ])('refuses an array past limits.maxArrayLength (%s) quickly, with the limit in the message', (_, config, pattern) => {
    const { error, milliseconds } = thrown(() => fromConfig(config));
    expectOneLine(error, RangeError, pattern);
    expect(milliseconds).toBeLessThan(2000);
  });

  it.each([
    ['offset chain of 10,000', nested(10_000, { type: 'constant', value: 1 }, (inner) => ({ type: 'offset', schedule: inner, delaySteps: 1 }))],
    ['warmup chain of 33', nested(33, { type: 'constant', value: 1 }, (inner) => ({ type: 'warmup', schedule: inner, warmupSteps: 1 }))],
    ['array value nested 100,000 deep', { type: 'constant', value: nested(100_000, 1, (inner) => [inner]) }],
    ['object value nested 5,000 deep', { type: 'cosine', initialValue: nested(5_000, 1, (inner) => ({ a: inner })), decaySteps: 1 }],
  ])('refuses a config nested past limits.maxNestingDepth (%s) with its own error, not a stack overflow', (_, config) => {
    const { error, milliseconds } = thrown(() => fromConfig(config));
    expectOneLine(error, RangeError, /^fromConfig: a config may nest objects and arrays at most 32 deep \(limits\.maxNestingDepth\)/);
    expect(milliseconds).toBeLessThan(2000);
  });

  it('refuses a cyclic config as too deep', () => {
    const config: Record<string, unknown> = { type: 'offset', delaySteps: 1 };
    config.schedule = config;
    expectOneLine(thrown(() => fromConfig(config)).error, RangeError, /at most 32 deep \(limits\.maxNestingDepth\); received a deeper one \(or a cycle\)/);
  });

  it('refuses a config of more than limits.maxConfigNodes values, even when each array is short', () => {
    const wide = { type: 'multiply', schedules: range(10_000, () => 0).map(() => ({ type: 'constant', value: 1, extra: range(20) })) };
    const { error, milliseconds } = thrown(() => fromConfig(wide));
    expectOneLine(error, RangeError, /^fromConfig: a config may hold at most 100000 values \(limits\.maxConfigNodes\)/);
    expect(milliseconds).toBeLessThan(2000);
  });

  it('refuses nesting past the limit for schedules built in code too, so toConfig always gives a loadable config', () => {
    let schedule: Schedule = constant({ value: 1 });
    const levels: number[] = [];
    expect(() => {
      for (let level = 0; level < 100; level += 1) {
        schedule = offset({ schedule, delaySteps: 1 });
        levels.push(level);
      }
    }).toThrow(/^offset: a config may nest objects and arrays at most 32 deep/);
    expect(levels).toHaveLength(31);
    expect(fromConfig(toConfig(schedule))(100)).toBe(1);
  });

  it('simulates PyTorch SequentialLR and ChainedScheduler only up to limits.maxSimulatedSteps', () => {
    const chained = fromTorch('ChainedScheduler', { schedulers: [{ name: 'ExponentialLR', args: { gamma: 0.999 } }] }, { learningRate: 1 });
    expect(chained(1000)).toBeCloseTo(0.999 ** 1000, 12);
    const { error, milliseconds } = thrown(() => chained(1e9));
    expectOneLine(error, RangeError, /^ChainedScheduler: `step` must be <= 1000000 \(limits\.maxSimulatedSteps/);
    expect(milliseconds).toBeLessThan(100);
  });

  it.each([
    [
      'noise limit 5e-324',
      { type: 'noise', schedule: { type: 'constant', value: 1 }, limit: 5e-324 },
      /^noise: `limit` must be a finite number >= 0\.01 \(limits\.minNoiseLimit/,
    ],
    ['noise limit 1e-9', { type: 'noise', schedule: { type: 'constant', value: 1 }, limit: 1e-9 }, /^noise: `limit` must be a finite number >= 0\.01/],
  ])('refuses a noise bound that would redraw without end (%s), quickly', (_, config, pattern) => {
    const { error, milliseconds } = thrown(() => fromConfig(config));
    expectOneLine(error, RangeError, pattern);
    expect(milliseconds).toBeLessThan(500);
  });

  it('draws noise at the very end of the step domain, exactly as PyTorch seeds (low 32 bits of seed + t)', () => {
    const noisy = fromConfig({ type: 'noise', schedule: { type: 'constant', value: 1 }, seed: 2 ** 53 - 1 });
    const value = noisy(limits.maxStep);
    expect(Math.abs(value - 1)).toBeLessThan(0.67);
    const wrapped = fromConfig({ type: 'noise', schedule: { type: 'constant', value: 1 }, seed: ((2 ** 53 - 1) * 2) % 2 ** 32 });
    expect(wrapped(0)).toBe(value);
  });

  it('suggests no name for a megabyte-long unknown type, in bounded time', () => {
    const { error, milliseconds } = thrown(() => fromConfig({ type: 'c'.repeat(1_000_000) }));
    expectOneLine(error, TypeError, /^fromConfig: config\.type "c{199}… \(a string of 1000000 characters\) is not a known schedule; known types are/);
    expect(milliseconds).toBeLessThan(500);
  });
});

describe('class 2: silently wrong answers', () => {
  it.each([
    ['piecewise-constant values', () => piecewiseConstant({ boundaries: [1, 2], values: [1, , 3] as number[] }), 'values[1]'],
    ['piecewise-constant boundaries', () => piecewiseConstant({ boundaries: [1, , 3] as number[], values: [1, 2, 3, 4] }), 'boundaries[1]'],
    ['multi-step boundaries', () => multiStep({ initialValue: 1, boundaries: [1, , 3] as number[], factor: 0.5 }), 'boundaries[1]'],
    ['join schedules', () => join({ schedules: [constant({ value: 1 }), , constant({ value: 2 })] as Schedule[], boundaries: [1, 2] }), 'schedules[1]'],
    [
      'join boundaries',
      () => join({ schedules: [constant({ value: 1 }), constant({ value: 2 }), constant({ value: 3 })], boundaries: [1, , 2] as number[] }),
      'boundaries[1]',
    ],
    ['multiply schedules', () => multiply({ schedules: [, constant({ value: 2 })] as Schedule[] }), 'schedules[0]'],
    ['fromConfig values', () => fromConfig({ type: 'piecewise-constant', boundaries: [5], values: [, 1] }), 'values[0]'],
    ['PyTorch MultiStepLR milestones', () => fromTorch('MultiStepLR', { milestones: [1, , 3] }, { learningRate: 0.1 }), 'milestones[1]'],
    [
      'PyTorch SequentialLR schedulers',
      () =>
        fromTorch(
          'SequentialLR',
          { schedulers: [{ name: 'ConstantLR', args: {} }, , { name: 'ConstantLR', args: {} }], milestones: [1, 2] },
          { learningRate: 0.1 },
        ),
      'schedulers[1]',
    ],
    [
      'Keras PiecewiseConstantDecay boundaries',
      () => fromKeras({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [1, , 3], values: [1, 2, 3, 4] } }),
      'boundaries[1]',
    ],
  ])('refuses a sparse array (%s) instead of reading its hole as undefined', (_, build, slot) => {
    const { error } = thrown(build);
    expectOneLine(error, RangeError, new RegExp(`\`${slot.replace(/[[\]]/g, '\\$&')}\` is an empty slot of a sparse array`));
    expect(error.message).toContain('<empty>');
  });

  const schedules: Array<[string, Schedule]> = [
    ['cosine', cosine({ initialValue: 0.1, decaySteps: 10 })],
    ['step', step({ initialValue: 0.1, periodSteps: 3, factor: 0.5 })],
    ['torch StepLR', fromTorch('StepLR', { step_size: 3 }, { learningRate: 0.1 })],
    ['keras ExponentialDecay', fromKeras({ class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 } })],
  ];
  const notNumbers: unknown[] = [null, '5', '', true, [5], { valueOf: () => 5 }, 5n, undefined];
  it.each(schedules)('never coerces a step that is not a number (%s)', (_, schedule) => {
    for (const value of notNumbers) {
      const { error } = thrown(() => schedule(value as number));
      expectOneLine(error, TypeError, /`step` must be a finite number in \[0, 9007199254740991\]; received /);
    }
  });

  it.each(schedules)('refuses a step outside [0, limits.maxStep] (%s)', (_, schedule) => {
    for (const value of [-1, -1e-9, NaN, Infinity, -Infinity, 2 ** 53, 1e300]) {
      expectOneLine(thrown(() => schedule(value)).error, RangeError, /`step` must be a finite number in \[0, 9007199254740991\]/);
    }
    expect(Number.isFinite(schedule(limits.maxStep))).toBe(true);
  });

  it.each([
    [
      'step with a factor above 1',
      () => step({ initialValue: 1, periodSteps: 1, factor: 10 }),
      /^step: these options give a non-finite value \(Infinity\) at step 512;/,
    ],
    ['exponential growth without a ceiling', () => exponential({ initialValue: 1, decayRate: 2 }), /^exponential: .* \(Infinity\) at step 1024;/],
    ['cyclic steps whose sum overflows', () => cyclic({ initialValue: 0, peakValue: 1, riseSteps: 1e308, fallSteps: 1e308 }), /^cyclic: .* \(NaN\) at step 0;/],
    [
      'cyclic exp-range growth',
      () => cyclic({ initialValue: 0, peakValue: 1, riseSteps: 10, mode: 'exp-range', gamma: 1.5 }),
      /^cyclic: these options give a non-finite value/,
    ],
    [
      'cosine restarts with growing peaks',
      () => cosineRestarts({ initialValue: 1, periodSteps: 1, periodMultiplier: 1, peakMultiplier: 2 }),
      /^cosineRestarts: `peakMultiplier` must keep every peak finite up to step 9007199254740991 \(cycle 9007199254740991\)/,
    ],
    ['linear between ±1e308', () => linear({ initialValue: -1e308, finalValue: 1e308, totalSteps: 10 }), /^linear: these options give a non-finite value/],
    [
      'cosine whose height overflows',
      () => cosine({ initialValue: 1e308, decaySteps: 10, finalValue: -1e308 }),
      /^cosine: these options give a non-finite value \(Infinity\)/,
    ],
    [
      'multiply of huge values',
      () => multiply({ schedules: [constant({ value: 1e200 }), constant({ value: 1e200 })] }),
      /^multiply: these options give a non-finite value \(Infinity\) at step 0;/,
    ],
    [
      'warmup to an overflowing peak',
      () => warmup({ schedule: constant({ value: 1.7e308 }), warmupSteps: 10, initialValue: -1.7e308 }),
      /^warmup: these options give a non-finite value/,
    ],
    [
      'PyTorch ExponentialLR gamma > 1',
      () => fromTorch('ExponentialLR', { gamma: 1.5 }, { learningRate: 0.1 }),
      /^fromTorch: torch ExponentialLR: these options give a non-finite value/,
    ],
    [
      'PyTorch CyclicLR exp_range growth',
      () => fromTorch('CyclicLR', { base_lr: 0.1, max_lr: 1, step_size_up: 10, mode: 'exp_range', gamma: 2 }),
      /^fromTorch: torch CyclicLR: these options give a non-finite value/,
    ],
    [
      'Keras ExponentialDecay rate > 1',
      () => fromKeras({ class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 1, decay_rate: 3 } }),
      /^fromKeras: keras ExponentialDecay: these options give a non-finite value/,
    ],
  ])('refuses at construction options whose values overflow somewhere in the domain (%s)', (_, build, pattern) => {
    expectOneLine(thrown(build).error, RangeError, pattern);
  });

  it.each([
    [{ type: 'exponential', initialValue: 1, decayRate: 0.5, decaySteps: null }, 'exponential', 'decaySteps'],
    [{ type: 'cosine', initialValue: 1, decaySteps: 10, finalValue: null }, 'cosine', 'finalValue'],
    [{ type: 'cyclic', initialValue: 0, peakValue: 1, riseSteps: 5, mode: null }, 'cyclic', 'mode'],
    [{ type: 'warmup', schedule: { type: 'constant', value: 1 }, warmupSteps: 5, initialValue: null }, 'warmup', 'initialValue'],
    [{ type: 'one-cycle', peakValue: 1, totalSteps: 100, warmupFraction: null }, 'oneCycle', 'warmupFraction'],
  ])('never reads null as "use the default" (%#)', (config, owner, key) => {
    expectOneLine(
      thrown(() => fromConfig(config)).error,
      TypeError,
      new RegExp(`^${owner}: \`${key}\` must be left out \\(for its default\\) or given a value; received null$`),
    );
  });

  it('keeps growth that a ceiling bounds, and decays that underflow to 0', () => {
    const capped = exponential({ initialValue: 1, decayRate: 2, finalValue: 64 });
    expect([capped(0), capped(3), capped(6), capped(limits.maxStep)]).toEqual([1, 8, 64, 64]);
    const decaying = exponential({ initialValue: 1, decayRate: 0.5 });
    expect(decaying(limits.maxStep)).toBe(0);
    expect(multiStep({ initialValue: 1, boundaries: [10, 20], factor: 5 })(20)).toBe(25);
  });

  it('throws rather than returns a non-finite value of a user function', () => {
    const broken = lambda((t) => (t > 5 ? Number.NaN : 1));
    expect(broken(5)).toBe(1);
    expectOneLine(
      thrown(() => broken(6)).error,
      RangeError,
      /^lambda: the value at step 6 is not a finite number \(NaN\); a schedule returns a finite number or throws$/,
    );
  });
});

describe('class 3: every error is one short line', () => {
  it.each([
    ['a million non-increasing boundaries', { type: 'piecewise-constant', boundaries: range(9_999, (index) => 9_999 - index), values: range(10_000) }],
    ['a megabyte-long unknown option', { type: 'cosine', ['k'.repeat(1_000_000)]: 1 }],
    ['a megabyte-long string value', { type: 'cosine', initialValue: 'v'.repeat(1_000_000), decaySteps: 1 }],
    ['a megabyte-long type', { type: 't'.repeat(1_000_000) }],
    ['a megabyte-long PyTorch name', { type: 'torch', name: 'n'.repeat(1_000_000), args: {}, learningRate: 1 }],
    ['a huge wrong array value', { type: 'constant', value: range(9_000) }],
    ['a huge object with a forbidden key', JSON.parse(`{"type":"cosine","decaySteps":1,"initialValue":1,"__proto__":${JSON.stringify(range(9_000))}}`)],
  ])('quotes a bounded excerpt for %s', (_, config) => {
    const { error } = thrown(() => fromConfig(config));
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThanOrEqual(1000);
  });

  it('excerpts any value in bounded time: strings, sparse and huge arrays, cycles, throwing getters', () => {
    expect(excerpt([1, , 3])).toBe('[1,<empty>,3]');
    expect(excerpt('x'.repeat(1000), 5)).toBe('"xxxx… (a string of 1000 characters)');
    expect(excerpt(range(1_000_000), 10)).toBe('[0,1,2,3,4… (an array of 1000000 entries)');
    expect(excerpt({ a: 1, b: [NaN, Infinity, -0] })).toBe('{"a":1,"b":[NaN,Infinity,0]}');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(excerpt(cycle, 30)).toBe('{"self":{"self":{"self":{"self…');
    const hostile = {
      get boom(): never {
        throw new Error('no');
      },
    };
    expect(excerpt(hostile)).toBe('an unreadable value');
    expect(excerpt(new Map())).toBe('an instance of Map');
    expect(excerpt(Symbol('s'))).toBe('Symbol(s)');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

/** Numbers a careless or hostile config may hold, the extremes included. */
const wildNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 2, 3, 10, 100, 1e-300, 5e-324, 1e300, -1e300, Number.MAX_VALUE, 2 ** 53 - 1, 2 ** 53, 1e15),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 2000 }),
  fc.double({ min: 0, max: 3, noNaN: true }),
);
const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: wildNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, '5', '', true, false, [], {}, [1, 2]) },
);
const numberList = fc.oneof(
  fc.array(wildNumber, { maxLength: 6 }),
  fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 6 }).map((items) => [...new Set(items)].sort((a, b) => a - b)),
  fc.sparseArray(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
);

function record(type: string, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(fields, { requiredKeys: [] }).map((options) => ({ type, ...options }));
}

const { config: scheduleConfig } = fc.letrec<{ config: Record<string, unknown> }>((tie) => {
  const child = fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('config'));
  return {
    config: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      record('constant', { value: wildValue }),
      record('cosine', { initialValue: wildValue, decaySteps: wildValue, finalValue: wildValue, exponent: wildValue }),
      record('linear', { initialValue: wildValue, finalValue: wildValue, totalSteps: wildValue }),
      record('polynomial', { initialValue: wildValue, finalValue: wildValue, decaySteps: wildValue, power: wildValue, cycle: fc.boolean() }),
      record('step', { initialValue: wildValue, periodSteps: wildValue, factor: wildValue }),
      record('multi-step', { initialValue: wildValue, boundaries: numberList, factor: wildValue }),
      record('piecewise-constant', { boundaries: numberList, values: numberList }),
      record('exponential', {
        initialValue: wildValue,
        decayRate: wildValue,
        decaySteps: wildValue,
        staircase: fc.boolean(),
        transitionBegin: wildValue,
        finalValue: wildValue,
      }),
      record('inverse-time', { initialValue: wildValue, decayRate: wildValue, decaySteps: wildValue, staircase: fc.boolean() }),
      record('inverse-sqrt', { initialValue: wildValue, timescale: wildValue }),
      record('cosine-restarts', {
        initialValue: wildValue,
        periodSteps: wildValue,
        periodMultiplier: wildValue,
        peakMultiplier: wildValue,
        finalValue: wildValue,
        cycleLimit: wildValue,
      }),
      record('cyclic', {
        initialValue: wildValue,
        peakValue: wildValue,
        riseSteps: wildValue,
        fallSteps: wildValue,
        mode: fc.constantFrom('triangular', 'triangular2', 'exp-range', 'other'),
        gamma: wildValue,
        scaleMode: fc.constantFrom('cycle', 'iterations'),
        minMomentum: wildValue,
        maxMomentum: wildValue,
      }),
      record('one-cycle', {
        peakValue: wildValue,
        totalSteps: wildValue,
        warmupFraction: wildValue,
        annealing: fc.constantFrom('cos', 'linear', 'x'),
        initialDivisor: wildValue,
        finalDivisor: wildValue,
        threePhase: fc.boolean(),
        minMomentum: wildValue,
        maxMomentum: wildValue,
        cycleMomentum: fc.boolean(),
      }),
      record('warmup-stable-decay', {
        peakValue: wildValue,
        warmupSteps: wildValue,
        stableSteps: wildValue,
        decaySteps: wildValue,
        initialValue: wildValue,
        finalValue: wildValue,
      }),
      record('annealing-cycles', {
        shape: fc.constantFrom('cosine', 'tanh', 'polynomial'),
        initialValue: wildValue,
        finalValue: wildValue,
        periodSteps: wildValue,
        periodMultiplier: wildValue,
        peakMultiplier: wildValue,
        cycleLimit: wildValue,
        kDecay: wildValue,
        power: wildValue,
        lowerBound: wildValue,
        upperBound: wildValue,
      }),
      record('piecewise-interpolate', { boundaries: numberList, values: numberList, interpolation: fc.constantFrom('linear', 'cosine') }),
      record('noise', { schedule: child, start: wildValue, end: wildValue, limit: wildValue, seed: wildValue }),
      record('overlapping-warmup', { schedule: child, warmupSteps: wildValue, initialValue: wildValue, target: wildValue }),
      record('warmup', { schedule: child, warmupSteps: wildValue, initialValue: wildValue, shape: fc.constantFrom('linear', 'cos', 'x') }),
      record('join', { schedules: fc.array(child, { maxLength: 3 }), boundaries: numberList }),
      record('multiply', { schedules: fc.array(child, { maxLength: 3 }) }),
      record('clamp', { schedule: child, minValue: wildValue, maxValue: wildValue }),
      record('offset', { schedule: child, delaySteps: wildValue }),
      record('torch', {
        name: fc.constantFrom('StepLR', 'ExponentialLR', 'CosineAnnealingLR', 'CyclicLR', 'OneCycleLR', 'LinearLR', 'PolynomialLR'),
        args: fc.record(
          {
            step_size: wildValue,
            gamma: wildValue,
            T_max: wildValue,
            base_lr: wildValue,
            max_lr: wildValue,
            step_size_up: wildValue,
            total_steps: wildValue,
            total_iters: wildValue,
            power: wildValue,
            start_factor: wildValue,
            mode: fc.constantFrom('triangular', 'exp_range'),
          },
          { requiredKeys: [] },
        ),
        learningRate: wildValue,
      }),
      record('keras', {
        class_name: fc.constantFrom('ExponentialDecay', 'InverseTimeDecay', 'PolynomialDecay', 'CosineDecay', 'CosineDecayRestarts'),
        config: fc.record(
          {
            initial_learning_rate: wildValue,
            decay_steps: wildValue,
            decay_rate: wildValue,
            first_decay_steps: wildValue,
            alpha: wildValue,
            t_mul: wildValue,
            m_mul: wildValue,
            power: wildValue,
            end_learning_rate: wildValue,
          },
          { requiredKeys: [] },
        ),
      }),
    ),
  };
});

/** Steps anywhere in the domain: small integers, fractions, huge integers, the ends. */
const domainStep = fc.oneof(
  fc.integer({ min: 0, max: 20_000 }),
  fc.double({ min: 0, max: 20_000, noNaN: true }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ min: 0, max: Number.MAX_SAFE_INTEGER, noNaN: true }),
  fc.constantFrom(0, limits.maxStep, limits.maxStep - 1),
);

function tryLoad(config: unknown): { schedule: Schedule } | { error: unknown } {
  try {
    return { schedule: fromConfig(config) };
  } catch (error) {
    return { error };
  }
}

function expectClearError(error: unknown): void {
  expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message.length).toBeLessThanOrEqual(1200);
  expect(message).not.toMatch(/Maximum call stack|undefined is not|cannot read prop/i);
}

describe('properties', () => {
  test.prop([fc.jsonValue({ maxDepth: 6 })], { numRuns: Number(process.env.LRKIT_PROPERTY_RUNS ?? 300) })(
    'any JSON value given to fromConfig is a schedule or one clear error, quickly',
    (value) => {
      const start = performance.now();
      const result = tryLoad(value);
      if ('error' in result) expectClearError(result.error);
      else expect(Number.isFinite(result.schedule(0))).toBe(true);
      expect(performance.now() - start).toBeLessThan(1000);
    },
    600_000,
  );

  test.prop([scheduleConfig, fc.array(domainStep, { minLength: 1, maxLength: 30 })], { numRuns: Number(process.env.LRKIT_PROPERTY_RUNS ?? 600) })(
    'every accepted schedule is finite over its whole domain; every refused config is one clear error',
    (config, steps) => {
      const start = performance.now();
      const result = tryLoad(config);
      if ('error' in result) {
        expectClearError(result.error);
        return;
      }
      for (const at of steps) {
        const value = result.schedule(at);
        if (!Number.isFinite(value)) throw new Error(`non-finite ${value} at step ${at}`);
      }
      expect(performance.now() - start).toBeLessThan(1000);
    },
    600_000,
  );

  test.prop([scheduleConfig, fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 10 })], {
    numRuns: Number(process.env.LRKIT_PROPERTY_RUNS ?? 400),
  })(
    'toConfig ∘ fromConfig is the identity on accepted input, and the loaded schedule evaluates the same',
    (config, steps) => {
      const result = tryLoad(config);
      if ('error' in result) return;
      let saved: unknown;
      try {
        saved = toConfig(result.schedule);
      } catch (error) {
        // Only a lambda cannot be saved, and no JSON config holds one.
        throw new Error(`toConfig refused an accepted config: ${(error as Error).message}`);
      }
      const reloaded = fromConfig(JSON.parse(JSON.stringify(saved)));
      expect(toConfig(reloaded)).toEqual(saved);
      for (const at of steps) expect(reloaded(at)).toBe(result.schedule(at));
    },
    600_000,
  );
});
