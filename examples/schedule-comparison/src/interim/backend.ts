// TEMPORARY stand-in for selectBackend() and toBackendChoice() of @lrkit/examples-common
// (src/backend/, being written by another helper) with the same signatures: until they
// land, the automatic choice is the plain cpu backend. Replaced by the real imports.
import * as tf from '@tensorflow/tfjs';

export const backendChoices = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof backendChoices)[number];

export function toBackendChoice(value: unknown, optionName = '--backend'): BackendChoice {
  if (!(backendChoices as readonly unknown[]).includes(value)) {
    throw new RangeError(`${optionName} must be one of ${backendChoices.join(', ')}; received ${String(value)}`);
  }
  return value as BackendChoice;
}

export async function selectBackend(
  options: { preferred?: BackendChoice | undefined; log?: (line: string) => void } = {},
): Promise<{ choice: BackendChoice; backendName: string }> {
  const choice = options.preferred ?? 'cpu';
  if (choice !== 'cpu') throw new Error(`backend ${choice} is not available yet in this build`);
  await tf.setBackend('cpu');
  (options.log ?? console.log)(`backend: ${choice}`);
  return { choice, backendName: tf.getBackend() };
}
