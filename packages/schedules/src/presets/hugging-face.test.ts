import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from '../config.js';
import { fromHuggingFace, huggingFacePlateau, huggingFaceSchedulerNames } from './hugging-face.js';
import { expectSameValues } from './reference/compare.js';
import { huggingFaceReference } from './reference/hugging-face.js';
import traces from './traces/hugging-face.json' with { type: 'json' };

interface HuggingFaceTrace {
  readonly name: string;
  readonly base_lr: number;
  readonly num_warmup_steps: number | null;
  readonly num_training_steps: number | null;
  readonly scheduler_specific_kwargs: Record<string, unknown> | null;
  readonly metrics: number[] | null;
  readonly timescale?: number;
  readonly values: number[];
}

const all = traces as HuggingFaceTrace[];
const stepTraces = all.filter((trace) => !Array.isArray(trace.metrics) && trace.name !== 'get_inverse_sqrt_schedule');
const label = (trace: HuggingFaceTrace): string =>
  `${trace.name} lr=${trace.base_lr} warmup=${trace.num_warmup_steps} training=${trace.num_training_steps} ${JSON.stringify(trace.scheduler_specific_kwargs)}`;
const build = (trace: HuggingFaceTrace) =>
  fromHuggingFace(trace.name, {
    learningRate: trace.base_lr,
    num_warmup_steps: trace.num_warmup_steps,
    num_training_steps: trace.num_training_steps,
    scheduler_specific_kwargs: trace.scheduler_specific_kwargs,
  });

describe('fromHuggingFace against traces recorded from transformers 5.17 get_scheduler (lr after n scheduler.step() calls)', () => {
  it.each(stepTraces.map((trace) => [label(trace), trace] as const))('%s', (_label, trace) => {
    const schedule = build(trace);
    expectSameValues(
      trace.values.map((_, step) => schedule(step)),
      trace.values,
    );
  });

  it('covers every get_scheduler name with a step schedule', () => {
    expect(new Set(stepTraces.map((trace) => trace.name))).toEqual(new Set(huggingFaceSchedulerNames));
  });

  it.each(all.filter((trace) => trace.name === 'get_inverse_sqrt_schedule').map((trace) => [trace.timescale, trace] as const))(
    'inverse_sqrt with timescale %s',
    (_timescale, trace) => {
      const schedule = fromHuggingFace('inverse_sqrt', {
        learningRate: trace.base_lr,
        num_warmup_steps: trace.num_warmup_steps,
        scheduler_specific_kwargs: { timescale: trace.timescale },
      });
      expectSameValues(
        trace.values.map((_, step) => schedule(step)),
        trace.values,
      );
    },
  );

  it.each(all.filter((trace) => Array.isArray(trace.metrics)).map((trace) => [JSON.stringify(trace.scheduler_specific_kwargs), trace] as const))(
    'reduce_lr_on_plateau %s through huggingFacePlateau',
    (_kwargs, trace) => {
      const reducer = huggingFacePlateau(trace.scheduler_specific_kwargs ?? {});
      let state = reducer.init();
      const values = [trace.base_lr];
      for (const metric of trace.metrics!) {
        state = reducer.update(state, metric, trace.base_lr);
        values.push(reducer.apply(state, trace.base_lr));
      }
      expectSameValues(values, trace.values);
    },
  );
});

describe('fromHuggingFace against the line-by-line port of optimization.py', () => {
  it.each(stepTraces.map((trace) => [label(trace), trace] as const))('%s over 400 steps', (_label, trace) => {
    const schedule = build(trace);
    const expected = huggingFaceReference(trace.name, trace.base_lr, trace.num_warmup_steps, trace.num_training_steps, trace.scheduler_specific_kwargs, 400);
    expectSameValues(
      expected.map((_, step) => schedule(step)),
      expected,
    );
  });
});

