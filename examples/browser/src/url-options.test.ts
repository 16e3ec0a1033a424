import { describe, expect, it } from 'vitest';
import { defaultPageOptions, readPageOptions } from './url-options.js';

describe('readPageOptions', () => {
  it('uses the defaults without a query', () => {
    expect(readPageOptions('')).toEqual({ options: defaultPageOptions, warnings: [] });
  });

  it('reads epochs, limit, test limit, batch size, learning rate, recipe, backend and seed', () => {
    const { options, warnings } = readPageOptions(
      '?epochs=1&limit=500&testLimit=100&batchSize=32&lr=0.01&recipe=one-cycle&backend=webgpu&seed=9&finderIterations=20',
    );
    expect(warnings).toEqual([]);
    expect(options).toEqual({
      epochs: 1,
      limit: 500,
      testLimit: 100,
      batchSize: 32,
      learningRate: 0.01,
      recipe: 'one-cycle',
      backend: 'webgpu',
      seed: 9,
      finderIterations: 20,
    });
  });

  it('falls back to the default and warns for an invalid value', () => {
    const { options, warnings } = readPageOptions('?epochs=0&backend=cuda&lr=-1&limit=abc&testLimit=10');
    expect(options.epochs).toBe(3);
    expect(options.backend).toBeUndefined();
    expect(options.learningRate).toBe(0.005);
    expect(options.limit).toBeUndefined();
    expect(options.testLimit).toBeUndefined();
    expect(warnings).toEqual([
      '?limit must be an integer from 64 to 60000; received "abc"',
      '?testLimit must be an integer from 64 to 10000; received "10"',
      '?lr must be a number in (0, 1]; received "-1"',
      '?backend must be one of webgpu, webgl, wasm, cpu; received "cuda"',
      '?epochs must be an integer from 1 to 50; received "0"',
    ]);
  });
});
