import { describe, expect, it } from 'vitest';
import { type AlternatingSamples, formatSpread, millisecondsSpread, rateSpread, ratioSpread, spread, timeAlternating } from './timing.js';

describe('spread', () => {
  it('gives the median of an odd count, the min and the max', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, values: [3, 1, 2] });
  });

  it('averages the two middle values of an even count', () => {
    expect(spread([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('rejects an empty list', () => {
    expect(() => spread([])).toThrow(RangeError);
  });
});

describe('timeAlternating', () => {
  it('rotates the starting variant every round, after the warm-up rounds', async () => {
    const order: string[] = [];
    const samples = await timeAlternating(
      [
        ['a', () => order.push('a')],
        ['b', () => order.push('b')],
        ['c', () => order.push('c')],
      ],
      { repetitions: 3, warmup: 1 },
    );
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(samples.get('a')).toHaveLength(3);
  });

  it('awaits async variants', async () => {
    let done = 0;
    await timeAlternating(
      [
        [
          'async',
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            done += 1;
          },
        ],
      ],
      { repetitions: 2, warmup: 0 },
    );
    expect(done).toBe(2);
  });

  it('rejects fewer than one repetition, a negative warm-up and duplicate names', async () => {
    await expect(timeAlternating([['a', () => 0]], { repetitions: 0, warmup: 0 })).rejects.toThrow(/repetitions/);
    await expect(timeAlternating([['a', () => 0]], { repetitions: 1, warmup: -1 })).rejects.toThrow(/warmup/);
    await expect(
      timeAlternating(
        [
          ['a', () => 0],
          ['a', () => 1],
        ],
        { repetitions: 1, warmup: 0 },
      ),
    ).rejects.toThrow(/distinct/);
  });
});

describe('ratios and rates', () => {
  const samples: AlternatingSamples = new Map([
    [
      'bare',
      [
        { wallMilliseconds: 100, cpuMilliseconds: 50 },
        { wallMilliseconds: 200, cpuMilliseconds: 100 },
      ],
    ],
    [
      'with',
      [
        { wallMilliseconds: 110, cpuMilliseconds: 51 },
        { wallMilliseconds: 200, cpuMilliseconds: 103 },
      ],
    ],
  ]);

  it('pairs each round of the variant with the same round of the baseline', () => {
    expect(ratioSpread(samples, 'with', 'bare', 'wall').values).toEqual([1.1, 1]);
    expect(ratioSpread(samples, 'with', 'bare', 'cpu').values.map((value) => value.toFixed(2))).toEqual(['1.02', '1.03']);
  });

  it('gives times and rates per round', () => {
    expect(millisecondsSpread(samples, 'bare')).toMatchObject({ median: 150, min: 100, max: 200 });
    expect(rateSpread(samples, 'bare', 1000, 'cpu')).toMatchObject({ min: 10_000, max: 20_000 });
  });

  it('names an unknown variant', () => {
    expect(() => ratioSpread(samples, 'missing', 'bare')).toThrow(/"missing"/);
  });

  it('formats median (min–max)', () => {
    expect(formatSpread(spread([1, 2, 3]), 1)).toBe('2.0 (1.0–3.0)');
  });
});
