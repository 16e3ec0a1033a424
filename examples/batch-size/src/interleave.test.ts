import { describe, expect, it } from 'vitest';
import { type InterleavedArm, ratioSpread, roundOrders, runInterleaved } from './interleave.js';

/** Arms that log their calls and advance a fake clock by a fixed cost per epoch times the round's load. */
function fakeArms(costs: Record<string, number>, loadOfRound: (epoch: number) => number) {
  const calls: string[] = [];
  let now = 0;
  const start = (name: string): InterleavedArm<string> => {
    calls.push(`start ${name}`);
    return {
      async trainEpoch(epoch) {
        calls.push(`${name} ${epoch}`);
        now += (costs[name] as number) * loadOfRound(epoch);
      },
      finish() {
        calls.push(`finish ${name}`);
        return `${name} done`;
      },
    };
  };
  return { calls, start, clock: () => now };
}

describe('roundOrders', () => {
  it('rotates the arm order left by one each round', () => {
    expect(roundOrders(['a', 'b', 'c'], 4)).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
      ['c', 'a', 'b'],
      ['a', 'b', 'c'],
    ]);
  });
});

describe('runInterleaved', () => {
  it('starts every arm, trains epoch by epoch in rotating order, times each epoch, then finishes every arm', async () => {
    const { calls, start, clock } = fakeArms({ a: 10, b: 20, c: 30 }, () => 1);
    const loads = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const run = await runInterleaved(['a', 'b', 'c'], 2, start, { clock, loadAverage: () => loads.shift() ?? [] });
    expect(calls).toEqual(['start a', 'start b', 'start c', 'a 0', 'b 0', 'c 0', 'b 1', 'c 1', 'a 1', 'finish a', 'finish b', 'finish c']);
    expect(run.arms.map((arm) => [arm.name, arm.epochMilliseconds, arm.milliseconds, arm.result])).toEqual([
      ['a', [10, 10], 20, 'a done'],
      ['b', [20, 20], 40, 'b done'],
      ['c', [30, 30], 60, 'c done'],
    ]);
    expect(run.rounds).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
    ]);
    expect(run.loadAverage).toEqual({ start: [1, 2, 3], end: [4, 5, 6] });
  });

  it('keeps the ratio between arms when the load changes from one round to the next', async () => {
    // The load doubles every epoch: run one after the other, arm b would pay more for the same work.
    const { start, clock } = fakeArms({ a: 10, b: 5 }, (epoch) => 2 ** epoch);
    const run = await runInterleaved(['a', 'b'], 4, start, { clock, loadAverage: () => [0, 0, 0] });
    const [a, b] = run.arms;
    expect(b!.milliseconds / a!.milliseconds).toBe(0.5);
  });

  it('finishes the arms already started when an epoch throws', async () => {
    const finished: string[] = [];
    const start = (name: string): InterleavedArm<void> => ({
      async trainEpoch() {
        if (name === 'b') throw new Error('out of memory');
      },
      finish() {
        finished.push(name);
      },
    });
    await expect(runInterleaved(['a', 'b'], 1, start)).rejects.toThrow('out of memory');
    expect(finished.sort()).toEqual(['a', 'b']);
  });

  it('rejects duplicate or missing arms and a bad epoch count, naming them', async () => {
    const start = (): InterleavedArm<void> => ({ trainEpoch: async () => undefined, finish: () => undefined });
    await expect(runInterleaved(['a', 'a'], 1, start)).rejects.toThrow('runInterleaved: `arms` must be distinct names, at least one; received ["a","a"]');
    await expect(runInterleaved([], 1, start)).rejects.toThrow(RangeError);
    await expect(runInterleaved(['a'], 0, start)).rejects.toThrow('runInterleaved: `epochs` must be an integer >= 1; received 0');
  });
});

describe('ratioSpread', () => {
  it('gives the median (mean of the middle two for an even count) and the min–max', () => {
    expect(ratioSpread([1.2, 1.5, 1.3])).toEqual({ values: [1.2, 1.5, 1.3], median: 1.3, min: 1.2, max: 1.5 });
    expect(ratioSpread([4, 1, 3, 2])).toMatchObject({ median: 2.5, min: 1, max: 4 });
  });
});
