import { describe, expect, it } from 'vitest';
import { parseBackendFlag, toBackendChoice } from './backend-choice.js';

describe('parseBackendFlag', () => {
  it('reads "--backend <name>"', () => {
    expect(parseBackendFlag(['--epochs', '3', '--backend', 'cpu'])).toBe('cpu');
  });

  it('reads "--backend=<name>"', () => {
    expect(parseBackendFlag(['--backend=tensorflow-gpu', '--epochs=2'])).toBe('tensorflow-gpu');
  });

  it('returns undefined when the flag is absent', () => {
    expect(parseBackendFlag(['--epochs', '3'])).toBeUndefined();
  });

  it('takes the last of repeated flags', () => {
    expect(parseBackendFlag(['--backend', 'cpu', '--backend=wasm'])).toBe('wasm');
  });

  it('rejects an unknown name, listing the choices and suggesting the closest', () => {
    expect(() => parseBackendFlag(['--backend', 'gpu'])).toThrow(
      new RangeError('--backend must be one of tensorflow-gpu, tensorflow, webgpu, wasm, cpu; received "gpu" (did you mean "tensorflow-gpu"?)'),
    );
  });

  it('rejects a flag without a value', () => {
    expect(() => parseBackendFlag(['--backend', '--epochs', '3'])).toThrow(
      new RangeError('--backend needs a value, one of tensorflow-gpu, tensorflow, webgpu, wasm, cpu'),
    );
  });
});

describe('toBackendChoice', () => {
  it('names the option in the error', () => {
    expect(() => toBackendChoice(3, 'preferred')).toThrow(new RangeError('preferred must be one of tensorflow-gpu, tensorflow, webgpu, wasm, cpu; received 3'));
  });
});

describe('webgpu as a choice', () => {
  it('is accepted by name and sits between the native backends and wasm', () => {
    expect([parseBackendFlag(['--backend', 'webgpu']), toBackendChoice('webgpu')]).toEqual(['webgpu', 'webgpu']);
  });
});
