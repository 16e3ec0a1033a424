import { describe, expect, it } from 'vitest';
import { annealingCycles } from './annealing-cycles.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { noise } from './noise.js';
import { overlappingWarmup } from './overlapping-warmup.js';
import { expectSameValues } from './presets/reference/compare.js';
import traces from './presets/traces/timm.json' with { type: 'json' };
import type { Schedule } from './schedule.js';
import { tanhDecay } from './tanh.js';
import { warmup } from './warmup.js';

interface TimmTrace {
  readonly kwargs: Record<string, unknown>;
  readonly base_lr: number;
  readonly values: number[];
  readonly class?: string;
}

const recorded = traces as TimmTrace[];
const find = (predicate: (trace: TimmTrace) => boolean): TimmTrace => recorded.find(predicate)!;
const replay = (schedule: Schedule, trace: TimmTrace): void =>
  expectSameValues(
    trace.values.map((_, step) => schedule(step)),
    trace.values,
  );

describe('native schedules reproduce timm 1.0.29 traces (cycles, k-decay, tanh, warm-up, noise)', () => {
  it('annealingCycles: cosine with cycle_mul 2, cycle_decay 0.5, cycle_limit 4', () => {
    const trace = find((t) => t.kwargs.sched === 'cosine' && t.kwargs.cycle_mul === 2);
    replay(annealingCycles({ initialValue: 0.1, finalValue: 1e-3, periodSteps: 10, periodMultiplier: 2, peakMultiplier: 0.5, cycleLimit: 4 }), trace);
  });

  it('annealingCycles: k_decay 2 (the cosine position squared)', () => {
    const trace = find((t) => t.kwargs.sched === 'cosine' && t.kwargs.k_decay === 2);
    replay(annealingCycles({ initialValue: 0.1, finalValue: 1e-5, periodSteps: 60, kDecay: 2 }), trace);
  });

  it('annealingCycles + warmup: cycles after a prefixed warm-up (warmup_prefix=True)', () => {
    const trace = find((t) => t.kwargs.sched === 'cosine' && t.kwargs.cycle_mul === 1.5);
    const cycles = annealingCycles({ initialValue: 0.1, periodSteps: 13, periodMultiplier: 1.5, peakMultiplier: 0.8, cycleLimit: 5, kDecay: 1.5 });
    replay(warmup({ schedule: cycles, warmupSteps: 2, initialValue: 1e-5 }), trace);
  });

  it('overlappingWarmup: the cosine warm-up overlapping the first epochs (warmup_prefix=False)', () => {
    const trace = find(
      (t) => t.kwargs.sched === 'cosine' && t.kwargs.warmup_epochs === 5 && t.kwargs.warmup_prefix === undefined && t.kwargs.noise === undefined,
    );
    const cycles = annealingCycles({ initialValue: 0.1, finalValue: 1e-5, periodSteps: 50 });
    replay(overlappingWarmup({ schedule: cycles, warmupSteps: 5, initialValue: 1e-4 }), trace);
  });

  it("tanh: annealingCycles({ shape: 'tanh' }) with the warm-up ramping to the curve's value at warmup_t", () => {
    const trace = find((t) => t.kwargs.sched === 'tanh' && t.kwargs.warmup_epochs === 5 && t.kwargs.warmup_prefix === undefined);
    const curve = annealingCycles({ shape: 'tanh', initialValue: 0.1, finalValue: 1e-5, periodSteps: 40 });
    replay(overlappingWarmup({ schedule: curve, warmupSteps: 5, initialValue: 1e-4, target: 'end' }), trace);
  });

  it('tanh: TanhLRScheduler with lb -6, ub 4, two cycles', () => {
    const trace = find((t) => t.class === 'TanhLRScheduler');
    const curve = annealingCycles({ shape: 'tanh', initialValue: 0.1, finalValue: 1e-4, periodSteps: 30, cycleLimit: 2, lowerBound: -6, upperBound: 4 });
    replay(overlappingWarmup({ schedule: curve, warmupSteps: 3, initialValue: 1e-3, target: 'end' }), trace);
  });

  it('tanhDecay equals one timm tanh cycle', () => {
    const trace = find((t) => t.kwargs.sched === 'tanh' && t.kwargs.cycle_limit === 2);
    const one = tanhDecay({ initialValue: 0.1, decaySteps: 30 });
    const cycles = annealingCycles({ shape: 'tanh', initialValue: 0.1, periodSteps: 30, cycleLimit: 2, peakMultiplier: 0.9 });
    const steps = Array.from({ length: 30 }, (_, step) => step);
    expectSameValues(
      steps.map((step) => one(step)),
      steps.map((step) => trace.values[step]!),
    );
    replay(cycles, trace);
    expect(one(30)).toBe(0);
  });

  it("annealingCycles({ shape: 'polynomial' }) with k-decay and cycles", () => {
    const trace = find((t) => t.kwargs.sched === 'poly' && t.kwargs.k_decay === 1.5);
    replay(
      annealingCycles({
        shape: 'polynomial',
        initialValue: 0.1,
        periodSteps: 20,
        power: 0.5,
        kDecay: 1.5,
        cycleLimit: 3,
        peakMultiplier: 0.5,
        periodMultiplier: 2,
      }),
      trace,
    );
  });

  it('noise: the noise timm draws from torch.Generator().manual_seed(noise_seed + t), in [20, 45)', () => {
    const trace = find((t) => t.kwargs.sched === 'cosine' && Array.isArray(t.kwargs.noise) && t.kwargs.step_on_epochs === undefined);
    const cycles = annealingCycles({ initialValue: 0.1, finalValue: 1e-5, periodSteps: 50 });
    replay(noise({ schedule: cycles, start: 20, end: 45, limit: 0.67, seed: 42 }), trace);
  });

  it('noise: from a start on, with a small limit', () => {
    const trace = find((t) => t.kwargs.noise === 0.5);
    const cycles = annealingCycles({ initialValue: 0.1, finalValue: 1e-5, periodSteps: 50 });
    replay(noise({ schedule: cycles, start: 25, limit: 0.1, seed: 7 }), trace);
  });
});

