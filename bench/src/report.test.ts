import { describe, expect, it } from 'vitest';
import { renderMarkdown, runReport } from './report.js';
import type { BenchSection } from './sections.js';

const fake: BenchSection<number> = {
  key: 'fake',
  title: '9. A fake benchmark',
  run: async (smoke) => (smoke ? 1 : 2),
  render: (result) => `result ${result}`,
  targets: (result) => [{ target: 'fake target', measured: String(result), met: result === 1 }],
};

describe('runReport / renderMarkdown', () => {
  it('records the machine, the command, the targets and each section', async () => {
    const sections = [fake as unknown as BenchSection];
    const report = await runReport({ smoke: true, sections, args: ['--smoke'], log: () => {} });
    expect(report.results).toEqual({ fake: 1 });
    expect(report.machine.cores).toBeGreaterThan(0);
    const markdown = renderMarkdown(report, sections);
    expect(markdown).toContain('**Smoke run**');
    expect(markdown).toContain('| fake target | 1 | yes |');
    expect(markdown).toContain('## 9. A fake benchmark\n\nresult 1');
    expect(markdown).toMatch(/\| @tensorflow\/tfjs-node \| not installed \|/);
  });

  it('runs only the sections asked for', async () => {
    const report = await runReport({ smoke: true, sections: [fake as unknown as BenchSection], only: ['other'], log: () => {} });
    expect(report.results).toEqual({});
  });
});
