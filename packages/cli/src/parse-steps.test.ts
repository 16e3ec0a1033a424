import { describe, expect, it } from 'vitest';
import { parseSteps } from './parse-steps.js';

describe('parseSteps', () => {
  it('reads start:end as a half-open range', () => {
    expect(parseSteps('10:250')).toEqual({ start: 10, end: 250 });
  });

  it('reads a lone number as 0:end and accepts digit separators', () => {
    expect(parseSteps('1_000_000')).toEqual({ start: 0, end: 1_000_000 });
  });

  it.each(['5:5', '10:2', '-1:10', '0:abc', '0:1.5', ''])('rejects %j with one message naming --steps', (text) => {
    expect(() => parseSteps(text)).toThrow(
      `--steps must be start:end with integers 0 <= start < end (end exclusive, e.g. 0:1000); received ${JSON.stringify(text)}`,
    );
  });
});
