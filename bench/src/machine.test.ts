import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeMachine, relativeToRepository } from './machine.js';

describe('describeMachine', () => {
  it('writes repository paths relative to the root, plain and as file URLs', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    expect(relativeToRepository(`node --import file://${root}x/loader.mjs ${root}bench/src/run.ts`)).toBe('node --import x/loader.mjs bench/src/run.ts');
  });

  it('lists the native tfjs packages as not installed here', () => {
    const machine = describeMachine([]);
    expect(machine.packages.filter((entry) => entry.name.startsWith('@tensorflow/tfjs-node'))).toEqual([
      { name: '@tensorflow/tfjs-node', version: 'not installed' },
      { name: '@tensorflow/tfjs-node-gpu', version: 'not installed' },
    ]);
  });
});
