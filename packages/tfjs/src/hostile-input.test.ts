/**
 * Hostile and careless options to the tfjs callbacks (issue 17, classes 1–3): anything given to
 * a constructor ends in a callback or one clear, short error naming the option; nothing is
 * coerced. (Bookkeeping across fit calls and aborted runs, class 4, is tested elsewhere.)
 */
import { fc, test } from '@fast-check/vitest';
import { cosine } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { LossHistory } from './loss-history.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';

function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function expectClear(error: Error, pattern: RegExp): void {
  expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
  expect(error.message).toMatch(pattern);
  expect(error.message).not.toContain('\n');
  expect(error.message.length).toBeLessThanOrEqual(1000);
}

const schedule = cosine({ initialValue: 0.1, decaySteps: 100 });

describe('LearningRateScheduler', () => {
  it.each([
    [
      { schedule: { type: 'cosine', initialValue: 0.1, decaySteps: 10 }, unit: 'batch' },
      /`schedule` must be a schedule or a function of the step \(a schedule config: build the schedule with fromConfig\(config\) first\)/,
    ],
    [{ schedule, unit: 'epochs' }, /`unit` must be one of 'batch', 'epoch'; received "epochs"/],
    [{ schedule, unit: 'batch', batchesPerEpoch: '5' }, /`batchesPerEpoch` must be an integer >= 1; received "5"/],
    [{ schedule, unit: 'batch', batchesPerEpoch: null }, /`batchesPerEpoch` must be an integer >= 1; received null/],
    [{ schedule, unit: 'batch', initialStep: '5' }, /`initialStep` must be a finite number >= 0; received "5"/],
    [{ schedule, unit: 'batch', initialStep: null }, /`initialStep` must be a finite number >= 0; received null/],
    [{ schedule, unit: 'batch', interpolate: 1 }, /`interpolate` must be a boolean; received 1/],
    [{ schedule, unit: 'batch', ['o'.repeat(1_000_000)]: 1 }, /unknown option `o{60}…`/],
    [
      { schedule: 'x'.repeat(1_000_000), unit: 'batch' },
      /`schedule` must be a schedule or a function of the step; received "x{199}… \(a string of 1000000 characters\)$/,
    ],
    [{ schedule: Array.from({ length: 1_000_000 }, (_, index) => index), unit: 'batch' }, /received \[0,1,2,.*… \(an array of 1000000 entries\)$/],
  ])('refuses %# with one short line naming the option', (options, pattern) => {
    expectClear(
      thrownBy(() => new LearningRateScheduler(options as never)),
      pattern,
    );
  });
});

describe('ReduceLROnPlateau', () => {
  it.each([
    [{ factor: '0.5' }, /`factor` must be a number in \(0, 1\); received "0.5"/],
    [{ factor: 1 }, /`factor` must be a number in \(0, 1\); received 1/],
    [{ patience: 2.5 }, /`patience` must be an integer >= 0; received 2.5/],
    [{ patience: '3' }, /`patience` must be an integer >= 0; received "3"/],
    [{ monitor: '' }, /`monitor` must be a non-empty string; received ""/],
    [{ mode: 'x'.repeat(100_000) }, /`mode` must be one of 'auto', 'min', 'max'; received "x{199}… \(a string of 100000 characters\)$/],
  ])('refuses %# with one short line naming the option', (options, pattern) => {
    expectClear(
      thrownBy(() => new ReduceLROnPlateau(options as never)),
      pattern,
    );
  });
});

describe('LossHistory', () => {
  it('refuses a non-string file and an unknown option with one short line', () => {
    expectClear(
      thrownBy(() => new LossHistory({ file: 5 } as never)),
      /`file` must be a non-empty string; received 5/,
    );
    expectClear(
      thrownBy(() => new LossHistory({ ['k'.repeat(100_000)]: true } as never)),
      /unknown option `k{60}…`/,
    );
  });
});

describe('property', () => {
  const wild = fc.oneof(
    fc.constantFrom(null, '5', '', true, false, [], {}, [1, , 3], NaN, Infinity, -1, 0, 1, 2.5, 1e300, 'batch', 'epoch', 'min', 'max', 'auto'),
    fc.double(),
    fc.string({ maxLength: 8 }),
  );
  test.prop(
    [
      fc.record({ unit: wild, interpolate: wild, batchesPerEpoch: wild, initialStep: wild, keras: wild, verbose: wild }, { requiredKeys: [] }),
      fc.record(
        { monitor: wild, mode: wild, factor: wild, patience: wild, minDelta: wild, cooldown: wild, minValue: wild, semantics: wild },
        { requiredKeys: [] },
      ),
    ],
    { numRuns: 400 },
  )('any options build a callback or end in one clear error', (schedulerOptions, plateauOptions) => {
    for (const build of [() => new LearningRateScheduler({ schedule, ...schedulerOptions } as never), () => new ReduceLROnPlateau(plateauOptions as never)]) {
      try {
        build();
      } catch (error) {
        expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
        expect((error as Error).message).not.toContain('\n');
        expect((error as Error).message.length).toBeLessThanOrEqual(1000);
      }
    }
  });
});
