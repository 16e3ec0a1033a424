import { describe, expect, it } from 'vitest';
import { callNumber, defaultLastEpoch, functionArgument, integerArray, jsonArgument, pythonModulo } from './framework-arguments.js';

describe('framework argument helpers', () => {
  it('pythonModulo takes the sign of the divisor', () => {
    expect([pythonModulo(-1, 4), pythonModulo(-8, 4), pythonModulo(5, 4)]).toEqual([3, 0, 1]);
  });

  it('integerArray names the offending entry', () => {
    expect(() => integerArray('MultiStepLR', 'milestones', [3, 2.5], 0)).toThrow(
      new RangeError('MultiStepLR: `milestones[1]` must be an integer >= 0; received 2.5'),
    );
    expect(() => integerArray('MultiStepLR', 'milestones', [], 0)).toThrow(/must be a non-empty array of integers >= 0; received \[\]/);
  });

  it('functionArgument explains a saved { type: lambda } placeholder', () => {
    expect(() => functionArgument('LambdaLR', 'lr_lambda', { type: 'lambda' })).toThrow(
      /LambdaLR: `lr_lambda` is a saved \{ type: 'lambda' \} placeholder, whose function cannot be loaded from JSON/,
    );
  });

  it('callNumber rejects a user function that returns a non-number', () => {
    expect(() => callNumber('LambdaLR', 'lr_lambda', () => 'x', 3)).toThrow(
      new TypeError('LambdaLR: `lr_lambda` must return a finite number; received "x" for 3'),
    );
  });

  it('defaultLastEpoch accepts only -1', () => {
    expect(() => defaultLastEpoch('StepLR', -1)).not.toThrow();
    expect(() => defaultLastEpoch('StepLR', 0)).toThrow(/StepLR: `last_epoch` must be -1/);
  });

  it('jsonArgument stores a function as { type: lambda }', () => {
    expect(jsonArgument(() => 1)).toEqual({ type: 'lambda' });
    expect(jsonArgument(undefined)).toBeNull();
  });
});