describe('fromHuggingFace boundaries and off-by-ones', () => {
  it('warms up from 0 (step 0 is 0, the peak at num_warmup_steps)', () => {
    const s = fromHuggingFace('cosine', { learningRate: 1, num_warmup_steps: 10, num_training_steps: 110 });
    expect([s(0), s(5), s(10), s(110)]).toEqual([0, 0.5, 1, 0]);
    expect(s(60)).toBeCloseTo(0.5, 15);
  });

  it('cosine_warmup_with_min_lr counts one step ahead', () => {
    const s = fromHuggingFace('cosine_warmup_with_min_lr', {
      learningRate: 1,
      num_warmup_steps: 10,
      num_training_steps: 110,
      scheduler_specific_kwargs: { min_lr_rate: 0 },
    });
    expect([s(0), s(9), s(10)]).toEqual([0.1, 1, 0.5 * (1 + Math.cos(Math.PI * 0.01))]);
  });

  it('cosine_with_restarts is exactly 0 from the end of training on', () => {
    const s = fromHuggingFace('cosine_with_restarts', {
      learningRate: 1,
      num_warmup_steps: 0,
      num_training_steps: 90,
      scheduler_specific_kwargs: { num_cycles: 3 },
    });
    expect([s(0), s(30), s(89) > 0, s(90), s(200)]).toEqual([1, 1, true, 0, 0]);
  });

  it('polynomial holds lr_end after num_training_steps and needs lr_end < lr', () => {
    const s = fromHuggingFace('polynomial', { learningRate: 0.1, num_warmup_steps: 0, num_training_steps: 10, scheduler_specific_kwargs: { lr_end: 0.01 } });
    expect(s(11)).toBeCloseTo(0.01, 15);
    expect(() =>
      fromHuggingFace('polynomial', { learningRate: 0.1, num_warmup_steps: 0, num_training_steps: 10, scheduler_specific_kwargs: { lr_end: 0.2 } }),
    ).toThrow(/lr_end \(0.2\) must be smaller than initial lr \(0.1\)/);
  });

  it('constant ignores every other argument, as get_scheduler does', () => {
    const s = fromHuggingFace('constant', { learningRate: 0.3, num_warmup_steps: 10, scheduler_specific_kwargs: { anything: 1 } });
    expect([s(0), s(5), s(1000)]).toEqual([0.3, 0.3, 0.3]);
    expect(toConfig(s)).toEqual({
      type: 'hugging-face',
      name: 'constant',
      learningRate: 0.3,
      num_warmup_steps: null,
      num_training_steps: null,
      scheduler_specific_kwargs: {},
    });
  });
});

describe('fromHuggingFace configs and errors', () => {
  it('round-trips every recorded case through its JSON config', () => {
    for (const trace of stepTraces) {
      const schedule = build(trace);
      const loaded = fromConfig(JSON.parse(JSON.stringify(toConfig(schedule))));
      for (const step of [0, 1, 7, 10, 33.5, 99, 100, 139]) expect(loaded(step)).toBe(schedule(step));
    }
  });

  it('refuses the old option name baseLr, naming learningRate, in options and in an old JSON config', () => {
    const renamed = new TypeError('fromHuggingFace: option `baseLr` was renamed `learningRate` before 1.0 (same meaning unless the changelog says otherwise)');
    expect(() => fromHuggingFace('linear', { baseLr: 0.1, num_warmup_steps: 2, num_training_steps: 10 } as never)).toThrow(renamed);
    expect(() =>
      fromConfig({ type: 'hugging-face', name: 'linear', baseLr: 0.1, num_warmup_steps: 2, num_training_steps: 10, scheduler_specific_kwargs: {} }),
    ).toThrow(renamed);
  });

  it('asks for the arguments get_scheduler asks for', () => {
    expect(() => fromHuggingFace('linear', { learningRate: 0.1, num_training_steps: 10 })).toThrow('linear requires `num_warmup_steps`');
    expect(() => fromHuggingFace('cosine', { learningRate: 0.1, num_warmup_steps: 10 })).toThrow('cosine requires `num_training_steps`');
    expect(() => fromHuggingFace('linear', { num_warmup_steps: 0, num_training_steps: 10 } as never)).toThrow(
      'fromHuggingFace: `learningRate` is required; received undefined',
    );
    expect(() => fromHuggingFace('cosine_with_min_lr', { learningRate: 0.1, num_warmup_steps: 0, num_training_steps: 10 })).toThrow(
      /One of min_lr or min_lr_rate/,
    );
    expect(() => fromHuggingFace('warmup_stable_decay', { learningRate: 0.1, num_warmup_steps: 0, scheduler_specific_kwargs: { num_decay_steps: 5 } })).toThrow(
      /Either num_training_steps or num_stable_steps/,
    );
    expect(() =>
      fromHuggingFace('cosine', { learningRate: 0.1, num_warmup_steps: 0, num_training_steps: 10, scheduler_specific_kwargs: { num_cylces: 1 } }),
    ).toThrow(/unknown option `num_cylces` \(did you mean `num_cycles`\?\)/);
    expect(() => fromHuggingFace('reduce_lr_on_plateau', { learningRate: 0.1 })).toThrow(/use huggingFacePlateau/);
    expect(() => fromHuggingFace('cosine_with_restart', { learningRate: 0.1 })).toThrow(/did you mean 'cosine_with_restarts'/);
  });
});
