import { describe, expect, it } from 'vitest';
import { closestName, describeValue, increasingNumbers, knownKeys, oneOf, optionKeys, positiveInteger } from './validation.js';

describe('closestName', () => {
  it('suggests the candidate within the typo distance, ignoring case', () => {
    expect(closestName('CosIne', ['cosine', 'constant'])).toBe('cosine');
    expect(closestName('step_sise', ['step_size', 'gamma'])).toBe('step_size');
  });

  it('returns nothing when no name is close', () => {
    expect(closestName('zzzzzzzz', ['cosine', 'constant'])).toBeUndefined();
  });
});

describe('argument checks', () => {
  it('name the owner, the argument, the rule and the received value', () => {
    expect(() => positiveInteger('step', 'periodSteps', 2.5)).toThrow(new RangeError('step: `periodSteps` must be an integer >= 1; received 2.5'));
    expect(() => positiveInteger('step', 'periodSteps', '3')).toThrow(new TypeError('step: `periodSteps` must be an integer >= 1; received "3"'));
    expect(() => oneOf('cyclic', 'mode', 'tri', ['triangular', 'triangular2'] as const)).toThrow(
      new RangeError("cyclic: `mode` must be one of 'triangular', 'triangular2'; received \"tri\""),
    );
    expect(() => increasingNumbers('multiStep', 'boundaries', [3, 2])).toThrow(
      new RangeError('multiStep: `boundaries` must be strictly increasing; received [3,2]'),
    );
  });

  it('reject unknown option keys and suggest the closest one', () => {
    expect(() => knownKeys('cosine', { decaySteps: 1, finalValeu: 0 }, ['decaySteps', 'finalValue'])).toThrow(
      new TypeError('cosine: unknown option `finalValeu` (did you mean `finalValue`?); valid options are `decaySteps`, `finalValue`'),
    );
  });

  it('describe class instances by their class name', () => {
    expect(describeValue(new Map())).toBe('an instance of Map');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('knownKeys renamed and optionKeys', () => {
  it('refuses a renamed option with its new name', () => {
    expect(() => knownKeys('cosine', { alpha: 0.1 }, ['initialValue', 'finalValue'], { renamed: { alpha: 'finalValue' } })).toThrow(
      new TypeError('cosine: option `alpha` was renamed `finalValue` before 1.0 (same meaning unless the changelog says otherwise)'),
    );
    expect(() => knownKeys('cosine', { toString: 1 }, ['initialValue'], { renamed: {} })).toThrow(/unknown option `toString`/);
  });

  it('lists the keys of the checked shape in order', () => {
    interface Example {
      readonly initialValue: number;
      readonly factor?: number;
    }
    expect(optionKeys<Example>({ initialValue: true, factor: true })).toEqual(['initialValue', 'factor']);
  });
});
