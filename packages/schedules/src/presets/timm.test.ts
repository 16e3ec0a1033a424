import { describe, expect, it } from 'vitest';
import { timmCycle } from '../annealing-cycles.js';
import { fromConfig, toConfig } from '../config.js';
import { expectSameValues } from './reference/compare.js';
import { timmReference } from './reference/timm.js';
import { fromTimm, type TimmArguments, timmNumEpochs } from './timm.js';
import traces from './traces/timm.json' with { type: 'json' };

interface TimmTrace {
  readonly kwargs: TimmArguments & Record<string, unknown>;
  readonly base_lr: number;
  readonly updates_per_epoch: number;
  readonly num_epochs: number;
  readonly values: number[];
  readonly class?: string;
  readonly error?: string;
}

const factoryTraces = (traces as TimmTrace[]).filter((trace) => trace.class === undefined && trace.error === undefined);
const argsOf = (trace: TimmTrace): TimmArguments => ({
  ...trace.kwargs,
  ...(trace.updates_per_epoch > 0 ? { updates_per_epoch: trace.updates_per_epoch } : {}),
});
const label = (trace: TimmTrace): string => JSON.stringify(argsOf(trace));

describe('fromTimm against traces recorded from timm 1.0.29 create_scheduler_v2 (lr after step(t) / step_update(t))', () => {
  it.each(factoryTraces.map((trace) => [label(trace), trace] as const))('%s', (_label, trace) => {
    const schedule = fromTimm(argsOf(trace), { learningRate: trace.base_lr });
    expectSameValues(
      trace.values.map((_, step) => schedule(step)),
      trace.values,
    );
  });

  it.each(factoryTraces.map((trace) => [label(trace), trace] as const))('num_epochs of %s', (_label, trace) => {
    expect(timmNumEpochs(argsOf(trace))).toBe(trace.num_epochs);
  });

  it('covers every sched name and every option the issue lists', () => {
    const seen = new Set(factoryTraces.flatMap((trace) => [String(trace.kwargs.sched), ...Object.keys(trace.kwargs)]));
    for (const name of [
      'cosine',
      'tanh',
      'poly',
      'step',
      'multistep',
      'cycle_mul',
      'cycle_decay',
      'cycle_limit',
      'k_decay',
      'warmup_prefix',
      'noise',
      'noise_pct',
      'noise_std',
      'noise_seed',
    ]) {
      expect(seen).toContain(name);
    }
  });
});

describe('fromTimm against the line-by-line port of timm', () => {
  it.each(factoryTraces.map((trace) => [label(trace), trace] as const))('%s over 300 steps', (_label, trace) => {
    const schedule = fromTimm(argsOf(trace), { learningRate: trace.base_lr });
    const expected = timmReference(trace.base_lr, argsOf(trace), 300);
    expectSameValues(
      expected.map((_, step) => schedule(step)),
      expected,
    );
  });
});

describe('fromTimm boundaries and off-by-ones', () => {
  it('overlaps the warm-up with the cosine unless warmup_prefix', () => {
    const overlap = fromTimm({ sched: 'cosine', num_epochs: 10, warmup_epochs: 2, warmup_lr: 0 }, { learningRate: 1 });
    const prefix = fromTimm({ sched: 'cosine', num_epochs: 10, warmup_epochs: 2, warmup_lr: 0, warmup_prefix: true }, { learningRate: 1 });
    expect([overlap(0), overlap(1)]).toEqual([0, 0.5]);
    expect(overlap(2)).toBeCloseTo(0.5 * (1 + Math.cos(Math.PI * 0.2)), 15);
    expect(prefix(2)).toBe(1);
    expect(prefix(12)).toBe(0);
  });

  it('switches multistep one step before the milestone', () => {
    const s = fromTimm({ sched: 'multistep', decay_milestones: [10], decay_rate: 0.5 }, { learningRate: 1 });
    expect([s(8), s(9), s(10)]).toEqual([1, 0.5, 0.5]);
  });

  it('holds min_lr after cycle_limit cycles and decays each cycle peak by cycle_decay', () => {
    const s = fromTimm({ sched: 'cosine', num_epochs: 10, cycle_limit: 2, cycle_decay: 0.5, min_lr: 0.01 }, { learningRate: 1 });
    expect([s(0), s(10), s(20), s(50)]).toEqual([1, 0.5, 0.01, 0.01]);
  });

  it('draws noise that is pure in the step: any order, any number of times', () => {
    const s = fromTimm({ sched: 'cosine', num_epochs: 50, noise: [0.2, 0.8], noise_pct: 0.5, noise_seed: 3 }, { learningRate: 1 });
    const forward = Array.from({ length: 50 }, (_, step) => s(step));
    const backward = Array.from({ length: 50 }, (_, index) => s(49 - index)).reverse();
    expect(backward).toEqual(forward);
    const plain = fromTimm({ sched: 'cosine', num_epochs: 50 }, { learningRate: 1 });
    forward.forEach((value, step) => {
      const ratio = value / plain(step) - 1;
      if (step < 10 || step >= 40) expect(ratio).toBe(0);
      else expect(Math.abs(ratio)).toBeLessThan(0.5 + 1e-12);
    });
  });
});

