import { describe, expect, it } from 'vitest';

import { rangeTestSection } from './range-test.js';

describe('rangeTestSection', () => {
  it('puts the printed lines under a heading, then the chart and the link to the raw losses', () => {
    expect(rangeTestSection(['line 1', 'line 2'])).toEqual([
      '## LR range test',
      '',
      'line 1',
      'line 2',
      '',
      '![LR range test](lr-finder.svg)',
      '',
      'The raw loss of every batch of the sweep: [lr-finder-raw.svg](lr-finder-raw.svg).',
      '',
    ]);
  });
});
