import { describe, expect, it } from 'vitest';
import { parsePythonCall } from './python-call.js';

describe('parsePythonCall', () => {
  it('reads keyword arguments and skips the optimizer', () => {
    expect(parsePythonCall('StepLR(optimizer, step_size=30, gamma=0.1)')).toEqual({
      name: 'StepLR',
      module: '',
      args: { step_size: 30, gamma: 0.1 },
    });
  });

  it('keeps the module path apart from the class name', () => {
    const call = parsePythonCall('torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)');
    expect(call.module).toBe('torch.optim.lr_scheduler');
    expect(call.name).toBe('ExponentialLR');
  });

  it('reads exponents, negative numbers, underscores, booleans, None and strings', () => {
    expect(parsePythonCall('X(a=1e-3, b=-0.5, c=1_000, d=True, e=False, f=None, g=\'cos\', h="tri", i=.5)').args).toEqual({
      a: 0.001,
      b: -0.5,
      c: 1000,
      d: true,
      e: false,
      f: null,
      g: 'cos',
      h: 'tri',
      i: 0.5,
    });
  });

  it('reads lists and tuples as arrays and allows trailing commas', () => {
    expect(parsePythonCall('MultiStepLR(milestones=[30, 80,], betas=(0.9, 0.99),)').args).toEqual({
      milestones: [30, 80],
      betas: [0.9, 0.99],
    });
  });

  it("reads float('inf')", () => {
    expect(parsePythonCall("X(a=float('inf'), b=float('-inf'))").args).toEqual({
      a: Number.POSITIVE_INFINITY,
      b: Number.NEGATIVE_INFINITY,
    });
  });

  it('turns nested calls into { name, args } descriptors', () => {
    const call = parsePythonCall('SequentialLR(opt, schedulers=[LinearLR(opt, start_factor=0.1), ExponentialLR(opt, gamma=0.9)], milestones=[5])');
    expect(call.args.schedulers).toEqual([
      { name: 'LinearLR', module: '', args: { start_factor: 0.1 } },
      { name: 'ExponentialLR', module: '', args: { gamma: 0.9 } },
    ]);
  });

  it('ignores comments and line breaks', () => {
    expect(parsePythonCall('StepLR(\n  step_size=3,  # every 3 steps\n  gamma=0.5,\n)').args).toEqual({ step_size: 3, gamma: 0.5 });
  });

  it('rejects a lambda, naming the position', () => {
    expect(() => parsePythonCall('LambdaLR(lr_lambda=lambda e: 0.9 ** e)')).toThrow(
      'lambdas cannot be evaluated here; use a built-in scheduler at character 20',
    );
  });

  it('rejects a positional value after the optimizer', () => {
    expect(() => parsePythonCall('StepLR(optimizer, 30)')).toThrow(/expected a keyword argument `name=value`/);
  });

  it('rejects a repeated argument', () => {
    expect(() => parsePythonCall('StepLR(step_size=3, step_size=4)')).toThrow('the argument `step_size` is given twice at character 21');
  });

  it('rejects prototype keys', () => {
    expect(() => parsePythonCall('StepLR(__proto__=3)')).toThrow('the argument name `__proto__` is not allowed');
  });

  it('rejects a missing closing parenthesis', () => {
    expect(() => parsePythonCall('StepLR(step_size=3')).toThrow('expected `,` or `)` between arguments at character 19');
  });

  it('rejects text after the call', () => {
    expect(() => parsePythonCall('StepLR(step_size=3) extra')).toThrow('unexpected text after the closing parenthesis at character 21');
  });

  it('rejects an unterminated string', () => {
    expect(() => parsePythonCall("CyclicLR(mode='triangular)")).toThrow("unterminated string (missing ')");
  });
});
