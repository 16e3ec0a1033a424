import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from '../config.js';
import { fromKeras } from './keras.js';
import { expectSameValues, sample } from './reference/compare.js';
import * as keras from './reference/keras.js';
import { fromTorch } from './torch.js';

const steps = 500;

describe('fromKeras against the ported Keras __call__', () => {
  it('ExponentialDecay matches, continuous and staircase', () => {
    for (const staircase of [false, true]) {
      const config = { initial_learning_rate: 0.1, decay_steps: 37, decay_rate: 0.8, staircase };
      expectSameValues(sample(fromKeras({ class_name: 'ExponentialDecay', config }), steps), sample(keras.exponentialDecay(config), steps));
    }
  });

  it('reproduces the documented ExponentialDecay(0.1, 100000, 0.96, staircase=True)', () => {
    const s = fromKeras({
      module: 'keras.optimizers.schedules',
      class_name: 'ExponentialDecay',
      config: { initial_learning_rate: 0.1, decay_steps: 100000, decay_rate: 0.96, staircase: true, name: 'ExponentialDecay' },
      registered_name: null,
    });
    expect(s(99999)).toBe(0.1);
    expect(s(100000)).toBeCloseTo(0.096, 15);
  });

  it('PiecewiseConstantDecay matches', () => {
    const config = { boundaries: [50, 120, 300], values: [1, 0.5, 0.1, 0.01] };
    expectSameValues(sample(fromKeras({ class_name: 'PiecewiseConstantDecay', config }), steps), sample(keras.piecewiseConstantDecay(config), steps));
  });

  it('PiecewiseConstantDecay switches one step AFTER the boundary (step > boundary), unlike StepLR', () => {
    const keras10 = fromKeras({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [10], values: [0.1, 0.05] } });
    const torch10 = fromTorch('StepLR', { step_size: 10, gamma: 0.5 }, { learningRate: 0.1 });
    expect([keras10(10), keras10(11)]).toEqual([0.1, 0.05]);
    expect([torch10(9), torch10(10)]).toEqual([0.1, 0.05]);
  });

  it('PolynomialDecay matches without and with cycle', () => {
    for (const cycle of [false, true]) {
      const config = { initial_learning_rate: 0.1, decay_steps: 60, end_learning_rate: 0.001, power: 0.5, cycle };
      expectSameValues(sample(fromKeras({ class_name: 'PolynomialDecay', config }), steps), sample(keras.polynomialDecay(config), steps));
    }
  });

  it('PolynomialDecay with cycle ends each cycle at the end value and jumps back up after it', () => {
    const s = fromKeras({ class_name: 'PolynomialDecay', config: { initial_learning_rate: 1, decay_steps: 10, end_learning_rate: 0, cycle: true } });
    expect(s(10)).toBe(0);
    expect(s(11)).toBeCloseTo(1 - 11 / 20, 15);
  });

  it('PolynomialDecay defaults end_learning_rate to 0.0001', () => {
    const s = fromKeras({ class_name: 'PolynomialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10 } });
    expect(s(20)).toBe(0.0001);
  });

  it('InverseTimeDecay matches, continuous and staircase', () => {
    for (const staircase of [false, true]) {
      const config = { initial_learning_rate: 0.1, decay_steps: 13, decay_rate: 0.5, staircase };
      expectSameValues(sample(fromKeras({ class_name: 'InverseTimeDecay', config }), steps), sample(keras.inverseTimeDecay(config), steps));
    }
  });

  it('CosineDecay matches without warm-up and holds alpha * initial after decay_steps', () => {
    const config = { initial_learning_rate: 0.1, decay_steps: 300, alpha: 0.05 };
    const s = fromKeras({ class_name: 'CosineDecay', config });
    expectSameValues(sample(s, steps), sample(keras.cosineDecay(config), steps));
    expect(s(450)).toBeCloseTo(0.005, 15);
  });

  it('CosineDecay matches with warm-up (decay_steps counted after the warm-up)', () => {
    const config = { initial_learning_rate: 0.001, decay_steps: 250, alpha: 0.1, warmup_target: 0.1, warmup_steps: 40 };
    expectSameValues(sample(fromKeras({ class_name: 'CosineDecay', config }), steps), sample(keras.cosineDecay(config), steps));
  });

  it('reproduces the golden warm-up + cosine values at 0, 1, 4, 5, 6, 19, 20, 25', () => {
    const s = fromKeras({ class_name: 'CosineDecay', config: { initial_learning_rate: 0, decay_steps: 15, warmup_target: 1, warmup_steps: 5 } });
    [0, 0.2, 0.8, 1, 0.989074, 0.0109262, 0, 0].forEach((value, index) => expect(s([0, 1, 4, 5, 6, 19, 20, 25][index] as number)).toBeCloseTo(value, 6));
  });

  it('CosineDecayRestarts matches with t_mul 2 and m_mul 0.8', () => {
    const config = { initial_learning_rate: 0.1, first_decay_steps: 20, t_mul: 2, m_mul: 0.8, alpha: 0.01 };
    expectSameValues(sample(fromKeras({ class_name: 'CosineDecayRestarts', config }), steps), sample(keras.cosineDecayRestarts(config), steps));
  });

  it('CosineDecayRestarts matches with t_mul 1', () => {
    const config = { initial_learning_rate: 0.1, first_decay_steps: 33, t_mul: 1, m_mul: 0.9 };
    expectSameValues(sample(fromKeras({ class_name: 'CosineDecayRestarts', config }), steps), sample(keras.cosineDecayRestarts(config), steps));
  });

  it('CosineDecayRestarts restarts at 20, 60, 140 with t_mul 2 (the Keras default)', () => {
    const s = fromKeras({ class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 1, first_decay_steps: 20 } });
    for (const restart of [20, 60, 140]) expect(s(restart)).toBeCloseTo(1, 12);
  });
});

