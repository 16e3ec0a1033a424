import { describe, expect, it } from 'vitest';
import recorded from './presets/traces/torch-generator.json' with { type: 'json' };
import { TorchGenerator } from './torch-generator.js';

describe('TorchGenerator', () => {
  it('draws the float32 normals torch.randn(1) draws after manual_seed, including the cached sine sample', () => {
    for (const { seed, randn } of recorded) {
      const generator = new TorchGenerator(seed);
      expect(randn.map(() => generator.randn())).toEqual(randn);
    }
  });

  it('draws the float32 uniforms torch.rand(1) draws after manual_seed', () => {
    for (const { seed, rand } of recorded) {
      const generator = new TorchGenerator(seed);
      expect(rand.map(() => generator.rand())).toEqual(rand);
    }
  });

  it('keeps the low 32 bits of a seed above 2^32, as PyTorch does', () => {
    expect(new TorchGenerator(2 ** 32 + 5).randn()).toBe(new TorchGenerator(5).randn());
  });

  it('rejects a negative or fractional seed', () => {
    expect(() => new TorchGenerator(-1)).toThrow('`seed` must be a non-negative safe integer; received -1');
    expect(() => new TorchGenerator(1.5)).toThrow(RangeError);
  });
});
