import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fromConfig, toConfig } from '../config.js';
import type { Schedule } from '../schedule.js';
import { fromHuggingFace } from './hugging-face.js';
import { fromOptax } from './optax.js';
import { fromTimm } from './timm.js';

/** A random valid preset with the bounds its documentation promises. */
interface Case {
  readonly schedule: Schedule;
  readonly min: number;
  readonly max: number;
  /** Bounds hold on integer steps only (transformers' LambdaLR never sees a fractional step). */
  readonly integerSteps?: boolean;
}

const rate = fc.double({ min: 1e-6, max: 2, noNaN: true });
const steps = fc.integer({ min: 1, max: 500 });
const stepArbitrary = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 5000, noNaN: true }));

const cases: Record<string, fc.Arbitrary<Case>> = {
  'optax warmup_cosine_decay_schedule': fc
    .record({
      init_value: rate,
      peak_value: rate,
      end_value: rate,
      warmup_steps: fc.integer({ min: 0, max: 100 }),
      extra: steps,
      exponent: fc.double({ min: 0.2, max: 4, noNaN: true }),
    })
    .map(({ extra, ...k }) => ({
      schedule: fromOptax('warmup_cosine_decay_schedule', { ...k, decay_steps: k.warmup_steps + extra }),
      min: Math.min(k.init_value, k.peak_value, k.end_value),
      max: Math.max(k.init_value, k.peak_value, k.end_value),
    })),
  'optax linear_onecycle_schedule': fc
    .record({
      transition_steps: steps,
      peak_value: rate,
      pct_start: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
      pct_final: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
      div_factor: fc.double({ min: 1, max: 100, noNaN: true }),
      final_div_factor: fc.double({ min: 1, max: 1e5, noNaN: true }),
    })
    .map((k) => ({ schedule: fromOptax('linear_onecycle_schedule', k), min: 0, max: k.peak_value * (1 + 1e-12) })),
  'optax exponential_decay': fc
    .record({
      init_value: rate,
      transition_steps: steps,
      decay_rate: fc.double({ min: 0.05, max: 0.999, noNaN: true }),
      transition_begin: fc.integer({ min: 0, max: 100 }),
      staircase: fc.boolean(),
      end_value: fc.option(rate, { nil: null }),
    })
    .map((k) => ({
      schedule: fromOptax('exponential_decay', k),
      min: Math.min(k.init_value, k.end_value ?? 0),
      max: Math.max(k.init_value, k.end_value ?? 0),
    })),
  'hugging-face (any name)': fc
    .record({
      name: fc.constantFrom(
        'linear',
        'cosine',
        'cosine_with_restarts',
        'constant',
        'constant_with_warmup',
        'inverse_sqrt',
        'cosine_with_min_lr',
        'cosine_warmup_with_min_lr',
        'warmup_stable_decay',
      ),
      learningRate: rate,
      num_warmup_steps: fc.integer({ min: 0, max: 100 }),
      extra: fc.integer({ min: 0, max: 400 }),
      ratio: fc.double({ min: 0, max: 1, noNaN: true }),
      cycles: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ name, learningRate, num_warmup_steps, extra, ratio, cycles }) => {
      const specific: Record<string, Record<string, unknown>> = {
        cosine_with_restarts: { num_cycles: cycles },
        cosine_with_min_lr: { min_lr_rate: ratio },
        cosine_warmup_with_min_lr: { min_lr_rate: ratio },
        warmup_stable_decay: { num_decay_steps: Math.max(1, extra), min_lr_ratio: ratio },
      };
      const schedule = fromHuggingFace(name, {
        learningRate,
        num_warmup_steps,
        num_training_steps: num_warmup_steps + extra,
        scheduler_specific_kwargs: specific[name] ?? {},
      });
      // cosine_warmup_with_min_lr warms up one step ahead, (step + 1) / num_warmup_steps: between the
      // last two warm-up steps a fractional step exceeds the peak, so the bound is for integer steps.
      return { schedule, min: 0, max: learningRate, integerSteps: true };
    }),
  'timm create_scheduler_v2': fc
    .record({
      sched: fc.constantFrom('cosine', 'tanh', 'poly', 'step', 'multistep'),
      num_epochs: fc.integer({ min: 1, max: 200 }),
      warmup_epochs: fc.integer({ min: 0, max: 20 }),
      warmup_prefix: fc.boolean(),
      cycle_mul: fc.constantFrom(1, 1.5, 2),
      cycle_decay: fc.double({ min: 0.05, max: 1, noNaN: true }),
      cycle_limit: fc.integer({ min: 1, max: 5 }),
      k_decay: fc.double({ min: 0.3, max: 3, noNaN: true }),
      decay_rate: fc.double({ min: 0.05, max: 1, noNaN: true }),
      noise: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      noise_pct: fc.double({ min: 0.01, max: 0.9, noNaN: true }),
      noise_seed: fc.integer({ min: 0, max: 1e6 }),
      learningRate: rate,
    })
    .map(({ learningRate, ...args }) => ({
      schedule: fromTimm({ ...args, warmup_lr: learningRate / 10, min_lr: 0 }, { learningRate }),
      min: 0,
      max: learningRate * (1 + (args.noise === null ? 0 : args.noise_pct)),
    })),
};

describe.each(Object.entries(cases))('%s (property)', (_name, arbitrary) => {
  test.prop([arbitrary, fc.array(stepArbitrary, { minLength: 1, maxLength: 40 })])(
    'is finite and within its documented bounds',
    ({ schedule, min, max, integerSteps }, at) => {
      for (const step of integerSteps === true ? at.map(Math.floor) : at) {
        const value = schedule(step);
        expect(Number.isFinite(value)).toBe(true);
        const slack = 1e-12 * Math.max(Math.abs(min), Math.abs(max));
        expect(value).toBeGreaterThanOrEqual(min - slack);
        expect(value).toBeLessThanOrEqual(max + slack);
      }
    },
  );

  test.prop([arbitrary, fc.array(stepArbitrary, { minLength: 1, maxLength: 40 })])('round-trips through its JSON config', ({ schedule }, at) => {
    const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(schedule))));
    expect(at.map((step) => loaded(step))).toEqual(at.map((step) => schedule(step)));
  });
});