describe('fromKeras Keras 2 time-based decay', () => {
  it('SGD(learning_rate, decay) is lr / (1 + decay * iterations)', () => {
    const s = fromKeras({ class_name: 'SGD', config: { learning_rate: 0.1, decay: 0.01, momentum: 0.9 } });
    const expected = sample((iterations) => 0.1 / (1 + 0.01 * iterations), steps);
    expectSameValues(sample(s, steps), expected);
  });

  it('accepts the legacy lr alias and equals InverseTimeDecay(lr, 1, decay)', () => {
    const s = fromKeras({ class_name: 'Adam', config: { lr: 0.001, decay: 1e-3, beta_1: 0.9 } });
    const inverse = fromKeras({ class_name: 'InverseTimeDecay', config: { initial_learning_rate: 0.001, decay_steps: 1, decay_rate: 1e-3 } });
    expectSameValues(sample(s, steps), sample(inverse, steps));
  });

  it('applies decay on top of a serialized schedule given as learning_rate', () => {
    const inner = { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.9 } };
    const s = fromKeras({ class_name: 'SGD', config: { learning_rate: inner, decay: 0.05 } });
    const expected = sample((step) => keras.exponentialDecay(inner.config)(step) / (1 + 0.05 * step), steps);
    expectSameValues(sample(s, steps), expected);
  });

  it('without decay holds the learning rate', () => {
    expect(fromKeras({ class_name: 'RMSprop', config: { learning_rate: 0.01 } })(1000)).toBe(0.01);
  });
});

describe('fromKeras errors', () => {
  it('suggests the closest class name', () => {
    expect(() => fromKeras({ class_name: 'CosineDecayRestart', config: {} })).toThrow(
      /unknown class_name "CosineDecayRestart" \(did you mean 'CosineDecayRestarts'\?\)/,
    );
  });

  it('suggests the closest config key', () => {
    expect(() => fromKeras({ class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_step: 10, decay_rate: 0.9 } })).toThrow(
      /ExponentialDecay: unknown option `decay_step` \(did you mean `decay_steps`\?\)/,
    );
  });

  it('names a missing required argument', () => {
    expect(() => fromKeras({ class_name: 'CosineDecay', config: { initial_learning_rate: 0.1 } })).toThrow(
      new TypeError('fromKeras: CosineDecay: `decay_steps` is required; received undefined'),
    );
  });

  it('rejects decay_steps <= 0 naming the argument', () => {
    expect(() => fromKeras({ class_name: 'InverseTimeDecay', config: { initial_learning_rate: 0.1, decay_steps: 0, decay_rate: 1 } })).toThrow(
      new RangeError('fromKeras: InverseTimeDecay: `decay_steps` must be a positive finite number; received 0'),
    );
  });

  it('rejects boundaries and values of mismatched lengths', () => {
    expect(() => fromKeras({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [1, 2], values: [1, 2] } })).toThrow(
      /The length of boundaries should be 1 less than the length of values/,
    );
  });

  it('rejects keys outside the serialize() shape', () => {
    expect(() => fromKeras({ class_name: 'CosineDecay', config: {}, modul: 'x' } as never)).toThrow(/unknown option `modul` \(did you mean `module`\?\)/);
  });
});

