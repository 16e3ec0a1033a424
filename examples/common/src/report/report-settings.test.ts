import { describe, expect, it } from 'vitest';

import { reportSettings } from './report-settings.js';

describe('reportSettings', () => {
  it('names the shared settings as the report shows them, in order', () => {
    const rows = reportSettings({ epochs: 3, batchSize: 64, seed: 1, validationFraction: 0.1 });
    expect(Object.entries(rows)).toEqual([
      ['epochs', 3],
      ['batch size', 64],
      ['seed', 1],
      ['validation fraction', 0.1],
    ]);
  });

  it('ignores the other fields of an options object', () => {
    const options = { epochs: 2, batchSize: 32, seed: 7, validationFraction: 0, dataset: 'mnist' };
    expect(Object.keys(reportSettings(options))).toEqual(['epochs', 'batch size', 'seed', 'validation fraction']);
  });
});