describe('fromTimm just below a growing cycle boundary', () => {
  it('puts a step an ulp below the boundary at the next cycle start, never at a negative position (NaN for t ** k)', () => {
    // log_1.5(1 + (t / 4) * 0.5) rounds up to 1 at t = 3.999999999999999: cycle 1 (length 6) at position 0.
    expect(timmCycle(3.999999999999999, 4, 1.5)).toEqual([1, 6, 0]);
    const schedule = fromTimm({ sched: 'poly', num_epochs: 4, cycle_mul: 1.5, cycle_limit: 3, k_decay: 0.5, decay_rate: 0.5, min_lr: 0 }, { learningRate: 1 });
    expect(schedule(3.999999999999999)).toBe(schedule(4));
    expect(Number.isFinite(fromConfig(JSON.parse(JSON.stringify(toConfig(schedule))))(3.999999999999999))).toBe(true);
  });
});

describe('fromTimm configs and errors', () => {
  it('round-trips every recorded case through its JSON config', () => {
    for (const trace of factoryTraces) {
      const schedule = fromTimm(argsOf(trace), { learningRate: trace.base_lr });
      const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(schedule))));
      for (const step of [0, 1, 5, 17, 33, 60, 119]) expect(loaded(step)).toBe(schedule(step));
    }
  });

  it('refuses the old option name baseLr, naming learningRate, in options and in an old JSON config', () => {
    const renamed = new TypeError('fromTimm: option `baseLr` was renamed `learningRate` before 1.0 (same meaning unless the changelog says otherwise)');
    expect(() => fromTimm({ sched: 'step', decay_epochs: 10 }, { baseLr: 0.1 } as never)).toThrow(renamed);
    expect(() => fromConfig({ type: 'timm', args: { sched: 'step', decay_epochs: 10 }, baseLr: 0.1 })).toThrow(renamed);
  });

  it('names the argument, the rule and the value', () => {
    expect(() => fromTimm({ sched: 'cosin' }, { learningRate: 0.1 })).toThrow(/`sched` must be one of .* \(did you mean 'cosine'\?\); received "cosin"/);
    expect(() => fromTimm({ sched: 'plateau' }, { learningRate: 0.1 })).toThrow(/use torchPlateau/);
    expect(() => fromTimm({ noise_pct: 0 }, { learningRate: 0.1 })).toThrow(
      'create_scheduler_v2: `noise_pct` must be a finite number >= 0.01 (limits.minNoiseLimit: each step redraws about 1.25 / noise_pct normal numbers); received 0',
    );
    expect(() => fromTimm({ step_on_epochs: false }, { learningRate: 0.1 })).toThrow(/`updates_per_epoch` must be set/);
    expect(() => fromTimm({ cycle_mull: 2 } as TimmArguments, { learningRate: 0.1 })).toThrow(/unknown option `cycle_mull` \(did you mean `cycle_mul`\?\)/);
    expect(() => fromTimm({}, {} as never)).toThrow('fromTimm: `learningRate` is required; received undefined');
  });
});