describe('fromKeras configs', () => {
  it('reload from JSON into the same numbers', () => {
    const presets = [
      fromKeras({ class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.9 } }),
      fromKeras({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [10, 20], values: [1, 0.5, 0.1] } }),
      fromKeras({ class_name: 'PolynomialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, cycle: true } }),
      fromKeras({ class_name: 'InverseTimeDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 } }),
      fromKeras({ class_name: 'CosineDecay', config: { initial_learning_rate: 0, decay_steps: 15, warmup_target: 1, warmup_steps: 5 } }),
      fromKeras({ class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 0.1, first_decay_steps: 10 } }),
      fromKeras({ class_name: 'SGD', config: { learning_rate: 0.1, decay: 0.01 } }),
    ];
    for (const preset of presets) {
      const reloaded = fromConfig(JSON.parse(JSON.stringify(toConfig(preset))));
      expect(sample(reloaded, 200)).toEqual(sample(preset, 200));
    }
  });

  it('fill in Keras defaults under Keras names', () => {
    expect(toConfig(fromKeras({ class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 0.1, first_decay_steps: 10 } }))).toEqual({
      type: 'keras',
      class_name: 'CosineDecayRestarts',
      config: { initial_learning_rate: 0.1, first_decay_steps: 10, t_mul: 2, m_mul: 1, alpha: 0, name: 'SGDRDecay' },
    });
  });
});

describe('fromKeras on random configurations', () => {
  it('matches the ported __call__ for random schedules over 300 steps', () => {
    const positive = (max: number) => fc.double({ min: 1e-3, max, noNaN: true });
    const schedule = fc.oneof(
      fc.record({
        class_name: fc.constant('ExponentialDecay'),
        config: fc.record({ initial_learning_rate: positive(1), decay_steps: positive(100), decay_rate: positive(1), staircase: fc.boolean() }),
      }),
      fc.record({
        class_name: fc.constant('InverseTimeDecay'),
        config: fc.record({ initial_learning_rate: positive(1), decay_steps: positive(100), decay_rate: positive(5), staircase: fc.boolean() }),
      }),
      fc.record({
        class_name: fc.constant('PolynomialDecay'),
        config: fc.record({
          initial_learning_rate: positive(1),
          decay_steps: fc.integer({ min: 1, max: 200 }),
          end_learning_rate: positive(0.01),
          power: positive(3),
          cycle: fc.boolean(),
        }),
      }),
      fc.record({
        class_name: fc.constant('CosineDecay'),
        config: fc.record({
          initial_learning_rate: positive(1),
          decay_steps: fc.integer({ min: 1, max: 200 }),
          alpha: fc.double({ min: 0, max: 0.5, noNaN: true }),
          warmup_target: fc.option(positive(2), { nil: null }),
          warmup_steps: fc.integer({ min: 0, max: 50 }),
        }),
      }),
      fc.record({
        class_name: fc.constant('CosineDecayRestarts'),
        config: fc.record({
          initial_learning_rate: positive(1),
          first_decay_steps: fc.integer({ min: 1, max: 60 }),
          t_mul: fc.constantFrom(1, 1.5, 2, 3),
          m_mul: fc.double({ min: 0.5, max: 1, noNaN: true }),
          alpha: fc.double({ min: 0, max: 0.5, noNaN: true }),
        }),
      }),
    );
    const ports: Record<string, (config: never) => (step: number) => number> = {
      ExponentialDecay: keras.exponentialDecay,
      InverseTimeDecay: keras.inverseTimeDecay,
      PolynomialDecay: keras.polynomialDecay,
      CosineDecay: keras.cosineDecay,
      CosineDecayRestarts: keras.cosineDecayRestarts,
    };
    fc.assert(
      fc.property(schedule, (serialized) => {
        const port = (ports[serialized.class_name] as (config: unknown) => (step: number) => number)(serialized.config);
        expectSameValues(sample(fromKeras(serialized), 300), sample(port, 300));
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