describe('native timm-style schedules', () => {
  it('annealingCycles restarts at the peak times peakMultiplier and holds finalValue after cycleLimit', () => {
    const s = annealingCycles({ initialValue: 1, periodSteps: 10, periodMultiplier: 2, peakMultiplier: 0.5, cycleLimit: 3 });
    expect([s(0), s(5), s(10), s(30), s(70), s(500)]).toEqual([1, 0.5, 0.5, 0.25, 0, 0]);
  });

  it('annealingCycles with shrinking cycles holds finalValue where they run out', () => {
    const s = annealingCycles({ initialValue: 1, finalValue: 0.1, periodSteps: 10, periodMultiplier: 0.5, cycleLimit: 100 });
    expect(s(25)).toBe(0.1);
    expect(Number.isFinite(s(19.9))).toBe(true);
  });

  it('overlappingWarmup keeps the schedule counting from 0', () => {
    const s = overlappingWarmup({ schedule: cosine({ initialValue: 1, decaySteps: 10 }), warmupSteps: 2 });
    expect([s(0), s(1)]).toEqual([0, 0.5]);
    expect(s(2)).toBe(cosine({ initialValue: 1, decaySteps: 10 })(2));
  });

  it('noise is pure in the step and stays inside the limit', () => {
    const s = noise({ schedule: constant({ value: 2 }), limit: 0.05, seed: 11, start: 3, end: 9 });
    const values = Array.from({ length: 12 }, (_, step) => s(step));
    expect(Array.from({ length: 12 }, (_, index) => s(11 - index)).reverse()).toEqual(values);
    values.forEach((value, step) => {
      if (step < 3 || step >= 9) expect(value).toBe(2);
      else expect(Math.abs(value / 2 - 1)).toBeLessThan(0.05);
    });
    expect(new Set(values.slice(3, 9)).size).toBe(6);
  });

  it('errors name the schedule, option, rule and value', () => {
    expect(() => tanhDecay({ initialValue: 1, decaySteps: 10, lowerBound: 3, upperBound: 3 })).toThrow(
      'tanhDecay: `upperBound` must be greater than `lowerBound` (3); received 3',
    );
    expect(() => annealingCycles({ initialValue: 1, periodSteps: 0 })).toThrow('annealingCycles: `periodSteps` must be a positive finite number; received 0');
    expect(() => annealingCycles({ initialValue: 1, periodSteps: 5, cycleLimit: 1.5 })).toThrow(/`cycleLimit` must be an integer >= 0/);
    expect(() => noise({ schedule: constant({ value: 1 }), limit: 0 })).toThrow(
      'noise: `limit` must be a finite number >= 0.01 (limits.minNoiseLimit: each step redraws about 1.25 / limit normal numbers); received 0',
    );
    expect(() => noise({ schedule: constant({ value: 1 }), start: 5, end: 5 })).toThrow('noise: `end` must be greater than `start` (5) or null; received 5');
    expect(() => overlappingWarmup({ schedule: constant({ value: 1 }), warmupSteps: 2, target: 'middle' as never })).toThrow(
      /`target` must be one of 'start', 'end'/,
    );
  });
});

describe('annealingCycles names (the vocabulary of cosineRestarts)', () => {
  it('refuses the pre-1.0 names with the new one', () => {
    expect(() => annealingCycles({ initialValue: 1, periodSteps: 10, cycleDecay: 0.5 } as never)).toThrow(
      new TypeError('annealingCycles: option `cycleDecay` was renamed `peakMultiplier` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
    expect(() => annealingCycles({ initialValue: 1, minValue: 0.1, periodSteps: 10 } as never)).toThrow(
      'annealingCycles: option `minValue` was renamed `finalValue`',
    );
  });
});
