import { describe, expect, it } from 'vitest';
import { fromConfig, toConfig } from './config.js';
import { cosine } from './cosine.js';
import { join } from './join.js';
import { lambda } from './lambda.js';

describe('lambda', () => {
  it('evaluates the user function', () => {
    const s = lambda((step) => 0.1 * 0.95 ** step);
    expect(s(2)).toBeCloseTo(0.09025, 15);
    expect(s(0.5)).toBeCloseTo(0.1 * Math.sqrt(0.95), 15);
  });

  it('keeps the description in its config', () => {
    expect(lambda(() => 1, { description: 'one' }).config).toEqual({ type: 'lambda', description: 'one' });
    expect(lambda(() => 1).config).toEqual({ type: 'lambda' });
  });

  it('checks the step like every schedule', () => {
    expect(() => lambda(() => 1)(-1)).toThrow(new RangeError('lambda: `step` must be a finite number in [0, 9007199254740991]; received -1'));
  });

  it('makes toConfig throw with a clear message', () => {
    expect(() => toConfig(lambda(() => 1))).toThrow(
      new TypeError('toConfig: schedule is a lambda schedule, whose function cannot be serialised; replace it with a built-in schedule to save this config'),
    );
  });

  it('makes toConfig of a composite containing it throw with the path', () => {
    const s = join({ schedules: [cosine({ initialValue: 1, decaySteps: 5 }), lambda(() => 0.1)], boundaries: [5] });
    expect(() => toConfig(s)).toThrow(/toConfig: schedule\.schedules\[1\] is a lambda schedule/);
  });

  it('cannot be loaded by fromConfig', () => {
    expect(() => fromConfig({ type: 'lambda' })).toThrow(
      new TypeError('fromConfig: config is a lambda schedule, which cannot be loaded from JSON; re-create it with lambda(fn)'),
    );
  });

  it('rejects a function nested in a composite config at fromConfig', () => {
    expect(() => fromConfig({ type: 'offset', schedule: { type: 'lambda', description: 'x' }, delaySteps: 1 })).toThrow(
      /fromConfig: config\.schedule is a lambda schedule/,
    );
  });

  describe('rejects invalid arguments', () => {
    it('a non-function', () => {
      expect(() => lambda(0.1 as never)).toThrow(new TypeError('lambda: `fn` must be a function; received 0.1'));
    });
    it('a non-string description', () => {
      expect(() => lambda(() => 1, { description: 3 as never })).toThrow(new TypeError('lambda: `description` must be a string; received 3'));
    });
    it('an unknown key', () => {
      expect(() => lambda(() => 1, { name: 'x' } as never)).toThrow(/lambda: unknown option `name`/);
    });
  });
});
