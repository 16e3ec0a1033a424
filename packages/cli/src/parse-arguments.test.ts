import { describe, expect, it } from 'vitest';
import { parseKeywordArguments } from './parse-arguments.js';

describe('parseKeywordArguments', () => {
  it('reads numbers, Python literals, lists and bare strings', () => {
    expect(parseKeywordArguments('step_size=10,gamma=0.5,verbose=False,last_epoch=-1,anneal_strategy=cos,eta=1e-3')).toEqual({
      step_size: 10,
      gamma: 0.5,
      verbose: false,
      last_epoch: -1,
      anneal_strategy: 'cos',
      eta: 0.001,
    });
  });

  it('keeps commas inside brackets and parentheses', () => {
    expect(parseKeywordArguments('milestones=[30,80],betas=(0.9, 0.99),gamma=0.1')).toEqual({
      milestones: [30, 80],
      betas: [0.9, 0.99],
      gamma: 0.1,
    });
  });

  it('accepts a JSON object and None as null', () => {
    expect(parseKeywordArguments('{"T_max": 100}')).toEqual({ T_max: 100 });
    expect(parseKeywordArguments("total_steps=None,mode='triangular2'")).toEqual({ total_steps: null, mode: 'triangular2' });
  });

  it('returns no arguments for an empty string', () => {
    expect(parseKeywordArguments('')).toEqual({});
  });

  it('rejects a pair without a key', () => {
    expect(() => parseKeywordArguments('step_size=10,0.5')).toThrow(
      '--args must be key=value pairs separated by commas (e.g. step_size=10,gamma=0.5); received "0.5"',
    );
  });
});
